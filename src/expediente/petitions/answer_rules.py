"""The deadlines a pack sets for answering petitions: the rules a petition's filing
starts, one per petition (``each``). The baseline has one per kind of petition
(``intl.petition_answer`` for a review of detention, ``intl.petition_answer.<kind>``
for the others, each the court's service target, flag ``policy``); a national pack may
replace one with a limit set by law (Colombia's 36 hours for a habeas corpus). Whatever
counts or lists the answers to petitions asks here rather than naming ids."""

from __future__ import annotations

from functools import cache

from expediente.rules.loader import load_pack
from expediente.rules.schema import Deadline

FILED = "petition.filed"


def is_answer_rule(rule: Deadline) -> bool:
    """A rule that gives each petition filed its own answer deadline."""
    return FILED in rule.start_types and rule.each is not None


@cache
def answer_rule_ids(pack_id: str) -> tuple[str, ...]:
    """The ids of the pack's answer deadlines for petitions, in the pack's order."""
    return tuple(r.id for r in load_pack(pack_id).deadlines if is_answer_rule(r))


def kinds_answered_twice(pack_id: str) -> dict[str, list[str]]:
    """Each kind of petition more than one of the pack's answer rules starts a deadline
    for, with those rules' ids: a pack that redefines ``intl.petition_answer`` without
    its ``starts_when`` (from before 2026.12, when it answered every kind) gives each
    petition two answer deadlines. Empty for a sound pack."""
    pack = load_pack(pack_id)
    filed = pack.event_types.get(FILED)
    spec = filed.fields.get("kind") if filed is not None else None
    kinds = list(spec.options or []) if spec is not None else []
    rules = [r for r in pack.deadlines if is_answer_rule(r)]
    out: dict[str, list[str]] = {}
    for kind in kinds:
        ids = [r.id for r in rules if r.opens_at(FILED, {"kind": kind})]
        if len(ids) > 1:
            out[kind] = ids
    return out
