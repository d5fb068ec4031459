"""What the docket says about custody in one case, as custody and the deadline engine read it.

``case_history`` reads the events of a case that custody or the pack's deadlines care
about (one query), with each correction read in place of the event it corrects (its
payload and its time), in time order. ``person_steps`` and ``person_facts`` cut that
history per accused person, for ``periods.read`` and ``rules.deadlines.compute_for_pack``.

An event concerns one person when its type has a field naming a participant who must be
an accused (``person``, ``accused``); an event without one (``judgment.final``) concerns
every accused in the case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from expediente.custody import periods
from expediente.docket.corrections import as_last_corrected
from expediente.docket.models import Case, Event
from expediente.docket.verdicts import convicts
from expediente.rules.deadlines import Fact, Penalty, event_labels, needs_birth, rules_for
from expediente.rules.schema import Deadline as Rule
from expediente.rules.schema import Pack

CHARGE = "charge.filed"
PARTICIPANT = "participant.added"  # carries the person's date of birth
# Core event types (their payloads are fixed by the docket, not the pack).
CORE_SUBJECTS = {CHARGE: "accused"}
PENALTY_TYPES = frozenset({CHARGE, periods.VERDICT})


@dataclass(frozen=True)
class Entry:
    """One event of the case. ``seq`` is the original's number when it was corrected."""

    seq: int
    type: str
    at: dt.datetime
    payload: dict[str, Any]
    subject: str | None  # the participant it concerns; None: every accused


@dataclass(frozen=True)
class PackView:
    """What custody needs to know about a pack for one procedure."""

    rule_types: frozenset[str]  # event types the deadlines name
    start_types: frozenset[str]  # event types that start a deadline
    relevant: frozenset[str]  # event types that change custody or deadlines
    subjects: dict[str, str]  # event type -> the field naming the accused it concerns
    labels: dict[str, dict[str, str]]  # event type -> label per language
    needs_birth: bool = False  # a rule counts an age: read the accused's date of birth
    # event type -> the date field that gives its last day (``until_from`` of the rules it
    # starts: a sentence computation's ``ends_on``); every other event's is ``until``
    until_fields: Mapping[str, str] = field(default_factory=dict)
    # event types outside the custody record that start a rule only for a person in
    # custody (``starts_in_custody``: Brazil's reassessment that ends an internment): the
    # engine must be told how the person is held when one happens (``held_as_at``)
    held_starts: frozenset[str] = frozenset()
    # event types outside the custody record that end the measure holding a person, with
    # the conditions on their fields: the starts of a release watch (a rule started only
    # for a person in custody and met by the release) that the custody record does not
    # read, with the rule's ``starts_when`` (Brazil's reassessment whose outcome is
    # ``ended``). The custody record reads them too (``periods.read_held``): a person
    # held again after one (a recapture) is held with no ground
    # (each type with one condition per rule it starts; any met suffices, and a rule with
    # none for it makes every such entry end the measure)
    ground_ends: Mapping[str, tuple[Mapping[str, tuple[object, ...]], ...]] = field(
        default_factory=dict
    )


_VIEWS: dict[tuple[int, str], tuple[Pack, PackView]] = {}


def pack_view(pack: Pack, procedure: str) -> PackView:
    cached = _VIEWS.get((id(pack), procedure))
    if cached is not None and cached[0] is pack:
        return cached[1]
    rules = rules_for(pack, procedure)
    named: set[str] = set()
    for r in rules:
        named |= r.named_event_types()
    birth = any(needs_birth(r) for r in rules)
    if birth:
        named.add(PARTICIPANT)  # a date of birth given or corrected moves those deadlines
    subjects = dict(CORE_SUBJECTS)
    if birth:
        subjects[PARTICIPANT] = "participant"
    for name, et in pack.event_types.items():
        for fname, spec in et.fields.items():
            if spec.type == "participant" and spec.role == ["accused"]:
                subjects[name] = fname
                break
    view = PackView(
        rule_types=frozenset(named),
        start_types=frozenset(t for r in rules for t in r.start_types),
        relevant=frozenset(named | periods.TYPES | PENALTY_TYPES),
        subjects=subjects,
        labels=event_labels(pack),
        needs_birth=birth,
        until_fields={r.start_type: r.until_from for r in rules if r.until_from},
        held_starts=frozenset(
            t for r in rules if r.starts_in_custody for t in r.start_types
        ).difference(periods.TYPES),
        ground_ends=_ground_ends(rules),
    )
    _VIEWS[(id(pack), procedure)] = (pack, view)
    return view


def _ground_ends(rules: Iterable[Rule]) -> dict[str, tuple[dict[str, tuple[object, ...]], ...]]:
    """``PackView.ground_ends``: the starts of each release watch (a rule started only
    for a person in custody and met by the release) that the custody record does not
    read, each with the ``starts_when`` of every such rule it starts: two rules sharing a
    start type both count (any one's condition met ends the measure)."""
    out: dict[str, list[dict[str, tuple[object, ...]]]] = {}
    for r in rules:
        if not (r.starts_in_custody and periods.RELEASED in r.satisfied_by):
            continue
        for t in r.start_types:
            if t not in periods.TYPES:
                when = r.starts_when.get(t, {})
                out.setdefault(t, []).append({k: tuple(v) for k, v in when.items()})
    return {t: tuple(conds) for t, conds in out.items()}


def calendar_zone(pack: Pack) -> ZoneInfo:
    """The time zone the pack counts in (its courts' local time)."""
    return ZoneInfo(pack.timezone)


def case_history(
    case: Case, view: PackView, *, upto: int | None = None, types: Iterable[str] | None = None
) -> list[Entry]:
    """The case's events of the relevant types (up to event ``upto``), corrections read
    in place of what they correct, in time order (then by number)."""
    query = Event.objects.filter(case_id=case.pk, type__in=sorted(types or view.relevant))
    if upto is not None:
        query = query.filter(seq__lte=upto)
    rows = query.order_by("seq").values_list(
        "seq", "type", "occurred_at", "payload", "corrects_seq"
    )
    return entries_of(rows, view)


def entries_of(
    rows: Iterable[tuple[int, str, dt.datetime, Any, int | None]], view: PackView
) -> list[Entry]:
    """``case_history`` from rows already read (seq, type, occurred_at, payload,
    corrects_seq), in order of number: corrections read in place of what they correct,
    in time order. A death in custody whose latest version says it was recorded by
    mistake (``periods.in_error``) is left out: custody and the deadlines read it as no
    death at all."""
    latest, _ = as_last_corrected(
        (seq, corrects, (type_name, at, payload)) for seq, type_name, at, payload, corrects in rows
    )
    entries = [
        Entry(seq, t, at, p, _subject(view, t, p))
        for seq, (t, at, p) in latest.items()
        if not periods.in_error(t, p)
    ]
    entries.sort(key=lambda e: (e.at, e.seq))
    return entries


def _subject(view: PackView, type_name: str, payload: dict[str, Any]) -> str | None:
    name = view.subjects.get(type_name)
    value = payload.get(name) if name else None
    return value if isinstance(value, str) else None


def people(history: Iterable[Entry], view: PackView) -> list[str]:
    """The accused with a custody history (or a deadline started), in order of appearance."""
    seen: dict[str, None] = {}
    for e in history:
        if e.subject and (e.type in periods.CUSTODY_EVENTS or e.type in view.start_types):
            seen.setdefault(e.subject, None)
    return list(seen)


def person_steps(
    history: Iterable[Entry], person: str, also: frozenset[str] = frozenset()
) -> list[periods.Step]:
    """The person's entries the custody record reads, in order; with ``also``, entries
    of those types too (the custody record passes over them: ``held_as_at`` tells how the
    person is held when each happens, ``PackView.held_starts``)."""
    return [
        periods.Step(e.seq, e.type, e.at, e.payload)
        for e in history
        if (e.type in periods.TYPES or e.type in also) and e.subject in (person, None)
    ]


def custody_steps(history: Iterable[Entry], person: str, view: PackView) -> list[periods.Step]:
    """The person's entries the custody record reads to tell whether they are held on a
    ground (``periods.read_held``): its own, and the pack's entries that end the measure
    holding them (``PackView.ground_ends``)."""
    return person_steps(history, person, also=frozenset(view.ground_ends))


def read_held(
    history: Iterable[Entry], person: str, view: PackView, pack: Pack
) -> tuple[list[periods.Step], list[periods.Period], frozenset[int]]:
    """The person's custody steps (``custody_steps``), the periods they describe and the
    entries after which the person is held with no ground (``periods.read_held``)."""
    steps = custody_steps(history, person, view)
    spans, groundless = periods.read_held(steps, tz=calendar_zone(pack), ends=view.ground_ends)
    return steps, spans, groundless


def person_born(history: Iterable[Entry], person: str) -> dt.date | None:
    """The date of birth the record gives for an accused (the latest word on it), read
    only when the pack counts an age (``PackView.needs_birth``)."""
    born = None
    for e in history:
        if e.type == PARTICIPANT and e.subject == person:
            data = e.payload.get("person")
            raw = data.get("date_of_birth") if isinstance(data, dict) else None
            try:
                born = dt.date.fromisoformat(raw) if isinstance(raw, str) else None
            except ValueError:
                born = None
    return born


def person_facts(
    history: Iterable[Entry],
    person: str,
    view: PackView,
    pack: Pack,
    held_as: Mapping[int, str | None] | None = None,
    without_ground: frozenset[int] = frozenset(),
    died: int | None = None,
) -> list[Fact]:
    """The facts the deadline engine reads for one person, with the penalty each states.
    ``held_as`` gives, for each of the person's custody entries (by number), the kind of
    custody they are held as once it has happened, None when not in custody
    (``held_as_at``): those entries tell the engine so (``Fact.held_as``, and
    ``Fact.not_held``), for the rules that concern one kind of custody only and those
    that wait for the person to be in custody. ``without_ground``: the entries after
    which the person is held although the court ended the ground for holding them
    (``periods.read_held``; ``Fact.ground_ended``, for ``starts_without_ground``).
    ``died``: the person's death in custody the custody record accepted (``died_in``): it
    ends every clock (``Fact.ends_all``)."""
    out: list[Fact] = []
    charged: list[Penalty] = []
    kinds = held_as or {}
    for e in history:
        if e.subject not in (person, None) or e.type == PARTICIPANT:
            continue
        if (
            e.type not in view.rule_types
            and e.type not in PENALTY_TYPES
            and e.seq not in kinds
            and e.seq != died
        ):
            continue
        penalty = None
        if e.type == CHARGE:
            charged.append(_charge_penalty(pack, e.payload))
            penalty = _most_serious(charged)
        elif e.type == periods.VERDICT:
            penalty = _imposed(e.payload)
        out.append(
            Fact(
                id=e.seq,
                type=e.type,
                occurred_at=e.at,
                until=until_of(e.payload, view.until_fields.get(e.type, "until")),
                penalty=penalty,
                held_as=kinds.get(e.seq),
                not_held=e.seq in kinds and kinds[e.seq] is None,
                ground_ended=e.seq in without_ground,
                ends_all=died is not None and e.seq == died and e.type == periods.DIED_IN_CUSTODY,
                values=e.payload,
            )
        )
    return out


def person_facts_held(entries: list[Entry], person: str, view: PackView, pack: Pack) -> list[Fact]:
    """``person_facts`` with the kinds of custody the person is held as (``held_as``),
    read from the same entries: what the projector computes, for a check that looks
    ahead (custody/foresight.py)."""
    steps, spans, groundless = read_held(entries, person, view, pack)
    held_as = held_as_told(entries, person, view, spans, steps)
    return person_facts(
        entries,
        person,
        view,
        pack,
        held_as=held_as,
        without_ground=groundless,
        died=died_in(spans),
    )


def died_in(spans: Iterable[periods.Period]) -> int | None:
    """The number of the entry recording the person's death in custody, when the custody
    record accepted it (a period ends at it), else None: a death skipped as impossible in
    a history recorded before the rule stops nothing."""
    return next((p.end_seq for p in spans if p.end_type == periods.DIED_IN_CUSTODY), None)


def held_as_told(
    entries: list[Entry],
    person: str,
    view: PackView,
    spans: Iterable[periods.Period],
    steps: list[periods.Step],
) -> dict[int, str | None]:
    """``held_as_at`` for the person's custody steps (``steps``, as ``spans`` were read
    from), and for the pack's own entries that start a rule only for a person in custody
    (``PackView.held_starts``), which the custody record passes over."""
    if view.held_starts:
        steps = person_steps(entries, person, also=view.held_starts)
    return held_as_at(spans, steps)


def held_as_at(
    spans: Iterable[periods.Period], steps: Iterable[periods.Step]
) -> dict[int, str | None]:
    """Entry number of each custody step -> the kind of custody the person is held as
    once it has happened (the period running after it), None when they are not in custody
    then (before any arrest, after a release or an escape, under a detention order not
    yet carried out). ``spans`` are the periods ``periods.read`` gave for ``steps``."""
    starts = {p.start_seq: p for p in spans if p.start_seq is not None}
    ends = {p.end_seq for p in starts.values() if p.end_seq is not None}
    out: dict[int, str | None] = {}
    current: periods.Period | None = None
    for step in steps:
        if step.seq is None:
            continue
        if step.seq in ends:
            current = None
        current = starts.get(step.seq, current)
        out[step.seq] = current.kind if current is not None else None
    return out


def until_of(payload: Mapping[str, Any], name: str = "until") -> dt.date | None:
    """The day an order's field ``name`` gives (None if missing or not a date)."""
    raw = payload.get(name)
    if not isinstance(raw, str):
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def _charge_penalty(pack: Pack, payload: dict[str, Any]) -> Penalty:
    offence = pack.offence(str(payload.get("offence", "")))
    if offence is None or offence.penalty is None:
        return Penalty()
    try:
        return Penalty.from_years(offence.penalty.min_years, offence.penalty.max_years)
    except ValueError:  # not a whole number of months: not a penalty the engine can count
        return Penalty()


def _most_serious(charged: list[Penalty]) -> Penalty | None:
    """With several charges, the possible penalty of the most serious one: the highest
    minimum and the highest maximum among them. None when no charge gives one."""
    mins = [p.possible_min_months for p in charged if p.possible_min_months is not None]
    maxs = [p.possible_max_months for p in charged if p.possible_max_months is not None]
    if not mins and not maxs:
        return None
    return Penalty(max(mins) if mins else None, max(maxs) if maxs else None)


def _imposed(payload: dict[str, Any]) -> Penalty | None:
    months = payload.get("sentence_months")
    if convicts(payload.get("outcome")) and isinstance(months, int):
        return Penalty(imposed_months=months)
    return None
