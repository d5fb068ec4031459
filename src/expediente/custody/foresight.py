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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from expediente.custody import history
from expediente.docket.models import Case
from expediente.docket.selectors import correction_root
from expediente.rules.deadlines import ComputedDeadline, compute_for_pack, rules_for
from expediente.rules.loader import load_pack
from expediente.rules.schema import Law


@dataclass(frozen=True)
class PastMaximum:
    """The order's last day, and the maximum it goes past (its last day, label, law)."""

    until: dt.date
    maximum_on: dt.date
    label: dict[str, str]
    law: Law


def order_types(case: Case) -> frozenset[str]:
    """The entry types that state a detention order's last day in the case's pack (the
    starts and extensions of its ``until_from`` rules): only these are foreseen."""
    pack = load_pack(case.court.rule_pack)
    out: set[str] = set()
    for rule in rules_for(pack, case.procedure):
        if rule.until_from is not None and rule.each is None:
            out.add(rule.start_type)
            out.update(rule.extended_by)
    return frozenset(out)


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
    )


def _states_term(d: ComputedDeadline, seq: int) -> bool:
    """A deadline whose last day this entry states (it starts it, or extends it)."""
    if d.rule is None or d.rule.until_from is None:
        return False
    return d.start_event == seq or (d.extension is not None and d.extension.id == seq)
