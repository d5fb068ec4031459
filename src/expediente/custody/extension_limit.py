"""An extension past the number a term admits, foreseen before it is recorded.

A pack's deadline may say how many extensions one term admits (``extensions_allowed``:
Colombia's Ley 906 art. 307 par. 1 allows one extension of a custodial measure, as the
pack reads it). The docket records what the judge ordered, even an extension the law
does not admit (a real order is not refused, as ``foresight.py`` says of a term past the
maximum); the deadline engine does not count it (``ComputedDeadline.
not_counted_extensions``: the maximum stays where the extensions admitted put it, so the
detention shows as overdue) and its explanation says so. But the court must not record it
unawares: the record form asks for a confirmation first (``court/forms/
extension_warning.py``) and the write path refuses it without ``confirm:
["extension_past_limit"]`` (the API's and the importer's ``EventIn.confirm``, the form's
box once ticked: each records inside ``confirmations.confirmed(...)``), when
``extension_past_limit`` says the entry would leave an extension uncounted. The refusal
is the custody projector's check (``refuse_unconfirmed``), so it runs inside
``event_record`` after the request's replay and the payload's validation: a retry with
the same Idempotency-Key is answered with what it recorded, and a malformed extension
gets its own error, not this one.

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
from functools import cache
from typing import Any

from expediente.custody import history
from expediente.custody.confirmations import EXTENSION_PAST_LIMIT, is_confirmed
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case
from expediente.docket.selectors import correction_root
from expediente.rules.citation import cite_law
from expediente.rules.deadlines import ComputedDeadline, compute_for_pack, rules_for
from expediente.rules.loader import load_pack
from expediente.rules.schema import Deadline, Pack

# what an API client sends in ``confirm`` to record such an extension all the same
# (``confirmations.py``: the caller records inside its ``confirmed``)
CONFIRMATION = EXTENSION_PAST_LIMIT


@cache
def _limited_types(pack_id: str, version: str) -> frozenset[str]:
    """The entry types that extend a term admitting a number of extensions, in a pack."""
    pack = load_pack(pack_id)
    return frozenset(
        t for r in pack.deadlines if r.extensions_allowed is not None for t in r.extended_by
    )


def refuse_unconfirmed(
    case: Case,
    type_name: str,
    payload: dict[str, Any],
    occurred_at: dt.datetime,
    corrects_seq: int | None = None,
) -> None:
    """Refuse, on field ``confirm``, an extension the term does not admit unless the caller
    confirmed it (``confirmed``; the entry then keeps the confirmation). Nothing to do,
    and no query, for any other entry."""
    pack = load_pack(case.court.rule_pack)
    if type_name not in _limited_types(pack.pack, pack.version):
        return
    past = extension_past_limit(case, type_name, payload, occurred_at, corrects_seq)
    if past is None or is_confirmed(CONFIRMATION):  # asked only when needed: kept on it
        return
    rule = past.rule
    label = dict(rule.label or {}).get("en") or rule.id
    entries = ", ".join(str(x) for x in past.entries)
    admits = f"{rule.extensions_allowed} extension" + ("" if rule.extensions_allowed == 1 else "s")
    which = f"entry {entries}" if len(past.entries) == 1 else f"entries {entries}"
    flag = " (source to be confirmed)" if rule.law.flag == "P" else ""
    message = (
        f"this extension goes past what {cite_law(rule.law, 'en')}{flag} admits, as this "
        f"court's rules read it: “{label}” admits {admits}, and {which} already extended "
        "it. Recorded, it is kept as the judge ordered it but the deadline does not count "
        f"it (the term ends on {past.due_on.isoformat()}). To record it, send "
        f'"confirm": ["{CONFIRMATION}"]'
    )
    raise InvalidInput(
        f"confirm: {message} (rule {rule.id})",
        errors=[{"field": "confirm", "message": message}],
    )


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
