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
