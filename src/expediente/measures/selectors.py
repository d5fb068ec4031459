"""Reads for measures: the supervising judge's list by compliance status and the
reporting desk's check-ins expected today. The visibility of cases is the court
workspace's (``court.pages.visibility``), so a measure in a case the actor may not see
does not exist for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any
from zoneinfo import ZoneInfo

from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.db.models.lookups import IStartsWith

from expediente.docket.models import Case, Court
from expediente.docket.text import SEPARATORS, compact, name_condition
from expediente.measures.models import Measure, MeasureDeadline
from expediente.measures.progress import behind_by
from expediente.rules.deadlines import status_at

# Compliance statuses, the most urgent first: the order of the judge's list.
STATUSES = ("breached", "missed", "behind", "complying", "closed")
REPORTING_RULE = "intl.measure.reporting"


@dataclass(frozen=True)
class Supervised:
    measure: Measure
    status: str
    overdue: list[MeasureDeadline]
    next_due: MeasureDeadline | None
    behind: int  # hours or amount short of the pro-rata schedule


def compliance(measure: Measure, deadlines: list[MeasureDeadline], now: dt.datetime) -> Supervised:
    """Where one measure stands at ``now``."""
    open_ = sorted((d for d in deadlines if d.open), key=lambda d: d.due_at)
    overdue = [d for d in open_ if d.status(now) == "overdue"]
    status, short = _standing(
        measure,
        any_overdue=bool(overdue),
        today=now.astimezone(ZoneInfo(measure.court.timezone)).date(),
    )
    upcoming = [d for d in open_ if d not in overdue]
    return Supervised(measure, status, overdue, upcoming[0] if upcoming else None, short)


def _standing(measure: Any, *, any_overdue: bool, today: dt.date) -> tuple[str, int]:
    """The compliance status of a measure (a Measure, or any object with its fields) and
    how far behind its pro-rata schedule it is: the one rule for ``compliance`` and for
    the supervision list's ranking of every measure (``measure_page_supervised``)."""
    short = 0
    due_on = measure.conditions.get("due_on")
    if measure.kind == "community_service" and isinstance(due_on, str):
        short = behind_by(
            measure.hours_logged,
            int(measure.conditions.get("hours") or 0),
            start=measure.starts_on,
            end=dt.date.fromisoformat(due_on),
            day=today,
        )
    if measure.status != Measure.Status.ACTIVE:
        status = "closed"
    elif measure.breach_open:
        status = "breached"
    elif any_overdue:
        status = "missed"
    elif short:
        status = "behind"
    else:
        status = "complying"
    return status, short


def measure_list_supervised(
    *, courts: list[Court], visible: Q, now: dt.datetime, include_closed: bool = False
) -> list[Supervised]:
    """Every measure in ``courts`` (of cases matching ``visible``), breaches first, then
    missed deadlines, behind schedule, complying; closed ones only when asked. The whole
    list, each measure loaded with its deadlines: for a few measures (a case's); the
    judge's page takes one page of it (``measure_page_supervised``)."""
    query = _supervised(courts, visible, include_closed).prefetch_related(
        Prefetch("deadlines", queryset=MeasureDeadline.objects.filter(open=True))
    )
    rows = [compliance(m, list(m.deadlines.all()), now) for m in query]
    rows.sort(key=lambda r: (STATUSES.index(r.status), _urgency(r), r.measure.pk))
    return rows


def _urgency(row: Supervised) -> float:
    """Within a status: the latest breach first; otherwise the earliest due first."""
    m = row.measure
    if row.status == "breached" and m.last_breach_at:
        return -m.last_breach_at.timestamp()
    if row.overdue:
        return row.overdue[0].due_at.timestamp()
    return row.next_due.due_at.timestamp() if row.next_due else float("inf")


PER_PAGE = 50


@dataclass(frozen=True)
class SupervisionPage:
    """One page of the judge's list: its measures as ``compliance`` states them, how
    many measures of the whole list are in each status, and the page among the pages of
    the list (of one status, when asked for one)."""

    rows: list[Supervised]
    counts: dict[str, int]
    page: Page[Any]


@dataclass(frozen=True)
class _Ranked:
    """What ranking a measure takes: its fields, not the measure (no model instance)."""

    pk: int
    court_id: int
    kind: str
    status: str
    breach_open: bool
    last_breach_at: dt.datetime | None
    hours_logged: int
    conditions: dict[str, Any]
    starts_on: dt.date


def measure_page_supervised(
    *,
    courts: list[Court],
    visible: Q,
    now: dt.datetime,
    include_closed: bool = False,
    status: str | None = None,
    page: str | int | None = 1,
    per_page: int | None = None,
) -> SupervisionPage:
    """A page of ``measure_list_supervised`` (the measures in ``status`` only, when
    given), with the count of every status over the whole list.

    A court with tens of thousands of cases supervises thousands of measures: the list
    is ranked from two light queries (the measures' own fields, and the dates of their
    open deadlines), and only the page's measures are loaded whole and stated by
    ``compliance``. The order is ``measure_list_supervised``'s (tested against it).
    ``per_page``: ``PER_PAGE`` (50) unless given.
    ``page`` is as the query string gives it: anything but a page number shows the
    first page, a number past the end the last (Django's ``Paginator.get_page``)."""
    measures = _supervised(courts, visible, include_closed)
    zones = {court.pk: ZoneInfo(court.timezone) for court in courts}
    dates: dict[int, list[tuple[dt.datetime, bool]]] = {}
    open_deadlines = MeasureDeadline.objects.filter(
        open=True, measure__in=measures.values("pk")
    ).values_list("measure_id", "due_at", "alert_from", "satisfied_at", "stopped_at")
    for measure_id, due_at, alert_from, satisfied_at, stopped_at in open_deadlines.iterator():
        late = (
            status_at(
                now,
                due_at=due_at,
                due_soon_from=alert_from,
                satisfied_at=satisfied_at,
                stopped_at=stopped_at,
                suspended_since=None,
            )
            == "overdue"
        )
        dates.setdefault(measure_id, []).append((due_at, late))
    ranked: list[tuple[int, float, int, str]] = []
    for values in measures.values_list(*(f.name for f in fields(_Ranked))).iterator():
        m = _Ranked(*values)
        open_ = sorted(dates.get(m.pk, ()), key=lambda pair: pair[0])
        overdue = [due for due, is_late in open_ if is_late]
        upcoming = [due for due, is_late in open_ if not is_late]
        standing, _short = _standing(
            m, any_overdue=bool(overdue), today=now.astimezone(zones[m.court_id]).date()
        )
        # as _urgency
        if standing == "breached" and m.last_breach_at:
            urgency = -m.last_breach_at.timestamp()
        elif overdue:
            urgency = overdue[0].timestamp()
        else:
            urgency = upcoming[0].timestamp() if upcoming else float("inf")
        ranked.append((STATUSES.index(standing), urgency, m.pk, standing))
    ranked.sort()
    counts = dict.fromkeys(STATUSES, 0)
    for *_rank, standing in ranked:
        counts[standing] += 1
    listed = [r for r in ranked if status is None or r[3] == status]
    shown = Paginator(listed, per_page or PER_PAGE).get_page(page)
    ids = [pk for _s, _u, pk, _st in shown.object_list]
    loaded = {
        m.pk: m
        for m in Measure.objects.filter(pk__in=ids)
        .select_related("case", "court", "participation__person")
        .prefetch_related(Prefetch("deadlines", queryset=MeasureDeadline.objects.filter(open=True)))
    }
    rows = [compliance(loaded[pk], list(loaded[pk].deadlines.all()), now) for pk in ids]
    return SupervisionPage(rows=rows, counts=counts, page=shown)


def _supervised(courts: list[Court], visible: Q, include_closed: bool) -> QuerySet[Measure]:
    return (
        Measure.objects.filter(court__in=courts)
        .filter(**({} if include_closed else {"status": Measure.Status.ACTIVE}))
        .filter(case__in=_cases(visible))
        .select_related("case", "court", "participation__person")
    )


def breaches_awaiting_response(
    *, courts: list[Court], visible: Q, limit: int | None = None
) -> list[Measure]:
    """Measures in force in ``courts`` (of cases matching ``visible``) with a breach the
    judge has not answered yet, the latest breach first (at most ``limit``): what the due
    list shows at its top. One query, on the partial index ``measure_breach_open`` (few
    rows: only open breaches are in it); a measure leaves it when the response is
    recorded.

    With ``limit``, the latest ones are picked in a subquery and only they are joined to
    their case and person: joined first, PostgreSQL hashed every participation of the
    courts before sorting (47 ms at 34,000 demo cases, growing with the caseload)."""
    order = ("-last_breach_at", "pk")
    latest = _awaiting_response(courts, visible).order_by(*order)
    if limit is not None:
        latest = Measure.objects.filter(pk__in=latest.values("pk")[:limit]).order_by(*order)
    return list(latest.select_related("case", "court", "participation__person"))


def breaches_awaiting_response_count(*, courts: list[Court], visible: Q) -> int:
    """How many measures ``breaches_awaiting_response`` would list without a limit."""
    return _awaiting_response(courts, visible).count()


def _awaiting_response(courts: list[Court], visible: Q) -> QuerySet[Measure]:
    return Measure.objects.filter(
        court__in=courts, breach_open=True, status=Measure.Status.ACTIVE
    ).filter(case__in=_cases(visible))


def _cases(visible: Q) -> QuerySet[Case, int]:
    return Case.objects.filter(visible).values_list("pk", flat=True)


@dataclass(frozen=True)
class Expected:
    measure: Measure
    deadline: MeasureDeadline
    overdue: bool


def checkins_expected(
    *,
    courts: list[Court],
    visible: Q,
    now: dt.datetime,
    matching: Q | None = None,
    limit: int | None = None,
) -> list[Expected]:
    """Reporting obligations due by the end of today (court time) and not yet met:
    the people the reporting desk expects, the longest overdue first (the first
    ``limit``; those ``matching``, a ``desk_search`` condition, only)."""
    query = _expected(courts, visible, now, matching).select_related(
        "measure__participation__person", "case", "court"
    )
    rows = []
    for d in query if limit is None else query[:limit]:
        today = now.astimezone(ZoneInfo(d.court.timezone)).date()
        rows.append(Expected(d.measure, d, d.due_at <= now or d.due_on < today))
    return rows


def checkins_expected_count(
    *, courts: list[Court], visible: Q, now: dt.datetime, matching: Q | None = None
) -> int:
    """How many people ``checkins_expected`` would list without a limit."""
    return _expected(courts, visible, now, matching).count()


def _expected(
    courts: list[Court], visible: Q, now: dt.datetime, matching: Q | None
) -> QuerySet[MeasureDeadline]:
    """The open reporting obligations of measures in force due by each court's today,
    in SQL (not the ones due later, most of them)."""
    if not courts:
        return MeasureDeadline.objects.none()
    due = Q()
    for court in courts:
        today = now.astimezone(ZoneInfo(court.timezone)).date()
        due |= Q(court=court, due_on__lte=today)
    query = (
        MeasureDeadline.objects.filter(due, open=True, rule_id=REPORTING_RULE)
        .filter(measure__status=Measure.Status.ACTIVE)
        .filter(case__in=_cases(visible))
    )
    if matching is not None:
        query = query.filter(matching)
    return query.order_by("due_at", "pk")


def desk_search(text: str) -> Q:
    """The reporting desk's search, on what is recorded: a name (folded, from the start of
    any word), or, with a digit in it, the start of an identity document, court number or
    national identifier, separators ignored ("102340567" finds "1-0234-0567"). The desk
    checks each row found again against what its reader may see."""
    person = "measure__participation__person__"
    if any(c.isdigit() for c in text):
        typed = compact(text)
        found = Q()
        for field in (f"{person}id_number", "case__number", "case__nuid"):
            found |= Q(IStartsWith(_without_separators(F(field)), Value(typed)))
        return found
    return name_condition(f"{person}search_name", text)


def _without_separators(value: Any) -> Any:
    for separator in SEPARATORS:
        value = Replace(value, Value(separator), Value(""))
    return value


def checkins_today(*, courts: list[Court], visible: Q, now: dt.datetime) -> list[Measure]:
    """Measures whose person checked in today (court time), latest first."""
    since = now - dt.timedelta(hours=24)
    query = (
        Measure.objects.filter(court__in=courts, last_check_in_at__gte=since)
        .filter(case__in=_cases(visible))
        .select_related("participation__person", "case", "court")
        .order_by("-last_check_in_at")
    )
    out = []
    for m in query:
        tz = ZoneInfo(m.court.timezone)
        assert m.last_check_in_at is not None
        if m.last_check_in_at.astimezone(tz).date() == now.astimezone(tz).date():
            out.append(m)
    return out
