"""What a detention order would do to a person's clock, before it is recorded.

The docket records what the judge ordered, even a term past the legal maximum (a real
order is not refused). But the court must not miss it: the record form asks for a
confirmation first (``court/forms/flow.py``) when ``order_past_maximum`` says that the
last day the order states (its ``until``, read by a rule with ``until_from``) comes
after the maximum the pack computes for the person with that order on the record (a
rule the pack marks ``maximum: true``: Costa Rica's CPP art. 257; the soonest, if
several run). It runs the same
deadline engine as the custody projection (``rules.deadlines.compute_for_pack`` over
``history.person_facts``), on the case's entries plus the one being recorded; nothing is
written. The detention clock marks the same thing on a recorded order
(``selectors.PersonClock``).

The write path asks the same (``refuse_unconfirmed``, the custody projector's check, run
inside ``event_record`` after the request's replay and the payload's validation, as
``extension_limit.py`` does for an extension past the number its term admits): such an
order is refused on field ``confirm`` unless the caller read the warning and records
inside ``confirmations.confirmed([ORDER_PAST_MAXIMUM])`` (the API's and the importer's
``"confirm": ["order_past_maximum"]``, the form's box once ticked). What both hold
against an entry is ``held_against``: a correction of an order whose term already went
past the maximum asks again only if it moves that term's last day later (a correction of
another field, or of the term to an earlier day, asks nothing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from expediente.custody import history
from expediente.custody.confirmations import ORDER_PAST_MAXIMUM, is_confirmed
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case
from expediente.docket.selectors import correction_root
from expediente.rules.citation import cite_law
from expediente.rules.deadlines import ComputedDeadline, compute_for_pack, rules_for
from expediente.rules.loader import load_pack
from expediente.rules.schema import Law, Pack

# what an API client sends in ``confirm`` to record such an order all the same
CONFIRMATION = ORDER_PAST_MAXIMUM


@dataclass(frozen=True)
class PastMaximum:
    """The order's last day, and the maximum it goes past (its last day, label, law)."""

    until: dt.date
    maximum_on: dt.date
    label: dict[str, str]
    law: Law
    rule_id: str


def order_types(case: Case) -> frozenset[str]:
    """The entry types that state a detention order's last day in the case's pack (the
    starts and extensions of its ``until_from`` rules): only these are foreseen."""
    pack = load_pack(case.court.rule_pack)
    return _order_types(pack.pack, pack.version, case.procedure)


@cache
def _order_types(pack_id: str, version: str, procedure: str) -> frozenset[str]:
    pack = load_pack(pack_id)
    out: set[str] = set()
    for rule in rules_for(pack, procedure):
        if rule.until_from is not None and rule.each is None:
            out.add(rule.start_type)
            out.update(rule.extended_by)
    return frozenset(out)


def refuse_unconfirmed(
    case: Case,
    type_name: str,
    payload: dict[str, Any],
    occurred_at: dt.datetime,
    corrects_seq: int | None = None,
) -> None:
    """Refuse, on field ``confirm``, an order whose stated term goes past the legal
    maximum unless the caller confirmed it (``confirmations.confirmed``; the entry then
    keeps the confirmation). Nothing to do, and no query, for an entry that states no
    order's last day."""
    if type_name not in order_types(case) or not isinstance(payload.get("until"), str):
        return
    past = held_against(case, type_name, payload, occurred_at, corrects_seq)
    if past is None or is_confirmed(CONFIRMATION):  # asked only when needed: kept on it
        return
    label = past.label.get("en") or past.rule_id
    flag = " (source to be confirmed)" if past.law.flag == "P" else ""
    message = (
        f"the term this order states, until {past.until.isoformat()}, goes past the legal "
        f"maximum, as this court's rules read it: “{label}” ({cite_law(past.law, 'en')}"
        f"{flag}) ends on {past.maximum_on.isoformat()}. Recorded, the order is kept as "
        "the judge gave it and the detention clock marks its term as beyond the maximum, "
        f'which governs. To record it, send "confirm": ["{CONFIRMATION}"]'
    )
    raise InvalidInput(
        f"confirm: {message} (rule {past.rule_id})",
        errors=[{"field": "confirm", "message": message}],
    )


def held_against(
    case: Case,
    type_name: str,
    payload: dict[str, Any],
    occurred_at: dt.datetime,
    corrects_seq: int | None = None,
) -> PastMaximum | None:
    """The maximum to confirm before recording this entry (the form's warning, the write
    path's refusal), or None: ``order_past_maximum``, except that a correction of an
    entry whose term already went past the maximum asks only if it moves that term's
    last day later than it was."""
    past = order_past_maximum(case, type_name, payload, occurred_at, corrects_seq)
    if past is None or corrects_seq is None:
        return past
    was = _as_recorded(case, correction_root(case, corrects_seq))
    if was is not None and past.until <= was.until:
        return None  # already past it, and no further: confirmed when it was recorded
    return past


def order_past_maximum(
    case: Case,
    type_name: str,
    payload: dict[str, Any],
    occurred_at: dt.datetime,
    corrects_seq: int | None = None,
) -> PastMaximum | None:
    """The maximum this order's stated term would go past, if it would (else None)."""
    if type_name not in order_types(case):
        return None
    pack = load_pack(case.court.rule_pack)
    view = history.pack_view(pack, case.procedure)
    person = payload.get(view.subjects.get(type_name, "person"))
    if not isinstance(person, str) or not isinstance(payload.get("until"), str):
        return None
    seq = correction_root(case, corrects_seq) if corrects_seq is not None else case.last_seq + 1
    new = history.Entry(seq, type_name, occurred_at, payload, person)
    before = history.case_history(case, view)
    entries = sorted([*(e for e in before if e.seq != seq), new], key=lambda e: (e.at, e.seq))
    return _past(pack, case, view, person, entries, seq)


def _as_recorded(case: Case, seq: int) -> PastMaximum | None:
    """The maximum entry ``seq`` goes past as the record stands (as last corrected)."""
    pack = load_pack(case.court.rule_pack)
    view = history.pack_view(pack, case.procedure)
    entries = history.case_history(case, view)
    entry = next((e for e in entries if e.seq == seq), None)
    if (
        entry is None
        or entry.type not in order_types(case)
        or entry.subject is None
        or not isinstance(entry.payload.get("until"), str)
    ):
        return None
    return _past(pack, case, view, entry.subject, entries, seq)


def _past(
    pack: Pack,
    case: Case,
    view: history.PackView,
    person: str,
    entries: list[history.Entry],
    seq: int,
) -> PastMaximum | None:
    """The maximum the term entry ``seq`` states goes past, with ``entries`` recorded."""
    facts = history.person_facts_held(entries, person, view, pack)
    born = history.person_born(entries, person) if view.needs_birth else None
    rules = [r for r in rules_for(pack, case.procedure) if r.each is None]
    computed = compute_for_pack(
        pack,
        facts,
        subject=f"{case.nuid}:{person}",
        procedure=case.procedure,
        born=born,
        rules=rules,
    )
    running = [d for d in computed if d.satisfied_at is None and d.stopped_at is None]
    term = next((d for d in running if _states_term(d, seq)), None)
    limits = [d for d in running if d.rule is not None and d.rule.maximum]
    if term is None or not limits:
        return None
    maximum = min(limits, key=lambda d: d.due_at)
    if term.due_at <= maximum.due_at or maximum.rule is None:
        return None
    return PastMaximum(
        until=term.due_on,
        maximum_on=maximum.due_on,
        label=dict(maximum.rule.label or {}),
        law=maximum.rule.law,
        rule_id=maximum.rule.id,
    )


def _states_term(d: ComputedDeadline, seq: int) -> bool:
    """A deadline whose last day this entry states (it starts it, or extends it)."""
    if d.rule is None or d.rule.until_from is None:
        return False
    return d.start_event == seq or (d.extension is not None and d.extension.id == seq)
