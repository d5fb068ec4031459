"""The deadline engine. It reads a rule and the facts about one person and works out the
deadlines the rule sets, when each falls due and whether it was met. Pure Python: no
Django, no database.

``compute(rule, facts, calendar=…, subject=…, pack_version=…)`` returns the rule's
deadlines for one subject (a person in a case), oldest first. Each is a frozen
``ComputedDeadline`` that records where it came from and can explain itself.
``alerts_due(deadlines, now=…)`` says which alerts are due, each with a stable key.
The engine only computes: it never releases anyone or changes a case.

How a rule is read (``calendars.py`` says how days are counted):

- ``starts`` (one event type or a list: any of them) opens the clock at the fact's
  ``occurred_at``. A second start while the clock runs does not restart it, because the
  first start gives the earlier date and so protects the person better.
- ``starts_when`` narrows a starting type to the entries whose fields hold given values
  (``Fact.values``: a review opens the clock only when its outcome lifted or replaced
  the order). An entry that does not meet it is read as if it did not start the rule.
- ``starts_in_custody``: a start that finds the person not in custody (``Fact.held_as``
  not given: at large after an escape, never arrested) opens no clock.
- ``starts_without_ground`` (starting types): such a start opens the clock only when it
  finds the person held although the court has ended the ground for holding them
  (``Fact.ground_ended``, from the custody record: the order lifted or replaced, an
  acquittal, a custody hearing that ordered no detention, nothing since that holds
  them). A recapture under an order in force is
  ordinary custody; after the ground ended it opens the release watch again.
- ``satisfied_by`` closes the running deadline as met (only a fact whose fields meet
  ``satisfied_when``, where it names its type). A fact of the ``repeats_from`` type
  whose fields meet ``repeats_when`` does the same, and then opens the next deadline,
  counted from that fact (for example, a review every 3 months from the last review);
  one that does not meet them closes it only if it meets the deadline (Brazil's
  reassessment that ends an internment: met, no next one), else changes nothing
  (Chile's review decided on paper: the hearing is still due). With no clock running it
  does nothing.
- ``restarted_by`` interrupts the running term: it ends there, stopped (not met), and
  the next is counted from the fact, as after a repeat (Costa Rica, CPP art. 253: the
  accused's request for a review restarts the 3-month count). With ``restart_after`` a
  restarting fact counts only once that long has passed since the series began (the
  ``starts`` fact); earlier, it changes nothing.
- ``stops_at`` stops the clock for good (for example, at a first-instance conviction).
- A fact with ``ends_all`` (the custody record sets it on a death in custody,
  ``custody.died``) stops every running clock of every rule, whatever the rule names:
  stopped, not met (``stopped_type`` the fact's type); a start waiting for custody is
  dropped; and no later fact opens a clock. It is a rule of the engine, not of the packs:
  a person who died can no longer be reviewed, released or brought before a judge, so
  each rule would otherwise need it in ``stops_at`` (every pack, every rule, and each new
  rule a pack adds, with the risk of one forgotten: a clock running for ever against the
  court). A clock stopped before its due moment is not missed (``ended_late``); one that
  had already run out while the person was alive stays missed, at the death: the court
  let it run out then, and hiding it would take that failure off the record.
- ``held_as`` (kinds of custody: ``pretrial``, …) says the deadline concerns a person
  held as one of them. ``Fact.held_as`` is the kind the person is held as once the fact
  has happened (the custody projector sets it on every custody entry of a person in
  custody). A start that finds the person held as another kind opens no clock (the
  prosecution's request for a detention hearing, for someone already under a detention
  order). A fact that holds the person as another kind stops a running clock, as
  ``stops_at`` does (a conviction turns pretrial detention into a sentence under
  appeal); a later fact that holds them as one of the rule's kinds again (a retrial puts
  them back in pretrial detention) starts a new cycle from that fact, so the deadline is
  not lost while they are held as it says; except at a verdict that does not convict
  them (acquitted on appeal, they are held as ``pretrial`` only until the release, which
  the release watch follows: ``_acquitted_while_held``).
- ``waits_for_custody`` (kinds of custody) is for a start that may find the person not
  in custody (``Fact.not_held``: a detention order for someone at large, carried out
  when they are arrested). Such a start opens no clock yet: the clock opens at the first
  later fact that holds the person as one of those kinds (the arrest that carries out
  the order), is counted from that fact, and remembers the start it waited for
  (``ComputedDeadline.waited``; an ``until_from`` rule still takes that start's last
  day). A fact that would meet or stop the deadline before then (the order lifted or
  replaced) ends the wait: nothing is left to carry out. A start that finds the person
  in custody opens the clock at once, as any start does.
- ``extended_by``: the fact gives a new last day (``until``, for example the date an
  appeal court fixed) or a length of time added to the current end (``adds``). An
  extension moves the rule's own term only. An ``also_ends_at`` limit still applies.
  With ``extensions_allowed`` a term admits that many extensions: a further one moves
  nothing and is listed (``ComputedDeadline.not_counted_extensions``), so the explanation
  says it was not counted and why, and the record form can warn before it is recorded
  (``custody/extension_limit.py``): the court records what the judge ordered, the clock
  counts what the law admits.
  With ``extended_at_most`` (a length of time) the extensions may take the term no
  further than that past the rule's own term: a later day counts only to there
  (``ComputedDeadline.extension_beyond``), as the law admits (Costa Rica's CPP art. 258,
  one more year at most).
- ``suspended_by`` and ``resumed_by``: time between them does not count, so the end
  moves later by the time lost. That time is counted in calendar days, in working days
  (working counting) or exactly (continuous counting). A suspension that begins after
  the end has passed changes nothing: an expired term is not revived.
- ``also_ends_at`` is a second limit from the same start, for example the possible
  penalty. Whichever comes first is the due date.
- ``counting``: ``continuous`` gives a moment. ``calendar`` and ``working`` give a last
  day, and the deadline is missed from the midnight that ends it. Under ``working`` the
  last day is always a working day: an end that lands on a day off (months, years, a
  date a court fixed) moves to the next working day. Under ``calendar`` it moves only
  when the rule says ``roll: next_working_day``.
- A share of a penalty, ``{penalty: …, fraction: f}``: the penalty is a whole number of
  months. With f = 1 it is added de fecha a fecha. Otherwise the deadline falls f times
  the number of days the whole penalty would last from the start, rounded down, so
  never later. ``possible`` does not say which bound of the range is meant. Until the
  pack says, the engine takes the lower bound: the earliest date the limit can fall, so
  the court is warned in time. This is a convention, not a reading of the law. When the
  penalty is not known, that limit is not computed, and the deadline says so.
- An age, ``{age: 21}``, is counted from the subject's date of birth (``born``), not
  from the start: the last day is the eve of the 21st birthday (a 29 February birthday
  falls on 28 February in common years), so the person is out on their birthday. The
  start still says when the clock runs (for example, from the start of an internment).
  When the date of birth is not known the deadline is not computed, as with an unknown
  penalty, and ``needs_birth(rule)`` tells the caller to look for one.
- Facts that arrive after a deadline was met or stopped never change it.
- ``each`` (one deadline per starting event, e.g. per petition): every start opens its
  own clock, and a satisfying fact meets only the clock whose start it ``answers``
  (``Fact.answers``, the start's id). ``stops_at`` stops every running clock. The
  deadline's key names its start, so two petitions are two deadlines.
- ``per: measure`` rules are computed per measure from that measure's facts
  (``measures/``), not per person (``rules_for`` leaves them out). With ``term_from``
  a starting or repeating fact's ``term`` (the interval the court's order set, in force
  at that moment) replaces ``duration``; with ``until_from`` a start's ``until`` is the
  last day the order fixed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from expediente.rules.calendars import (
    CourtCalendar,
    add_months,
    calendar_for,
    moment_before,
    shift_day,
    shift_moment,
)
from expediente.rules.deadline_text import plain, sentence
from expediente.rules.schema import Deadline, Duration, PenaltyKind

if TYPE_CHECKING:
    from expediente.rules.schema import Pack

FactId = str | int | tuple[str | int, ...]
Status = Literal["pending", "due_soon", "overdue", "satisfied", "stopped", "suspended"]

# When an open deadline is "due soon": one window per kind of deadline, counted back from
# its due moment, the same for every rule of that kind and every pack, so that a nearer
# deadline is never calmer than a later one of the same weight. A legal maximum (effect
# ``legal_consequence``: the law ends the detention) is due soon from 30 days before, so
# that a release or an extension can be prepared; every other deadline (reviews, a
# detainee placed before a judge, the court's service targets) from 7 days before, so a
# clock counted in hours is due soon from its start. The pack's alert leads decide only
# when alerts are sent. Deadlines on a measure's conditions (``per: measure``) are
# another kind: due soon from their first alert, if any (``MeasureDeadline.alert_from``).
DUE_SOON_WITHIN: Mapping[str, dt.timedelta] = {
    "legal_consequence": dt.timedelta(days=30),
    "alert": dt.timedelta(days=7),
}


def due_soon_from(due_at: dt.datetime, effect: str) -> dt.datetime:
    """The moment a deadline with this due moment and ``effect`` becomes due soon
    (``DUE_SOON_WITHIN``)."""
    return due_at - DUE_SOON_WITHIN.get(effect, DUE_SOON_WITHIN["alert"])


def status_at(
    now: dt.datetime,
    *,
    due_at: dt.datetime,
    due_soon_from: dt.datetime | None,
    satisfied_at: dt.datetime | None,
    stopped_at: dt.datetime | None,
    suspended_since: dt.datetime | None,
) -> Status:
    """Where a deadline stands at ``now``: the one rule, for computed deadlines and for
    the rows that store them. A fact dated after ``now`` has not happened yet."""
    if satisfied_at is not None and satisfied_at <= now:
        return "satisfied"
    if stopped_at is not None and stopped_at <= now:
        return "stopped"
    if suspended_since is not None and suspended_since <= now:
        return "suspended"
    if now >= due_at:
        return "overdue"
    if due_soon_from is not None and now >= due_soon_from:
        return "due_soon"
    return "pending"


def ended_late(
    *,
    due_at: dt.datetime,
    satisfied_at: dt.datetime | None,
    stopped_at: dt.datetime | None,
    suspended_since: dt.datetime | None,
) -> dt.datetime | None:
    """The moment a deadline ended after its time had run out, or None: the court
    missed it.

    Met late (``satisfied_at`` at or after ``due_at``, as ``met_late``), or ended without
    being met once overdue (``stopped_at`` at or after ``due_at``: the person released
    without the review the law required by then, or an accused's request that restarted
    an overdue review's count, Costa Rica's CPP art. 253). Not one whose clock was
    suspended before its time ran out (the time allowed was not over), nor one met or
    stopped in time, nor one still running (the due lists show it while it is overdue).
    Overdue from ``due_at`` on, as ``status_at`` says."""
    ended = satisfied_at if satisfied_at is not None else stopped_at
    if ended is None or ended < due_at:
        return None
    if suspended_since is not None and suspended_since < due_at:
        return None
    return ended


Labels = Mapping[str, Mapping[str, str]]
End = dt.date | dt.datetime  # a last day (day counting) or a moment (continuous)


# ----------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Penalty:
    """The penalty of the charge, in whole months, as far as it is known.

    When there are several charges, the caller decides which penalty counts. The engine
    never adds penalties together."""

    possible_min_months: int | None = None
    possible_max_months: int | None = None
    imposed_months: int | None = None

    @classmethod
    def from_years(cls, min_years: float | None, max_years: float | None) -> Penalty:
        """From a range in years, as offences give it (``schema.Penalty``)."""
        return cls(_whole_months(min_years), _whole_months(max_years))

    def updated(self, newer: Penalty) -> Penalty:
        """This penalty with every value ``newer`` knows replaced by it."""
        return Penalty(
            _newer(newer.possible_min_months, self.possible_min_months),
            _newer(newer.possible_max_months, self.possible_max_months),
            _newer(newer.imposed_months, self.imposed_months),
        )

    def months(self, kind: PenaltyKind) -> int | None:
        """The months a kind names; ``possible`` is the lower bound (see the module doc)."""
        if kind == "imposed":
            return self.imposed_months
        if kind == "possible_max":
            return self.possible_max_months
        return self.possible_min_months


def _newer(new: int | None, old: int | None) -> int | None:
    return old if new is None else new


def _whole_months(years: float | None) -> int | None:
    if years is None:
        return None
    months = Fraction(str(years)) * 12
    if months.denominator != 1:
        raise ValueError(f"a penalty of {years} years is not a whole number of months")
    return int(months)


@dataclass(frozen=True)
class Fact:
    """Something that happened to the subject, as far as deadlines care.

    ``id`` is the caller's reference, for example ``(case nuid, seq)``. ``until`` and
    ``adds`` belong to extensions. ``penalty`` is given by a fact that states a penalty,
    such as a charge filed or a verdict."""

    id: FactId
    type: str
    occurred_at: dt.datetime
    until: dt.date | None = None
    adds: Duration | None = None
    penalty: Penalty | None = None
    answers: FactId | None = None  # for ``each`` rules: the start this fact answers
    # per-measure rules (``term_from``): the term the court's order set, in force when this
    # starting or repeating fact happened; ``until`` on a start is then the last day the
    # order fixed (``until_from``)
    term: Duration | None = None
    # the kind of custody the subject is held as once this fact has happened
    # (``custody/periods``: police, pretrial, sentenced_appeal, sentenced_final); None
    # when they are not in custody or the caller does not say
    held_as: str | None = None
    # the subject is not in custody once this fact has happened (a detention order for
    # someone at large): a ``waits_for_custody`` rule's start then waits for the arrest
    not_held: bool = False
    # the subject is in custody once this fact has happened although the court has ended
    # the ground for holding them (``custody/periods.read_held``: the order lifted or
    # replaced, an acquittal, a custody hearing that ordered no detention; no new order,
    # arrest, conviction or release since)
    ground_ended: bool = False
    # nothing can be owed to or about the subject after this fact (the person died in
    # custody, ``custody.died``): every running clock stops here, a start waiting for
    # custody is dropped, and no later fact opens a clock (``_Scan.feed``)
    ends_all: bool = False
    # the entry's fields (its payload), for a rule's conditions on its start
    # (``starts_when``: a review whose outcome lifted the order); not part of its identity
    values: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)


# ----------------------------------------------------------------------------- output


@dataclass(frozen=True)
class Lapse:
    """A term extended only after it had run out (an extension of a detention order
    ordered a month after the order's last day): between ``due_at`` and ``at`` the
    person was held past the term. The extension moves the deadline on; the lapse stays
    on the record as a deadline the court missed (``ComputedDeadline.missed_at``)."""

    due_at: dt.datetime  # the moment the term ran out
    at: dt.datetime  # the extension's moment
    by: FactId  # the extension
    type: str


@dataclass(frozen=True)
class ComputedDeadline:
    """One deadline for one subject, and how it was worked out.

    ``due_at`` is the instant the time allowed runs out: from then on the deadline is
    overdue. With day counting that is the midnight ending ``due_on``, the last day in
    time. ``events`` are the ids of the facts it was computed from, in order."""

    rule_id: str
    pack_version: str
    subject: str
    cycle: int  # 0 counted from the start, 1, 2, … from each repeat
    start: dt.datetime
    start_event: FactId
    start_type: str
    due_at: dt.datetime
    due_on: dt.date
    effect: Literal["alert", "legal_consequence"]
    events: tuple[FactId, ...]
    satisfied_at: dt.datetime | None = None
    satisfied_by: FactId | None = None
    satisfied_type: str | None = None
    stopped_at: dt.datetime | None = None
    stopped_by: FactId | None = None
    stopped_type: str | None = None
    suspended_since: dt.datetime | None = None
    not_counted: tuple[tuple[dt.datetime, dt.datetime], ...] = ()
    extension: Fact | None = None
    # extended only after its term had run out: the first such extension (``Lapse``)
    lapse: Lapse | None = None
    # extensions past the rule's ``extensions_allowed``, which moved nothing
    not_counted_extensions: tuple[Fact, ...] = ()
    # the extension in force gave a day past ``extended_at_most``: counted only to
    # ``extension_limit``, the last day the law admits
    extension_beyond: Fact | None = None
    extension_limit: dt.date | None = None
    ordered_until: dt.date | None = None  # the starting order fixed the last day (until_from)
    # the start that found the person not in custody and waited (``waits_for_custody``):
    # ``start`` is then the fact that took them into custody under it
    waited: Fact | None = None
    penalty_months: int | None = None  # of the penalty share used, when one was
    born: dt.date | None = None  # the subject's date of birth, when an age was counted
    capped: bool = False  # also_ends_at came first
    cap_unknown: bool = False  # also_ends_at needs a penalty nobody has given
    rolled_from: dt.date | None = None
    alert_at: tuple[tuple[Duration, dt.datetime], ...] = ()
    rule: Deadline | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        """Stable while the facts before this deadline's start stay the same."""
        return f"{self.rule_id}|{self.subject}|{format_id(self.start_event)}"

    @property
    def met_late(self) -> bool:
        return self.satisfied_at is not None and self.satisfied_at >= self.due_at

    @property
    def missed_at(self) -> dt.datetime | None:
        """When the court missed this deadline, or None: the moment an extension came
        after its term had run out (the first such ``lapse``: the person was held past
        the term until then), else the moment it ended after running out
        (``ended_late``)."""
        if self.lapse is not None:
            return self.lapse.at
        return ended_late(
            due_at=self.due_at,
            satisfied_at=self.satisfied_at,
            stopped_at=self.stopped_at,
            suspended_since=self.suspended_since,
        )

    def status(self, now: dt.datetime) -> Status:
        """Where this deadline stands at ``now``. A fact dated after ``now`` has not
        happened yet, so asking about an earlier moment replays history."""
        _require_aware(now, "now")
        return status_at(
            now,
            due_at=self.due_at,
            due_soon_from=self._due_soon_from(),
            satisfied_at=self.satisfied_at,
            stopped_at=self.stopped_at,
            suspended_since=self.suspended_since,
        )

    def _due_soon_from(self) -> dt.datetime | None:
        if self.rule is not None and self.rule.per == "measure":
            return self.alert_at[0][1] if self.alert_at else None
        return due_soon_from(self.due_at, self.effect)

    def explain(self, lang: str = "en", labels: Labels | None = None) -> str:
        """One sentence, in Spanish (``es``), English (``en``), Portuguese (``pt``) or
        French (``fr``); in English for any other language (``deadline_text.language``).

        ``labels`` maps event types to their labels per language (``event_labels(pack)``);
        without it, event types are named by their ids."""
        return sentence(self, lang, labels or {})

    def plain(self, lang: str = "en", labels: Labels | None = None) -> tuple[str, ...]:
        """The deadline in plain words for the person held and their family, the date
        first, in short sentences, without the legal source (``deadline_text.plain``)."""
        return plain(self, lang, labels or {})


@dataclass(frozen=True)
class AlertDue:
    """An alert whose time has come: ``before`` the due moment, or ``None`` when the
    deadline itself has passed. ``key`` is the same every time this alert is asked for."""

    key: str
    deadline: ComputedDeadline
    before: Duration | None
    at: dt.datetime
    who: tuple[str, ...]


# ----------------------------------------------------------------------------- public API


def compute(
    rule: Deadline,
    facts: Sequence[Fact],
    *,
    calendar: CourtCalendar,
    subject: str,
    pack_version: str,
    born: dt.date | None = None,
) -> tuple[ComputedDeadline, ...]:
    """The deadlines ``rule`` sets for one subject, given every fact about them in
    chronological order. Facts of types the rule does not name are ignored. Facts that
    share a moment are taken in the order given. ``born`` is the subject's date of birth,
    for a rule that counts an age."""
    check_facts(facts)
    if born is not None and (isinstance(born, dt.datetime) or not isinstance(born, dt.date)):
        raise ValueError(f"born: {born!r} must be a date, the date of birth")
    if rule.each is not None:
        return _compute_each(rule, facts, calendar, subject, pack_version)
    scan = _Scan(rule, calendar, subject, pack_version, born)
    for fact in facts:
        scan.feed(fact)
    return scan.finish()


def _compute_each(
    rule: Deadline, facts: Sequence[Fact], cal: CourtCalendar, subject: str, version: str
) -> tuple[ComputedDeadline, ...]:
    """One scan per starting fact, reading only the facts that concern that start."""
    out: list[ComputedDeadline] = []
    for start in facts:
        if not rule.opens_at(start.type, start.values):
            continue
        scan = _Scan(rule, cal, subject, version)
        for fact in facts:
            if fact.type in rule.start_types and fact.id != start.id:
                continue
            if fact.type in rule.satisfied_by and fact.answers != start.id:
                continue
            scan.feed(fact)
        out += scan.finish()
    return tuple(out)


def rules_for(pack: Pack, procedure: str) -> list[Deadline]:
    """The pack's deadlines that apply to a procedure (``adult`` or ``juvenile``)."""
    return [
        d
        for d in pack.deadlines
        if d.per == "person" and procedure in d.applies_to.get("procedure", [procedure])
    ]


def measure_rules(pack: Pack, kind: str) -> list[Deadline]:
    """The pack's per-measure deadlines (``per: measure``) for a kind of measure."""
    return [
        d for d in pack.deadlines if d.per == "measure" and kind in d.applies_to.get("kind", [kind])
    ]


def compute_for_pack(
    pack: Pack,
    facts: Sequence[Fact],
    *,
    subject: str,
    procedure: str,
    born: dt.date | None = None,
    rules: Sequence[Deadline] | None = None,
) -> tuple[ComputedDeadline, ...]:
    """Every deadline of the pack that applies to the procedure, rule after rule (only
    ``rules`` when given)."""
    cal = calendar_for(pack)
    out: list[ComputedDeadline] = []
    for rule in rules_for(pack, procedure) if rules is None else rules:
        out += compute(
            rule, facts, calendar=cal, subject=subject, pack_version=pack.version, born=born
        )
    return tuple(out)


def needs_birth(rule: Deadline) -> bool:
    """Whether the rule counts an age, so needs the subject's date of birth."""
    return any(d is not None and d.age is not None for d in (rule.duration, rule.also_ends_at))


def alerts_due(
    deadlines: Iterable[ComputedDeadline], *, now: dt.datetime, since: dt.datetime | None = None
) -> tuple[AlertDue, ...]:
    """The alerts due at ``now`` (only those that fell due after ``since`` when given),
    for deadlines still open at ``now``, soonest first.

    Each (deadline, threshold) has one key. An extension or suspension that moves the
    due date gives new keys, so the new date is announced too."""
    _require_aware(now, "now")
    if since is not None:
        _require_aware(since, "since")
    out: list[AlertDue] = []
    for d in deadlines:
        if d.status(now) not in ("pending", "due_soon", "overdue"):
            continue
        ladder: list[tuple[Duration | None, dt.datetime]] = [*d.alert_at, (None, d.due_at)]
        for before, at in ladder:
            if at <= now and (since is None or at > since):
                out.append(_alert(d, before, at))
    return tuple(sorted(out, key=lambda a: (a.at, a.key)))


def event_labels(pack: Pack) -> dict[str, dict[str, str]]:
    """The label of each event type of a pack, for ``ComputedDeadline.explain``."""
    return {name: dict(et.label) for name, et in pack.event_types.items()}


def format_id(fact_id: FactId) -> str:
    """A fact id as text: ``("24-000123-0042-PE", 5)`` is ``24-000123-0042-PE#5``."""
    if isinstance(fact_id, tuple):
        return "#".join(str(part) for part in fact_id)
    return str(fact_id)


def duration_code(duration: Duration | None) -> str:
    """Short text for a duration, used in keys: 7d, 6h, 3wd, 1mo, 2y, or ``due``."""
    if duration is None:
        return "due"
    if duration.penalty is not None:
        return f"penalty-{duration.penalty}-{duration.fraction or 1}"
    if duration.age is not None:
        return f"age{duration.age}"
    codes = {"hours": "h", "days": "d", "working_days": "wd", "months": "mo", "years": "y"}
    return f"{duration.amount}{codes[duration.unit]}"


# ----------------------------------------------------------------------------- checks


def check_facts(facts: Sequence[Fact]) -> None:
    """Refuse facts without a time zone, out of order, given twice, or with an ``until``
    that is not a date, naming the fact."""
    seen: set[FactId] = set()
    previous: Fact | None = None
    for fact in facts:
        name = f"fact {format_id(fact.id)} ({fact.type})"
        _require_aware(fact.occurred_at, f"{name}: occurred_at")
        if fact.until is not None and (
            isinstance(fact.until, dt.datetime) or not isinstance(fact.until, dt.date)
        ):
            raise ValueError(f"{name}: until {fact.until!r} must be a date, the new last day")
        if fact.id in seen:
            raise ValueError(f"{name}: the id {format_id(fact.id)} is given twice")
        seen.add(fact.id)
        if previous is not None and fact.occurred_at < previous.occurred_at:
            raise ValueError(
                f"{name} at {fact.occurred_at.isoformat()} comes before the fact given "
                f"ahead of it, {format_id(previous.id)} ({previous.type}) at "
                f"{previous.occurred_at.isoformat()}: give the facts in chronological order"
            )
        previous = fact


def _require_aware(moment: object, what: str) -> None:
    if not isinstance(moment, dt.datetime):
        raise ValueError(f"{what}: {moment!r} is not a date and time")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"{what}: {moment.isoformat()} has no time zone; give it with its UTC offset"
        )


def alert_key(deadline_key: str, due_at: dt.datetime, threshold: str) -> str:
    """An alert's key: the deadline's key, its due moment (UTC) and the threshold's code
    (``duration_code``), e.g. ``…|20260214T060000Z|3d``. The same every time the alert is
    asked for; a due moment that moves gives new keys."""
    due = due_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{deadline_key}|{due}|{threshold}"


def alert_moments(
    rule: Deadline, calendar: CourtCalendar, start: dt.datetime, due_at: dt.datetime
) -> tuple[tuple[Duration, dt.datetime], ...]:
    """When each alert threshold of ``rule`` falls for a deadline started at ``start``
    and due at ``due_at``, earliest first; thresholds that would fall before the start
    are left out (``ComputedDeadline.alert_at``)."""
    moments = [(b, moment_before(calendar, due_at, b)) for b in rule.alert.before]
    kept = [(b, at) for b, at in moments if at >= start]
    return tuple(sorted(kept, key=lambda pair: pair[1]))


def lead_least(d: Duration) -> dt.timedelta:
    """A lower bound on an alert lead counted back on a calendar: an hour of daylight
    saving may be missing from any span counted in days."""
    n, hour = d.amount, dt.timedelta(hours=1)
    if d.unit == "hours":
        return n * hour
    days = {"days": n, "working_days": n, "months": 28 * n, "years": 365 * n}.get(d.unit, 0)
    return max(dt.timedelta(0), days * 24 * hour - hour)


def lead_most(d: Duration) -> dt.timedelta:
    """An upper bound on an alert lead counted back on a calendar (daylight saving,
    weekends, holidays and court closures, month lengths)."""
    n = d.amount
    return {
        "hours": dt.timedelta(hours=n),
        "days": dt.timedelta(days=n, hours=1),
        "working_days": dt.timedelta(days=3 * n + 14),
        "months": dt.timedelta(days=31 * n),
        "years": dt.timedelta(days=366 * n),
    }.get(d.unit, dt.timedelta(0))


def lead_windows(rules: Iterable[Deadline]) -> list[tuple[dt.timedelta, dt.timedelta]]:
    """Each alert lead of ``rules`` as (shortest, longest) time before the due moment,
    plus (0, 0) for the due moment itself. A lead counted on a calendar is not a fixed
    length, hence the range; a sweep reads one index range of due moments per window."""
    windows = {(dt.timedelta(0), dt.timedelta(0))}
    for rule in rules:
        for before in rule.alert.before:
            windows.add((lead_least(before), lead_most(before)))
    return sorted(windows)


def _alert(d: ComputedDeadline, before: Duration | None, at: dt.datetime) -> AlertDue:
    key = alert_key(d.key, d.due_at, duration_code(before))
    who = tuple(d.rule.alert.who) if d.rule is not None else ()
    return AlertDue(key=key, deadline=d, before=before, at=at, who=who)


# ----------------------------------------------------------------------------- the scan


@dataclass
class _Clock:
    """A deadline while the facts are read: its start and what has moved its end."""

    cycle: int
    start: Fact
    term: Duration | None = None  # the court's own term (``Fact.term``), else the rule's
    extension: Fact | None = None
    main_base: End | None = None  # None: the rule's duration from the start
    ordered_until: dt.date | None = None  # the last day the starting order fixed (until_from)
    waited: Fact | None = None  # the start this clock waited for (waits_for_custody)
    main_shifts: list[tuple[Fact, Fact]] = field(default_factory=list)
    all_shifts: list[tuple[Fact, Fact]] = field(default_factory=list)
    suspended: Fact | None = None
    events: list[FactId] = field(default_factory=list)
    # the first extension recorded after the term had already run out: (the moment it
    # ran out, the extension); the person was held past it until then (``Lapse``)
    lapse: tuple[dt.datetime, Fact] | None = None
    extensions: int = 0  # the extensions that moved the term
    refused: list[Fact] = field(default_factory=list)  # past ``extensions_allowed``
    beyond: Fact | None = None  # the extension in force went past ``extended_at_most``


@dataclass(frozen=True)
class _Due:
    due_at: dt.datetime
    due_on: dt.date
    penalty_months: int | None
    penalty_source: FactId | None
    capped: bool
    cap_unknown: bool
    rolled_from: dt.date | None


class _Scan:
    """Reads the facts in order, keeping at most one running clock."""

    def __init__(
        self,
        rule: Deadline,
        cal: CourtCalendar,
        subject: str,
        version: str,
        born: dt.date | None = None,
    ) -> None:
        self.rule, self.cal, self.subject, self.version = rule, cal, subject, version
        self.born = born
        self.moments = rule.counting == "continuous"
        self.penalty = Penalty()
        self.penalty_from: dict[PenaltyKind, FactId] = {}
        self.clock: _Clock | None = None
        self.first_start: Fact | None = None  # the start of the running series (cycle 0)
        self.order: dict[FactId, int] = {}
        self.done: list[ComputedDeadline] = []
        # the cycle a change of the kind of custody stopped (``held_as``): when a later
        # fact holds the person as the rule's kind again (a retrial puts a convicted
        # person back in pretrial detention), a new cycle starts from that fact
        self.held_off: int | None = None
        # a start that found the person not in custody (``waits_for_custody``): the clock
        # opens when a later fact holds them as one of the rule's kinds
        self.waiting: Fact | None = None
        self.ended = False  # a fact that ends every clock came (``Fact.ends_all``)

    def feed(self, fact: Fact) -> None:
        self.order[fact.id] = len(self.order)
        if self.ended:
            return  # the subject's record has ended (``Fact.ends_all``): nothing opens
        if fact.ends_all:
            self.ended, self.waiting, self.held_off = True, None, None
            if self.clock is not None:
                self._close(self.clock, fact, "stopped")
            return
        if fact.penalty is not None:
            self._learn_penalty(fact)
        rule, clock = self.rule, self.clock
        if clock is None:
            if rule.opens_at(fact.type, fact.values, ground_ended=fact.ground_ended):
                self.held_off, self.waiting = None, None
                if self._held_otherwise(fact) or (rule.starts_in_custody and not fact.held_as):
                    return
                if rule.waits_for_custody and fact.not_held:
                    self.waiting = fact
                    return
                self._open(fact, cycle=0)
            elif self.waiting is not None:
                self._wait(fact, self.waiting)
            elif (
                self.held_off is not None
                and fact.held_as in (rule.held_as or ())
                and not _acquitted_while_held(rule, fact)
            ):
                self._open(fact, cycle=self.held_off + 1)
                self.held_off = None
            return
        repeats = rule.repeats_on(fact.type, fact.values)
        if repeats or rule.meets(fact.type, fact.values):
            self._close(clock, fact, "satisfied")
            if repeats:
                self._open(fact, cycle=clock.cycle + 1)
        elif fact.type in rule.restarted_by:
            if self._may_restart(fact):
                self._close(clock, fact, "stopped")
                self._open(fact, cycle=clock.cycle + 1)
        elif fact.type in rule.stops_at:
            self._close(clock, fact, "stopped")
        elif self._no_longer_held_as(fact):
            self._close(clock, fact, "stopped")
            self.held_off = clock.cycle
        elif fact.type in rule.extended_by:
            self._extend(clock, fact)
        elif fact.type in rule.suspended_by:
            self._suspend(clock, fact)
        elif fact.type in rule.resumed_by:
            self._resume(clock, fact)

    def finish(self) -> tuple[ComputedDeadline, ...]:
        if self.clock is not None:
            self._emit(self.clock, None, None)
        return tuple(self.done)

    # -- what each kind of fact does

    def _learn_penalty(self, fact: Fact) -> None:
        assert fact.penalty is not None
        self.penalty = self.penalty.updated(fact.penalty)
        kinds: tuple[PenaltyKind, ...] = ("possible", "possible_min", "possible_max", "imposed")
        for kind in kinds:
            if fact.penalty.months(kind) is not None:
                self.penalty_from[kind] = fact.id

    def _open(self, fact: Fact, cycle: int, waited: Fact | None = None) -> None:
        if cycle == 0:
            self.first_start = fact
        term = fact.term if self.rule.term_from else None
        events = [waited.id, fact.id] if waited is not None else [fact.id]
        self.clock = _Clock(cycle=cycle, start=fact, term=term, events=events, waited=waited)
        order = waited or fact  # the order that fixed the last day (until_from)
        if self.rule.until_from and order.until is not None and cycle == 0:
            self.clock.main_base = (
                order.until if not self.moments else self.cal.day_end(order.until)
            )
            self.clock.ordered_until = order.until

    def _held_otherwise(self, fact: Fact) -> bool:
        """A start that finds the person held as a kind of custody the rule is not about
        (``held_as``) opens no clock."""
        held = self.rule.held_as
        return bool(held) and fact.held_as is not None and fact.held_as not in held

    def _wait(self, fact: Fact, start: Fact) -> None:
        """While a start waits for custody (``waits_for_custody``): the fact that holds the
        person as one of the rule's kinds opens the clock, counted from it; one that would
        meet or stop the deadline first (the order lifted) ends the wait."""
        rule = self.rule
        if fact.held_as is not None and fact.held_as in rule.waits_for_custody:
            self.waiting = None
            self._open(fact, cycle=0, waited=start)
        elif fact.type != rule.repeats_from and (
            rule.meets(fact.type, fact.values) or fact.type in rule.stops_at
        ):
            self.waiting = None

    def _close(self, clock: _Clock, fact: Fact, how: Literal["satisfied", "stopped"]) -> None:
        clock.events.append(fact.id)
        self._emit(clock, fact, how)
        self.clock = None

    def _no_longer_held_as(self, fact: Fact) -> bool:
        """The fact says the person is now held as a kind of custody the rule is not
        about (a rule with ``held_as``: a review of pretrial detention after a conviction)."""
        held = self.rule.held_as
        return bool(held) and fact.held_as is not None and fact.held_as not in held

    def _may_restart(self, fact: Fact) -> bool:
        """A restarting fact counts once ``restart_after`` has passed since the series
        began (the law allows the request only then); before that it changes nothing."""
        wait, first = self.rule.restart_after, self.first_start
        if wait is None or first is None:
            return True
        if self.moments:
            return fact.occurred_at >= shift_moment(self.cal, first.occurred_at, wait)
        day = shift_day(
            self.cal, self.cal.local_date(first.occurred_at), wait, working=self._working
        )
        return fact.occurred_at >= self.cal.day_end(day)

    def _extend(self, clock: _Clock, fact: Fact) -> None:
        allowed = self.rule.extensions_allowed
        if allowed is not None and clock.extensions >= allowed:
            clock.refused.append(fact)  # the law admits no more: it moves nothing
            return
        clock.extensions += 1
        name = f"fact {format_id(fact.id)} ({fact.type})"
        if (fact.until is None) == (fact.adds is None):
            raise ValueError(
                f"{name} extends deadline {self.rule.id}: give either `until` (the new "
                "last day) or `adds` (the time added), and not both"
            )
        if clock.lapse is None and not clock.suspended:
            due = self._due(clock)
            if due is not None and fact.occurred_at >= due.due_at:
                clock.lapse = (due.due_at, fact)  # extended after it had run out
        if fact.until is not None:
            base: End = fact.until if not self.moments else self.cal.day_end(fact.until)
        else:
            assert fact.adds is not None
            current = self._main_end(clock)
            if current is None:
                raise ValueError(f"{name}: cannot add time to a term whose penalty is unknown")
            base = self._shift_end(current, fact.adds, name)
        clock.beyond = None
        ceiling = self._extension_ceiling(clock, name)
        if ceiling is not None and _before(ceiling, base):
            base, clock.beyond = ceiling, fact  # the law admits no later day
        clock.extension, clock.main_base, clock.main_shifts = fact, base, []
        clock.events.append(fact.id)

    def _extension_ceiling(self, clock: _Clock, name: str) -> End | None:
        """The latest day the extensions may give (``extended_at_most`` past the rule's
        own term from the start), or None when the rule sets none or its term is a
        penalty nobody has given."""
        most = self.rule.extended_at_most
        if most is None:
            return None
        own = self._from_start(clock, clock.term or self.rule.duration)
        return None if own is None else self._shift_end(own[0], most, name)

    def _suspend(self, clock: _Clock, fact: Fact) -> None:
        if clock.suspended is not None:
            return  # already suspended: the first suspension counts
        due = self._due(clock)
        if due is not None and fact.occurred_at >= due.due_at:
            return  # the term had already run out
        clock.suspended = fact
        clock.events.append(fact.id)

    def _resume(self, clock: _Clock, fact: Fact) -> None:
        if clock.suspended is None:
            return
        period = (clock.suspended, fact)
        clock.main_shifts.append(period)
        clock.all_shifts.append(period)
        clock.suspended = None
        clock.events.append(fact.id)

    # -- arithmetic

    def _from_start(self, clock: _Clock, duration: Duration) -> tuple[End, int | None] | None:
        """The end of ``duration`` counted from the start; with the penalty months used."""
        start = clock.start.occurred_at
        if duration.age is not None:
            if self.born is None:
                return None
            eve = add_months(self.born, 12 * duration.age) - dt.timedelta(days=1)
            return (self.cal.day_end(eve) if self.moments else eve), None
        if duration.penalty is None:
            if self.moments:
                return shift_moment(self.cal, start, duration), None
            day = self.cal.local_date(start)
            return shift_day(self.cal, day, duration, working=self._working), None
        months = self.penalty.months(duration.penalty)
        if months is None:
            return None
        day = _penalty_day(self.cal.local_date(start), months, duration.fraction)
        end: End = self.cal.at_same_time(day, start) if self.moments else day
        return end, months

    def _shift_end(self, end: End, duration: Duration, name: str) -> End:
        if isinstance(end, dt.datetime):
            return shift_moment(self.cal, end, duration)
        if duration.penalty is not None or duration.unit in ("hours", "age"):
            raise ValueError(f"{name}: a day-counted term cannot be extended by {duration.unit}")
        return shift_day(self.cal, end, duration, working=self._working)

    def _not_counted(self, end: End, periods: list[tuple[Fact, Fact]]) -> End:
        for suspended, resumed in periods:
            if isinstance(end, dt.datetime):
                end = end + (resumed.occurred_at - suspended.occurred_at)
                continue
            first = self.cal.local_date(suspended.occurred_at)
            last = self.cal.local_date(resumed.occurred_at)
            if self._working:
                end = self.cal.add_working_days(end, self.cal.working_days_between(first, last))
            else:
                end = end + (last - first)
        return end

    @property
    def _counts_age(self) -> bool:
        return needs_birth(self.rule)

    @property
    def _working(self) -> bool:
        return self.rule.counting == "working"

    def _main_end(self, clock: _Clock) -> End | None:
        base = clock.main_base
        if base is None:
            found = self._from_start(clock, clock.term or self.rule.duration)
            if found is None:
                return None
            base = found[0]
        return self._not_counted(base, clock.main_shifts)

    def _due(self, clock: _Clock) -> _Due | None:
        main = self._main_end(clock)
        main_months = None
        if clock.main_base is None and self.rule.duration.penalty is not None:
            main_months = self.penalty.months(self.rule.duration.penalty)
        cap, cap_months, cap_unknown = None, None, False
        if self.rule.also_ends_at is not None:
            found = self._from_start(clock, self.rule.also_ends_at)
            cap_unknown = found is None
            if found is not None:
                cap, cap_months = self._not_counted(found[0], clock.all_shifts), found[1]
        capped = cap is not None and (main is None or _before(cap, main))
        end = cap if capped else main
        if end is None:
            return None
        kind = (self.rule.also_ends_at if capped else self.rule.duration) or self.rule.duration
        months = cap_months if capped else main_months
        source = None
        if kind.penalty is not None and months is not None:
            source = self.penalty_from.get(kind.penalty)
        return self._finish_due(end, months, source, capped, cap_unknown)

    def _finish_due(
        self, end: End, months: int | None, source: FactId | None, capped: bool, unknown: bool
    ) -> _Due:
        if isinstance(end, dt.datetime):
            return _Due(end, self.cal.local_date(end), months, source, capped, unknown, None)
        day, rolled = end, None
        if self._working or self.rule.roll == "next_working_day":
            day = self.cal.next_working_day(end)
            rolled = end if day != end else None
        return _Due(self.cal.day_end(day), day, months, source, capped, unknown, rolled)

    # -- output

    def _emit(
        self, clock: _Clock, closing: Fact | None, how: Literal["satisfied", "stopped"] | None
    ) -> None:
        due = self._due(clock)
        if due is None:
            return  # the term is a share of a penalty nobody has given: nothing to count
        start = self.cal.local(clock.start.occurred_at)
        events = list(clock.events)
        if due.penalty_source is not None and due.penalty_source not in events:
            events.append(due.penalty_source)
        events.sort(key=self.order.__getitem__)
        made = ComputedDeadline(
            rule_id=self.rule.id,
            pack_version=self.version,
            subject=self.subject,
            cycle=clock.cycle,
            start=start,
            start_event=clock.start.id,
            start_type=clock.start.type,
            due_at=due.due_at,
            due_on=due.due_on,
            effect=self.rule.effect,
            events=tuple(events),
            suspended_since=clock.suspended.occurred_at if clock.suspended else None,
            not_counted=tuple((a.occurred_at, b.occurred_at) for a, b in clock.all_shifts),
            extension=clock.extension,
            not_counted_extensions=tuple(clock.refused),
            extension_beyond=clock.beyond,
            extension_limit=(
                None
                if clock.beyond is None or clock.main_base is None
                else self.cal.local_date(clock.main_base)
                if isinstance(clock.main_base, dt.datetime)
                else clock.main_base
            ),
            lapse=(
                Lapse(
                    due_at=clock.lapse[0],
                    at=clock.lapse[1].occurred_at,
                    by=clock.lapse[1].id,
                    type=clock.lapse[1].type,
                )
                if clock.lapse is not None
                else None
            ),
            ordered_until=clock.ordered_until,
            waited=clock.waited,
            penalty_months=due.penalty_months,
            born=self.born if self._counts_age else None,
            capped=due.capped,
            cap_unknown=due.cap_unknown,
            rolled_from=due.rolled_from,
            alert_at=self._alert_at(start, due.due_at),
            # the court's own term (``Fact.term``) is the one the explanation states
            rule=self.rule.model_copy(update={"duration": clock.term}) if clock.term else self.rule,
        )
        if closing is not None and how == "satisfied":
            made = replace(
                made,
                satisfied_at=closing.occurred_at,
                satisfied_by=closing.id,
                satisfied_type=closing.type,
            )
        elif closing is not None:
            made = replace(
                made,
                stopped_at=closing.occurred_at,
                stopped_by=closing.id,
                stopped_type=closing.type,
            )
        self.done.append(made)

    def _alert_at(
        self, start: dt.datetime, due_at: dt.datetime
    ) -> tuple[tuple[Duration, dt.datetime], ...]:
        """When each alert threshold falls, earliest first (``alert_moments``)."""
        return alert_moments(self.rule, self.cal, start, due_at)


VERDICT = "verdict.delivered"


def _acquitted_while_held(rule: Deadline, fact: Fact) -> bool:
    """A verdict that does not convict someone held as sentenced under appeal (the appeal
    court's acquittal) holds them as ``pretrial`` again only until the release: it
    starts no review or maximum of a detention again. A rule about a person held after
    the ground ended (the release watch, ``starts_without_ground``) is not held off, nor
    is any rule at a later fact (a retrial)."""
    return fact.type == VERDICT and fact.ground_ended and not rule.starts_without_ground


def _before(a: End, b: End) -> bool:
    return a < b  # both dates or both moments, by the rule's counting


def _penalty_day(start: dt.date, months: int, fraction: float | None) -> dt.date:
    """The last day of a share of a penalty of ``months`` counted from ``start``."""
    whole = add_months(start, months)
    share = Fraction(fraction if fraction is not None else 1).limit_denominator(100)
    if share == 1:
        return whole
    days = (whole - start).days * share
    return start + dt.timedelta(days=int(days))  # int() rounds down: never later
