"""An extension past the number a term admits, foreseen before it is recorded.

A pack's deadline may say how many extensions one term admits (``extensions_allowed``:
Colombia's Ley 906 art. 307 par. 1 allows one extension of a custodial measure, as the
pack reads it). The docket records what the judge ordered, even an extension the law
does not admit (a real order is not refused, as ``foresight.py`` says of a term past the
maximum); the deadline engine does not count it (``ComputedDeadline.
not_counted_extensions``: the maximum stays where the extensions admitted put it, so the
detention shows as overdue) and its explanation says so. But the court must not record it
unawares: the record form asks for a confirmation first (``court/forms/
extension_warning.py``) and the API refuses it without ``confirm: ["extension_past_limit"]``
(``api/writes.py``), when ``extension_past_limit`` says the entry would leave an
extension uncounted.

Which term an extension extends, and how many it already has, is the engine's to say (the
running clock: not one before the start, a new one after a new order): so this runs the
same engine as the custody projection (``rules.deadlines.compute_for_pack`` over
``history.person_facts_held``) on the case's entries plus the one being recorded, as
``foresight.py`` does. A backdated extension that would leave one already on the record
uncounted is foreseen too; an extension already uncounted before is not held against a
new entry, and correcting a counted extension asks nothing. Nothing is written here.
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
from expediente.rules.schema import Deadline, Pack

# what an API client sends in ``confirm`` to record such an extension all the same
CONFIRMATION = "extension_past_limit"


@dataclass(frozen=True)
class PastLimit:
    """The rule whose term the entry would extend once too often, the other extension
    entries of that term on the record, and the term's last day as the engine counts it
    with the entry recorded (the extension past the limit moves nothing)."""

    rule: Deadline
    entries: tuple[int, ...]
    due_on: dt.date


def limited_rules(pack: Pack, procedure: str, type_name: str) -> list[Deadline]:
    """The per-person rules this entry type extends that admit a number of extensions."""
    return [
        r
        for r in rules_for(pack, procedure)
        if r.extensions_allowed is not None and type_name in r.extended_by and r.each is None
    ]


def extension_past_limit(
    case: Case,
    type_name: str,
    payload: dict[str, Any],
    occurred_at: dt.datetime,
    corrects_seq: int | None = None,
) -> PastLimit | None:
    """The term this entry would extend more often than its rule admits, if it would
    (else None; one query for the case's history, only for such an entry type)."""
    pack = load_pack(case.court.rule_pack)
    rules = limited_rules(pack, case.procedure, type_name)
    if not rules:
        return None
    view = history.pack_view(pack, case.procedure)
    person = payload.get(view.subjects.get(type_name, "person"))
    if not isinstance(person, str):
        return None
    seq = correction_root(case, corrects_seq) if corrects_seq is not None else case.last_seq + 1
    before = history.case_history(case, view)
    new = history.Entry(seq, type_name, occurred_at, payload, person)
    after = sorted([*(e for e in before if e.seq != seq), new], key=lambda e: (e.at, e.seq))
    too_many = _past(pack, case, person, after, rules)
    if not too_many:
        return None
    known = {
        (d.rule_id, f.id)
        for d in _past(pack, case, person, before, rules)
        for f in d.not_counted_extensions
        if f.id != seq
    }
    types = {e.seq: e.type for e in after}
    for d in too_many:
        if all((d.rule_id, f.id) in known for f in d.not_counted_extensions):
            continue  # uncounted already before this entry: not held against it
        assert d.rule is not None
        extending = set(d.rule.extended_by)
        counted = {x for x in d.events if isinstance(x, int) and types.get(x) in extending}
        uncounted = {f.id for f in d.not_counted_extensions if isinstance(f.id, int)}
        others = tuple(sorted((counted | uncounted) - {seq}))
        return PastLimit(rule=d.rule, entries=others, due_on=d.due_on)
    return None


def _past(
    pack: Pack, case: Case, person: str, entries: list[history.Entry], rules: list[Deadline]
) -> list[ComputedDeadline]:
    """The person's deadlines under ``rules`` extended more often than they admit."""
    view = history.pack_view(pack, case.procedure)
    facts = history.person_facts_held(entries, person, view, pack)
    born = history.person_born(entries, person) if view.needs_birth else None
    computed = compute_for_pack(
        pack,
        facts,
        subject=f"{case.nuid}:{person}",
        procedure=case.procedure,
        born=born,
        rules=rules,
    )
    return [d for d in computed if d.not_counted_extensions]
