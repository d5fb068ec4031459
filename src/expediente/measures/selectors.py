"""Reads for measures: the supervising judge's list by compliance status and the
reporting desk's check-ins expected today. The visibility of cases is the court
workspace's (``court.pages.visibility``), so a measure in a case the actor may not see
does not exist for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q, QuerySet

from expediente.docket.models import Case, Court
from expediente.measures.models import Measure, MeasureDeadline
from expediente.measures.progress import behind_by

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
    tz = ZoneInfo(measure.court.timezone)
    today = now.astimezone(tz).date()
    open_ = sorted((d for d in deadlines if d.open), key=lambda d: d.due_at)
    overdue = [d for d in open_ if d.status(now) == "overdue"]
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
    elif overdue:
        status = "missed"
    elif short:
        status = "behind"
    else:
        status = "complying"
    upcoming = [d for d in open_ if d not in overdue]
    return Supervised(measure, status, overdue, upcoming[0] if upcoming else None, short)


def measure_list_supervised(
    *, courts: list[Court], visible: Q, now: dt.datetime, include_closed: bool = False
) -> list[Supervised]:
    """Every measure in ``courts`` (of cases matching ``visible``), breaches first, then
    missed deadlines, behind schedule, complying; closed ones only when asked."""
    query = (
        Measure.objects.filter(court__in=courts)
        .filter(**({} if include_closed else {"status": Measure.Status.ACTIVE}))
        .filter(case__in=_cases(visible))
        .select_related("case", "court", "participation__person")
        .prefetch_related(Prefetch("deadlines", queryset=MeasureDeadline.objects.filter(open=True)))
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


def breaches_awaiting_response(
    *, courts: list[Court], visible: Q, limit: int | None = None
) -> list[Measure]:
    """Measures in force in ``courts`` (of cases matching ``visible``) with a breach the
    judge has not answered yet, the latest breach first (at most ``limit``): what the due
    list shows at its top. One query, on the partial index ``measure_breach_open`` (few
    rows: only open breaches are in it); a measure leaves it when the response is
    recorded."""
    query = (
        _awaiting_response(courts, visible)
        .select_related("case", "court", "participation__person")
        .order_by("-last_breach_at", "pk")
    )
    return list(query if limit is None else query[:limit])


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


def checkins_expected(*, courts: list[Court], visible: Q, now: dt.datetime) -> list[Expected]:
    """Reporting obligations due by the end of today (court time) and not yet met:
    the people the reporting desk expects, the longest overdue first."""
    rows = []
    query = (
        MeasureDeadline.objects.filter(court__in=courts, open=True, rule_id=REPORTING_RULE)
        .filter(case__in=_cases(visible))
        .select_related("measure__participation__person", "case", "court")
        .order_by("due_at", "pk")
    )
    for d in query:
        today = now.astimezone(ZoneInfo(d.court.timezone)).date()
        if d.due_on <= today and d.measure.status == Measure.Status.ACTIVE:
            rows.append(Expected(d.measure, d, d.due_at <= now or d.due_on < today))
    return rows


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
