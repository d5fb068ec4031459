"""Reads of custody and deadlines. Views, API routes and the case page call these.

- ``deadline_list_due``: a court's open deadlines, most urgent first, one index range
  scan on (court, open, due_at), with only the columns a list shows (``LISTED``).
- ``custody_clock``: per person in a case, the days in custody, the current period, the
  next review and the legal maximum, each with the sentence that explains it.
- ``orders_awaiting_arrest``: the people under a detention order that found them not in
  custody and that no arrest has carried out yet (not held, and not on the clock).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.base import ModelState
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from expediente.access.capabilities import SEALED_ROLES
from expediente.access.policy import Actor
from expediente.custody import history, periods
from expediente.custody.models import CustodyPeriod, Deadline, Kind
from expediente.custody.periods import ARRESTED, RECAPTURED, Step
from expediente.docket.models import Case, Confidentiality, Court, Event, Participation, Person
from expediente.rules.citation import cite_law
from expediente.rules.deadlines import DUE_SOON_WITHIN, lead_windows
from expediente.rules.loader import load_pack
from expediente.rules.schema import Pack

M = TypeVar("M", bound=Model)
STATUSES = ("overdue", "due_soon", "pending")
SINCE: dict[str, Any] = {
    Kind.POLICE: gettext_lazy("in police custody since %(since)s"),
    Kind.PRETRIAL: gettext_lazy("in pretrial detention since %(since)s"),
    Kind.SENTENCED_APPEAL: gettext_lazy("sentenced, appeal pending, in custody since %(since)s"),
    Kind.SENTENCED_FINAL: gettext_lazy("serving a final sentence since %(since)s"),
}


def alert_lead(court: Court) -> dt.timedelta:
    """The longest time before a deadline that any alert of the court's pack comes: no
    deadline further away than this can be due soon."""
    return max(most for _least, most in alert_lead_windows(court))


def alert_lead_windows(court: Court) -> list[tuple[dt.timedelta, dt.timedelta]]:
    """Each alert lead of the court's pack as (shortest, longest) time before the due
    moment, plus (0, 0) for the due moment itself (``rules.deadlines.lead_windows``)."""
    return lead_windows(load_pack(court.rule_pack).deadlines)


def in_custody_q() -> Q:
    """Cases (a filter on Case) with someone in custody now: an open custody period.
    Replaces the event-log stopgap of court/pages/custody.py."""
    return Q(Exists(CustodyPeriod.objects.filter(case_id=OuterRef("pk"), ended_at__isnull=True)))


def anyone_held_at(case: Case, *moments: dt.datetime) -> bool:
    """Was anyone in the case in custody at any of these moments (a custody period
    running then; time at large is in none)? One query on the period rows."""
    at = Q()
    for moment in moments:
        at |= Q(started_at__lte=moment) & (Q(ended_at__isnull=True) | Q(ended_at__gt=moment))
    return CustodyPeriod.objects.filter(case_id=case.pk).filter(at).exists()


def held_at(case: Case, moment: dt.datetime) -> dict[str, str]:
    """Who in the case is in custody at ``moment``, and as what: participant id -> kind
    of custody (``Kind``: police, pretrial, …), from the period running then (time at
    large is in none; an order not carried out holds nobody). One query."""
    rows = CustodyPeriod.objects.filter(case_id=case.pk, started_at__lte=moment).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=moment)
    )
    return dict(rows.values_list("participation__uid", "kind"))


def deadline_list_due(
    *,
    court: Court,
    until: dt.datetime | None,
    now: dt.datetime,
    actor: Actor | None = None,
    status: str | None = None,
    after: tuple[dt.datetime, int] | None = None,
    limit: int | None = None,
) -> list[Deadline]:
    """The court's open deadlines due by ``until`` (every open one when None), most
    urgent first: overdue the longest first, then the soonest due.

    ``status`` narrows to overdue, due soon or pending (at ``now``); ``after`` is the
    (due_at, id) of the last row of the previous page. With an ``actor``, deadlines of
    sealed cases are left out unless the actor may see sealed cases in this court."""
    rows = _due_query(listed_rows(), court=court, until=until, now=now, status=status)
    if actor is not None and not actor.roles_in(court.code) & SEALED_ROLES:
        rows = rows.exclude(case__confidentiality=Confidentiality.SEALED)
    if after is not None:
        rows = rows.filter(Q(due_at__gt=after[0]) | Q(due_at=after[0], id__gt=after[1]))
    rows = rows.order_by("due_at", "id")
    return listed(rows[:limit] if limit is not None else rows, court)


def deadline_list_priority(
    *, court: Court, actor: Actor | None = None, limit: int = 50
) -> list[Deadline]:
    """The court's open deadlines of people whose case the law puts first (``priority``
    in the pack: a detained juvenile, Costa Rica's Ley 7576 art. 60), soonest due first.
    Sealed cases are left out as in ``deadline_list_due``. A partial index keeps it a
    short range read however many deadlines are open."""
    rows = listed_rows().filter(court=court, open=True, priority=True)
    if actor is not None and not actor.roles_in(court.code) & SEALED_ROLES:
        rows = rows.exclude(case__confidentiality=Confidentiality.SEALED)
    return listed(rows.order_by("due_at", "id")[:limit], court)


# What a list of a court's deadlines shows (the due page with its "first by law" section,
# and the API's items), per model, and nothing else: not the sweep's bookkeeping
# (``alerts``, ``computed_*``) nor the case's roster, summary and hash chain, whose
# decoding cost more than the query itself.
LISTED: dict[type[Model], tuple[str, ...]] = {
    Deadline: (
        *("id", "key", "court_id", "case_id", "participation_id", "rule_id", "cycle"),
        *("counting", "effect", "start_at", "start_seq", "start_type", "due_at", "due_on"),
        *("alert_from", "open", "satisfied_at", "stopped_at", "suspended_since", "priority"),
        *("satisfied_type", "satisfied_seq", "stopped_type", "stopped_seq", "missed_at"),
        "owed_by",
        *("fact_seqs", "alert_roles", "label", "law", "explanation", "detail"),
    ),
    Case: ("id", "court_id", "number", "nuid", "procedure", "confidentiality", "stage"),
    Participation: ("id", "case_id", "uid", "person_id", "role", "pseudonym", "protected"),
    Person: ("id", "uid", "kind", "given_names", "family_names", "legal_name"),
}
_LISTED_PATHS = (
    LISTED[Deadline],
    tuple(f"case__{name}" for name in LISTED[Case]),
    tuple(f"participation__{name}" for name in LISTED[Participation]),
    tuple(f"participation__person__{name}" for name in LISTED[Person]),
)


Listed = QuerySet[Deadline, tuple[Any, ...]]


@functools.cache
def listed_rows() -> Listed:
    """Every deadline as a row of the ``LISTED`` columns of it and its case, participation
    and person. Never evaluated itself: each list filters a copy, so the columns and joins
    are worked out once per process (it halves the cost of building the query)."""
    return Deadline.objects.values_list(*(p for group in _LISTED_PATHS for p in group))


def listed(rows: Listed, court: Court) -> list[Deadline]:
    """The deadlines of ``rows`` (of ``listed_rows()``, all of ``court``), each with its
    case, participation and person, loaded with the ``LISTED`` columns only, in one query.

    Like ``.only()`` with ``select_related``, but the instances are built the way Django
    unpickles them (``Model.__new__`` and the field values), without ``Model.__init__``:
    a list of 100 deadlines took 30-90 ms in model construction and decoding before, its
    query 1-2 ms. Reading a column not in ``LISTED`` loads it with one query per row, as
    with ``.only()``; the tests of the due page and the API count the queries."""
    a, b, c = (sum(len(group) for group in _LISTED_PATHS[:n]) for n in (1, 2, 3))
    db = rows.db
    out = []
    for values in rows:
        case = _loaded(Case, db, values[a:b], court=court)
        person = _loaded(Person, db, values[c:])
        participation = _loaded(Participation, db, values[b:c], case=case, person=person)
        out.append(
            _loaded(Deadline, db, values[:a], court=court, case=case, participation=participation)
        )
    return out


def _loaded(model: type[M], db: str, values: tuple[Any, ...], **related: Model) -> M:
    """An instance of ``model`` as loaded from ``db`` with the ``LISTED`` fields, its
    related objects already in place (so reading ``.case`` makes no query)."""
    obj = model.__new__(model)
    obj.__dict__.update(zip(LISTED[model], values, strict=True))
    state = obj._state = ModelState()
    state.adding, state.db = False, db
    state.fields_cache = related
    return obj


def priority_law(court: Court) -> str:
    """Why some cases come first, as the pack cites it ("Ley 7576 art. 60"), or ""."""
    for rule in load_pack(court.rule_pack).priority:
        return cite_law(rule.law, get_language() or "en")
    return ""


def _due_query(
    rows: Listed, *, court: Court, until: dt.datetime | None, now: dt.datetime, status: str | None
) -> Listed:
    rows = rows.filter(court=court, open=True)
    if until is not None:
        rows = rows.filter(due_at__lte=until)
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    return rows.filter(status_q(status, now)) if status is not None else rows


def status_q(status: str, now: dt.datetime) -> Q:
    """Open deadlines (a filter on Deadline) that are ``status`` at ``now``, by the same
    windows as ``Deadline.status`` (``rules.deadlines.DUE_SOON_WITHIN``)."""
    if status == "overdue":
        return Q(due_at__lte=now)
    # the widest window bounds the index range; the kinds are a filter inside it
    widest, shortest = max(DUE_SOON_WITHIN.values()), min(DUE_SOON_WITHIN.values())
    inside = Q(due_at__lte=now + DUE_SOON_WITHIN["alert"]) | Q(
        effect="legal_consequence", due_at__lte=now + DUE_SOON_WITHIN["legal_consequence"]
    )
    if status == "due_soon":
        return Q(due_at__gt=now, due_at__lte=now + widest) & inside
    if status == "pending":
        return Q(due_at__gt=now + shortest) & ~(Q(due_at__lte=now + widest) & inside)
    raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")


# The order of the staff due list: what must be acted on now first. Each tier is a
# status and a weight: a law's limit (a rule that cites an article) before the court's
# own service target (``flag: policy``). Overdue tiers list the most recently passed
# first (a person held 20 hours past the limit above one whose record has said
# "overdue" for months); the others the soonest due first.
URGENCY: tuple[tuple[str, str, bool], ...] = (
    # (status, weight, most recent first)
    ("overdue", "law", True),
    ("due_soon", "law", False),
    ("overdue", "target", True),
    ("due_soon", "target", False),
    ("pending", "any", False),
)
Cursor = tuple[int, dt.datetime, int]  # (tier, due_at, id) of the last row shown


def service_targets(court: Court) -> frozenset[str]:
    """Ids of the court's pack deadlines that are the court's service targets (the law
    flagged ``policy``), not limits set by law."""
    return _service_targets(court.rule_pack)


@functools.cache
def _service_targets(pack_id: str) -> frozenset[str]:
    return frozenset(d.id for d in load_pack(pack_id).deadlines if d.law.flag == "policy")


def deadline_list_urgent(
    *,
    courts: list[Court],
    now: dt.datetime,
    actor: Actor | None = None,
    status: str | None = None,
    after: Cursor | None = None,
    limit: int,
) -> list[tuple[Deadline, Court, Cursor]]:
    """The open deadlines of ``courts`` in the order of ``URGENCY``, at most ``limit``,
    each with its court and its place in the order (the cursor of a next page).

    One query per court and tier, tier after tier until ``limit`` rows are found, each an
    index range of ``(court, open, due_at)``; the weight is a filter on ``rule_id``."""
    out: list[tuple[Deadline, Court, Cursor]] = []
    first_tier = after[0] if after is not None else 0
    for tier, (tier_status, weight, newest_first) in enumerate(URGENCY):
        if tier < first_tier or (status is not None and status != tier_status):
            continue
        found: list[tuple[Deadline, Court, Cursor]] = []
        for court in courts:
            rows = listed_rows().filter(court=court, open=True).filter(status_q(tier_status, now))
            targets = service_targets(court)
            if weight == "law" and targets:
                rows = rows.exclude(rule_id__in=targets)
            elif weight == "target":
                if not targets:
                    continue
                rows = rows.filter(rule_id__in=targets)
            if actor is not None and not actor.roles_in(court.code) & SEALED_ROLES:
                rows = rows.exclude(case__confidentiality=Confidentiality.SEALED)
            if after is not None and tier == after[0]:
                _t, moment, pk = after
                if newest_first:
                    rows = rows.filter(Q(due_at__lt=moment) | Q(due_at=moment, id__lt=pk))
                else:
                    rows = rows.filter(Q(due_at__gt=moment) | Q(due_at=moment, id__gt=pk))
            order = ("-due_at", "-id") if newest_first else ("due_at", "id")
            left = limit - len(out)
            found += [
                (d, court, (tier, d.due_at, d.id))
                for d in listed(rows.order_by(*order)[:left], court)
            ]
        found.sort(key=lambda row: (row[0].due_at, row[0].id), reverse=newest_first)
        out += found[: limit - len(out)]
        if len(out) >= limit:
            break
    return out


def _overdue_law_q(courts: list[Court], now: dt.datetime) -> Q:
    """Open deadlines of ``courts`` in ``URGENCY``'s first tier at ``now``: limits of the
    law (not the court's service targets) already passed."""
    q = Q(pk__in=[])
    for court in courts:
        q |= Q(court=court) & ~Q(rule_id__in=service_targets(court))
    return Q(open=True) & status_q("overdue", now) & q


@dataclass(frozen=True)
class OverdueLaw:
    """The due list's first tier in figures: how many limits of the law are overdue,
    and the one passed longest ago of a person in custody now (with its court), which
    the list, most recently passed first, shows last."""

    total: int
    longest: tuple[Deadline, Court] | None


def overdue_legal_limits(*, courts: list[Court], now: dt.datetime, visible: Q) -> OverdueLaw:
    """``OverdueLaw`` for the cases of ``courts`` matching ``visible`` (a filter on Case:
    those the reader may see). Three queries however many courts and deadlines: the
    count, the oldest one's id and court (index ``deadline_court_due``), then that row
    with the ``LISTED`` columns. "Held" is an open custody period of the person now: a
    limit of non-custodial measures (Ley 7576 art. 87) can be overdue too, and is
    counted, but nobody is held past it."""
    if not courts:
        return OverdueLaw(0, None)
    rows = Deadline.objects.filter(_overdue_law_q(courts, now)).filter(
        case__in=Case.objects.filter(visible).values("pk")
    )
    total = rows.count()
    if not total:
        return OverdueLaw(0, None)
    held = CustodyPeriod.objects.filter(
        participation_id=OuterRef("participation_id"), ended_at__isnull=True
    )
    oldest = rows.filter(Exists(held)).order_by("due_at", "id").values_list("id", "court_id")[:1]
    found = list(oldest)
    if not found:
        return OverdueLaw(total, None)
    pk, court_id = found[0]
    court = next(c for c in courts if c.pk == court_id)
    return OverdueLaw(total, (listed(listed_rows().filter(pk=pk), court)[0], court))


# ----------------------------------------------------------------------------- the clock


@dataclass(frozen=True)
class ClockDeadline:
    """An open deadline of one person, as the case page shows it (in the language that
    was active when the clock was read)."""

    row: Deadline
    status: str  # pending, due_soon or overdue
    label: str
    explanation: str
    # the same in plain words, date first, without the source (the family's page);
    # [] for a row computed before they were written
    plain: list[str] = field(default_factory=list)
    # the detention order's own term (order_term) ends after the legal maximum, which
    # governs: the maximum's deadline (custody/foresight.py warns before recording it)
    beyond_maximum: ClockDeadline | None = None
    # the pack marks this rule as the longest the person may legally be held
    # (``maximum: true``): the case page tags it, the family reads it as "the maximum"
    is_maximum: bool = False

    @property
    def due_at(self) -> dt.datetime:
        return self.row.due_at

    @property
    def last_day(self) -> dt.date | None:
        """For a deadline counted in days: the last day in time (the due moment is the
        midnight after it, which reads as the wrong day)."""
        return self.row.due_on if self.row.counting != "continuous" else None


@dataclass(frozen=True)
class PersonClock:
    """The detention clock of one accused person in a case."""

    participant: str
    name: str
    periods: list[CustodyPeriod]
    in_custody: bool
    current: CustodyPeriod | None
    time_in_custody: dt.timedelta  # across every period, police custody included
    days: int  # whole days of that
    summary: str  # the days in custody, explained in one sentence
    next_review: ClockDeadline | None  # the open deadline that repeats (a periodic review)
    # the last day the detention order itself states (and an extension moves), if the
    # pack has such a deadline (cr: CPP art. 243(e))
    order_term: ClockDeadline | None
    # the soonest open deadline whose rule the pack marks as the longest the person may
    # legally be held (``maximum: true``: cr CPP art. 257, a juvenile's provisional
    # detention, br ECA art. 108 and 121): not any rule with a legal consequence
    maximum: ClockDeadline | None
    deadlines: list[ClockDeadline] = field(default_factory=list)  # every open one, soonest first
    # the other open limits with a legal consequence (cr: the 6 weeks of a juvenile's
    # non-custodial measures), soonest first: shown as themselves, never as the maximum
    other_limits: list[ClockDeadline] = field(default_factory=list)
    # the release due on the day the court's computation of the sentence fixed (a rule
    # the pack starts at ``sentence.computed``), while it is open
    sentence_end: ClockDeadline | None = None
    # held now serving a final sentence, and no computation of its end is in force
    # (none recorded, or the one recorded before an escape): "no end date recorded"
    no_sentence_end: bool = False
    # the release owed since the court ended the ground for holding them (the order
    # lifted or replaced, an acquittal: a rule the pack starts only for a person in
    # custody and meets by the release, ``release_rules``), while it is open
    release: ClockDeadline | None = None
    # the entry that ended the ground when ``release`` opened again at a recapture or
    # at an arrest (``periods.grounds_ended``): a custody hearing that ordered no
    # detention, the end of an order, the acquittal (before an arrest), a pack's own
    # entry (Brazil's reassessment); the pages say which (after a hearing no order ever
    # held them)
    release_ground_end: Step | None = None
    # the person died in custody (``custody.died``: their last period ended at it): its
    # moment, and the place and the authority it was reported to as recorded ("" when
    # not); no clock runs after it
    died_at: dt.datetime | None = None
    died_place: str = ""
    died_reported_to: str = ""

    def held_past_sentence(self, now: dt.datetime) -> bool:
        """Held now, and the day the sentence ends has passed."""
        end = self.sentence_end
        return self.in_custody and end is not None and end.due_at <= now


def custody_clock(
    *, case: Case, now: dt.datetime | None = None, open_deadlines: list[Deadline] | None = None
) -> list[PersonClock]:
    """Per accused with a custody history, in order of first custody: days in custody,
    the current period, the next review and the legal maximum (two queries; one when the
    caller has read the case's ``open_deadlines``, soonest first). Dates in the sentences
    are in the case's court time zone; explanations are in the active language (Spanish,
    English, Portuguese or French; English for any other)."""
    now = now or timezone.now()
    periods = list(
        CustodyPeriod.objects.filter(case=case)
        .select_related("participation__person")
        .order_by("started_at", "start_seq")
    )
    deadlines = (
        open_deadlines
        if open_deadlines is not None
        else list(Deadline.objects.filter(case=case, open=True).order_by("due_at", "id"))
    )
    people: dict[int, list[CustodyPeriod]] = {}
    for p in periods:
        people.setdefault(p.participation_id, []).append(p)
    maxima = maximum_rules(case.court.rule_pack)
    ends = sentence_end_rules(case.court.rule_pack)
    releases = release_rules(case.court.rule_pack)
    deaths = _deaths(case, [p for mine in people.values() for p in mine])
    out = []
    for pid, mine in people.items():
        theirs = [_clock_deadline(d, now, maxima) for d in deadlines if d.participation_id == pid]
        clock = _person_clock(case, mine, theirs, now)
        end = next((d for d in theirs if d.row.rule_id in ends), None)
        held_final = clock.current is not None and clock.current.kind == Kind.SENTENCED_FINAL
        release = next((d for d in theirs if d.row.rule_id in releases), None)
        release = release if clock.in_custody else None
        # opened again at a recapture, or at an arrest after an acquittal: the pages
        # name the entry that had ended the ground before it
        again = release is not None and release.row.start_type in (RECAPTURED, ARRESTED)
        out.append(
            replace(
                clock,
                sentence_end=end,
                no_sentence_end=bool(ends) and held_final and not end,
                release=release,
                release_ground_end=(
                    _ground_end(case, clock.participant, release.row.start_seq)
                    if release is not None and again
                    else None
                ),
                **_death(mine, deaths),
            )
        )
    return out


def death_law(pack: Pack) -> tuple[str, bool]:
    """Where the pack says an independent inquiry into a death in custody is owed (the
    law of its ``custody.died``), cited in the active language, and whether it is still
    to be confirmed (flag P); ("", False) for a pack that gives none."""
    event_type = pack.event_types.get(periods.DIED_IN_CUSTODY)
    law = event_type.law if event_type is not None else None
    if law is None:
        return "", False
    return cite_law(law, get_language() or "en"), law.flag in ("P", "U")


def _deaths(case: Case, spans: list[CustodyPeriod]) -> dict[int, dict[str, Any]]:
    """The payloads of the deaths in custody that ended a period of ``spans``, as last
    corrected, by entry number: one query, only when someone died in custody."""
    ends = {p.end_seq for p in spans if p.end_type == periods.DIED_IN_CUSTODY}
    if not ends:
        return {}
    pack = load_pack(case.court.rule_pack)
    view = history.pack_view(pack, case.procedure)
    entries = history.case_history(case, view, types=[periods.DIED_IN_CUSTODY])
    return {e.seq: e.payload for e in entries if e.seq in ends}


def _death(mine: list[CustodyPeriod], deaths: dict[int, dict[str, Any]]) -> dict[str, Any]:
    last = mine[-1]
    if last.end_type != periods.DIED_IN_CUSTODY or last.end_seq is None:
        return {}
    payload = deaths.get(last.end_seq, {})
    return {
        "died_at": last.ended_at,
        "died_place": str(payload.get("place") or ""),
        "died_reported_to": str(payload.get("reported_to") or ""),
    }


def _ground_end(case: Case, person: str, seq: int) -> periods.Step | None:
    """The entry that ended the ground for holding ``person`` before their entry ``seq``
    (a recapture that opened the release watch again, or an arrest after an acquittal),
    read from the custody record: one query, only for such a watch."""
    pack = load_pack(case.court.rule_pack)
    view = history.pack_view(pack, case.procedure)
    entries = history.case_history(case, view, types=periods.TYPES | set(view.ground_ends))
    steps = history.custody_steps(entries, person, view)
    tz = history.calendar_zone(pack)
    return periods.grounds_ended(steps, tz=tz, ends=view.ground_ends).get(seq)


def release_rules(pack_id: str) -> frozenset[str]:
    """The ids of the pack's rules that watch for the release of a person the court no
    longer holds on any ground: started only for a person in custody
    (``starts_in_custody``) and met by the release (``intl.release_on_order_end``)."""
    pack = load_pack(pack_id)
    return frozenset(
        d.id for d in pack.deadlines if d.starts_in_custody and periods.RELEASED in d.satisfied_by
    )


def sentence_end_rules(pack_id: str) -> frozenset[str]:
    """The ids of the pack's rules started by the court's computation of a sentence
    (``sentence.computed``): the release due on the day it fixed."""
    pack = load_pack(pack_id)
    return frozenset(d.id for d in pack.deadlines if periods.SENTENCE_COMPUTED in d.start_types)


def maximum_rules(pack_id: str) -> frozenset[str]:
    """The ids of the pack's rules marked ``maximum: true``: the longest a person may
    legally be held (read from the pack, so rows computed before the mark existed need
    no rebuild)."""
    return frozenset(d.id for d in load_pack(pack_id).deadlines if d.maximum)


def _clock_deadline(d: Deadline, now: dt.datetime, maxima: frozenset[str]) -> ClockDeadline:
    label = _localized(d.label) or d.rule_id
    lang = get_language()
    return ClockDeadline(
        d, d.status(now), label, d.explain(lang), d.plainly(lang), is_maximum=d.rule_id in maxima
    )


def _person_clock(
    case: Case, mine: list[CustodyPeriod], theirs: list[ClockDeadline], now: dt.datetime
) -> PersonClock:
    participation = mine[0].participation
    current = next((p for p in mine if p.ended_at is None), None)
    total = sum(
        (max((p.ended_at or now) - p.started_at, dt.timedelta(0)) for p in mine),
        dt.timedelta(0),
    )
    maximum = next((d for d in theirs if d.is_maximum), None)
    others = [d for d in theirs if d.row.effect == "legal_consequence" and not d.is_maximum]
    order_term = next((d for d in theirs if d.row.detail.get("order_term")), None)
    if order_term is not None and maximum is not None and order_term.due_at > maximum.due_at:
        marked = replace(order_term, beyond_maximum=maximum)
        theirs = [marked if d is order_term else d for d in theirs]
        order_term = marked
    return PersonClock(
        participant=participation.uid,
        name=participation.person.display_name,
        periods=mine,
        in_custody=current is not None,
        current=current,
        time_in_custody=total,
        days=total.days,
        summary=_summary(
            case,
            mine,
            current,
            total,
            ordered=[d.row.start_at for d in theirs if d.row.start_type == periods.ORDERED],
        ),
        next_review=next((d for d in theirs if d.row.detail.get("repeats")), None),
        maximum=maximum,
        order_term=order_term,
        deadlines=theirs,
        other_limits=others,
    )


def _summary(
    case: Case,
    mine: list[CustodyPeriod],
    current: CustodyPeriod | None,
    total: dt.timedelta,
    ordered: list[dt.datetime] | None = None,
) -> str:
    """``ordered``: when the detention orders whose clocks are open were made (an order
    after an acquittal holds the person on it, not "after the acquittal")."""
    tz = case.court.timezone
    first = _day(mine[0].started_at, tz)
    days = ngettext("%(days)d day in custody", "%(days)d days in custody", total.days) % {
        "days": total.days
    }
    # a verdict recorded at the moment of the release leaves a period of no length: not
    # a period anybody was held in
    n = sum(1 for p in mine if p.ended_at is None or p.ended_at > p.started_at) or 1
    spells = ngettext(
        "counted from %(first)s over %(n)d period",
        "counted from %(first)s over %(n)d periods",
        n,
    ) % {"first": first, "n": n}
    if current is not None:
        acquitted = _acquitted_at(mine, current)
        if acquitted is not None and any(at >= acquitted for at in ordered or ()):
            acquitted = None  # a new order holds them since
        if acquitted is not None:
            # held pretrial after an acquittal: decided (sentenced for SDG 16.3.2), and
            # said as the case page's warning says it (``held_after_acquittal``)
            now_text = _("held after the acquittal of %(day)s, in custody since %(since)s") % {
                "day": _day(acquitted, tz),
                "since": _day(_run_start(mine, current, same_kind=False), tz),
            }
        else:
            since = _run_start(mine, current, same_kind=True)
            now_text = str(SINCE[current.kind]) % {"since": _day(since, tz)}
    else:
        last = max(mine, key=lambda p: p.ended_at or p.started_at)
        ended = _day(last.ended_at or last.started_at, tz)
        if last.end_type == periods.DIED_IN_CUSTODY:
            now_text = _("died in custody on %(day)s") % {"day": ended}
        else:
            now_text = _("not in custody since %(day)s") % {"day": ended}
    return f"{days}, {spells}; {now_text}."


def _before(mine: list[CustodyPeriod], period: CustodyPeriod) -> CustodyPeriod | None:
    """The period that ``period`` follows without a break (one event ended it and
    started this one: a change of kind, or of ``decided``), else None."""
    return next(
        (
            p
            for p in mine
            if p.end_seq == period.start_seq
            and p.ended_at == period.started_at
            and p.end_type
            and p is not period
        ),
        None,
    )


def _run_start(
    mine: list[CustodyPeriod], current: CustodyPeriod, *, same_kind: bool
) -> dt.datetime:
    """When the custody of which ``current`` is the last period began: the start of the
    periods it follows without a break (of its own kind only, with ``same_kind``: a
    verdict or a retrial that splits a pretrial period does not move "in pretrial
    detention since")."""
    start = current
    while (before := _before(mine, start)) is not None and (
        not same_kind or before.kind == current.kind
    ):
        start = before
    return start.started_at


def _acquitted_at(mine: list[CustodyPeriod], current: CustodyPeriod) -> dt.datetime | None:
    """The moment of the acquittal after which ``current`` holds the person: a decided
    pretrial period that a verdict started (acquitted at first instance, or on appeal
    after a conviction); None otherwise (an arrest, a recapture or an order after the
    acquittal started it, or it is not decided)."""
    if not current.decided or current.kind != Kind.PRETRIAL:
        return None
    before = _before(mine, current)
    if before is None or before.end_type != periods.VERDICT:
        return None
    return current.started_at


def _day(moment: dt.datetime, tz: str) -> str:
    return formats.date_format(timezone.localtime(moment, _zone(tz)), "DATE_FORMAT")


def _zone(name: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _localized(text: dict[str, str] | None) -> str:
    """A deadline's label in the active language, else in English, as its explanation
    falls back (``Deadline.explain``): the clock never puts a Spanish label before an
    English sentence."""
    if not text:
        return ""
    lang = (get_language() or "es")[:2]
    return text.get(lang) or text.get("en") or text.get("es") or next(iter(text.values()))


# ----------------------------------------------------------------------------- orders at large


@dataclass(frozen=True)
class AwaitingArrest:
    """A detention order in force that found the person not in custody and that no arrest
    has carried out yet: the person is not held (``periods.py``)."""

    participant: str
    ordered_at: dt.datetime
    order_type: str  # the entry's type, for its label


def orders_awaiting_arrest(
    case: Case, events: Iterable[Event] | None = None
) -> list[AwaitingArrest]:
    """The accused of the case under a detention order not yet carried out, in order of
    the order. From ``events`` (the case's entries, as the case page has read them), else
    one query."""
    pack = load_pack(case.court.rule_pack)
    view = history.pack_view(pack, case.procedure)
    if events is None:
        entries = history.case_history(case, view, types=periods.TYPES)
    else:
        rows = [
            (e.seq, e.type, e.occurred_at, e.payload, e.corrects_seq)
            for e in events
            if e.type in periods.TYPES
        ]
        entries = history.entries_of(rows, view)
    ordered = {e.subject for e in entries if e.type == periods.ORDERED and e.subject}
    tz = history.calendar_zone(pack)
    out = []
    for person in sorted(ordered):
        waiting = periods.awaiting_arrest(history.person_steps(entries, person), tz=tz)
        if waiting is not None:
            out.append(AwaitingArrest(person, waiting.at, waiting.type))
    return sorted(out, key=lambda a: a.ordered_at)


def custody_run_start(clock: PersonClock) -> dt.datetime | None:
    """When the unbroken custody the person is in now began (the periods a verdict, a
    retrial or a change of kind split count as one), or None if not held."""
    if clock.current is None:
        return None
    return _run_start(clock.periods, clock.current, same_kind=False)
