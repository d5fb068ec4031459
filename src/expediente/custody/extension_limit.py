"""An extension past the number a term admits, refused before it is recorded.

A pack's deadline may say how many extensions one term admits (``extensions_allowed``:
Colombia's Ley 906 art. 307 par. 1 allows one extension of a custodial measure). Which
term an extension extends, and how many it already has, is the deadline engine's to say
(the running clock: not one before the start, a new one after a new order): so this
check runs the same engine as the custody projection (``rules.deadlines.compute_for_pack``
over ``history.person_facts_held``) on the case's entries plus the one being recorded, as
``foresight.py`` does, and refuses the entry when the engine lists it among the
extensions the term does not admit (``ComputedDeadline.refused_extensions``). A
backdated extension that would make one already on the record the one too many is
refused too; a history recorded before the rule is not held against a new entry. Nothing
is written: the refusal names the rule, its article and the extensions already recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_noop

from expediente.custody import history
from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case
from expediente.docket.selectors import correction_root
from expediente.rules.citation import cite_law
from expediente.rules.deadlines import ComputedDeadline, compute_for_pack, rules_for
from expediente.rules.loader import load_pack
from expediente.rules.schema import Deadline, Pack

FIELD = "type"  # the entry as a whole: no field of it is wrong, the extension itself is


def limited_rules(pack: Pack, procedure: str, type_name: str) -> list[Deadline]:
    """The per-person rules this entry type extends that admit a number of extensions."""
    return [
        r
        for r in rules_for(pack, procedure)
        if r.extensions_allowed is not None and type_name in r.extended_by and r.each is None
    ]


def refuse_extension_past_limit(
    case: Case,
    type_name: str,
    payload: dict[str, Any],
    occurred_at: dt.datetime,
    corrects_seq: int | None = None,
) -> None:
    """Raise InvalidInput if this entry would extend a term more often than its rule
    admits (one query for the case's history, only for such an entry type)."""
    pack = load_pack(case.court.rule_pack)
    rules = limited_rules(pack, case.procedure, type_name)
    if not rules:
        return
    view = history.pack_view(pack, case.procedure)
    person = payload.get(view.subjects.get(type_name, "person"))
    if not isinstance(person, str):
        return
    seq = correction_root(case, corrects_seq) if corrects_seq is not None else case.last_seq + 1
    before = history.case_history(case, view)
    new = history.Entry(seq, type_name, occurred_at, payload, person)
    after = sorted([*(e for e in before if e.seq != seq), new], key=lambda e: (e.at, e.seq))
    too_many = _refused(pack, case, person, after, rules)
    if not too_many:
        return
    earlier = _refused(pack, case, person, before, rules)
    known = {(d.rule_id, x) for d in earlier for x in d.refused_extensions}
    types = {e.seq: e.type for e in after}
    for d in too_many:
        if all((d.rule_id, x) in known for x in d.refused_extensions):
            continue  # recorded before the rule: not held against this entry
        assert d.rule is not None
        extending = set(d.rule.extended_by)
        counted = {x for x in d.events if isinstance(x, int) and types.get(x) in extending}
        others = sorted((counted | {x for x in d.refused_extensions if isinstance(x, int)}) - {seq})
        raise _refusal(d.rule, others)


def _refused(
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
    return [d for d in computed if d.refused_extensions]


def _refusal(rule: Deadline, entries: list[int]) -> InvalidInput:
    """The entry refused, naming the rule, its article and the extensions recorded."""
    law = cite_law(rule.law, "en")
    label = dict(rule.label or {"en": rule.id})
    allowed = rule.extensions_allowed or 0
    numbers = ", ".join(str(x) for x in entries)
    if allowed == 1:
        words = Words(
            gettext_noop(
                "%(rule)s may be extended only once (%(law)s), and entry %(entries)s "
                "already extended it: correct that entry instead of recording another "
                "extension."
            ),
            {"rule": label, "law": law, "entries": numbers},
        )
    else:
        words = Words(
            gettext_noop(
                "%(rule)s may be extended no more than %(allowed)s times (%(law)s), and "
                "entries %(entries)s already extended it: correct one of them instead of "
                "recording another extension."
            ),
            {"rule": label, "law": law, "entries": numbers, "allowed": allowed},
        )
    return InvalidInput.of(FIELD, words, f"{FIELD}: {words.english()} (rule {rule.id})")
