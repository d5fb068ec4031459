"""The custody deadlines the statistics count as the court's own to meet: the rules of
each court's pack that alert the judge (``alert.who``) and that the court owes (each
row's ``owed_by``, written by the projector from its own court's pack: not Costa Rica's
CPP 238 request for the custody hearing, the prosecution's act, although the judge is
alerted of it; a national pack that restates a rule as the court's is counted for its
own courts only), without the court's own targets for answering petitions
(``intl.petition_answer`` and ``intl.petition_answer.<kind>``, one per kind of petition,
``petitions/answer_rules.py``: started by ``petition.filed`` and flagged ``policy``, the
petitions panel's business; a petition deadline set by law, Colombia's 36 hours to
decide a habeas corpus, is counted) and without the obligations of a non-custodial
measure (``intl.measure.*``, started by ``measure.imposed``: reporting, instalments,
attendance, community service are the person's to meet). A legal limit on a juvenile's
non-custodial measures that replace the detention (Costa Rica's
``cr.juvenile.non_custodial_measures``) is the court's to keep and is counted. And their
labels, from the packs there are, in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.utils.translation import get_language

from expediente.rules.deadline_text import language, rule_label
from expediente.rules.loader import RulePackError, available_pack_ids, load_pack
from expediente.rules.schema import Deadline

JUDGE = "judge"  # a deadline the rules alert the judge of is the court's to meet
PETITION_FILED = "petition.filed"  # starts a petition's answer deadline
MEASURE_IMPOSED = "measure.imposed"  # starts a measure's obligations: the person's


def judge_rule(rule: Deadline) -> bool:
    starts = set(rule.start_types)
    if JUDGE not in rule.alert.who or MEASURE_IMPOSED in starts:
        return False
    return not (PETITION_FILED in starts and rule.law.flag == "policy")


@cache
def _rules(pack_ids: tuple[str, ...]) -> dict[str, Deadline]:
    out: dict[str, Deadline] = {}
    for pack_id in pack_ids:
        try:
            pack = load_pack(pack_id)
        except RulePackError:  # a broken pack in a configured folder: no court can use it
            continue
        for rule in pack.deadlines:
            out.setdefault(rule.id, rule)
    return out


def judge_rule_ids(pack_ids: Iterable[str]) -> list[str]:
    """The ids of the judge's custody deadlines in these packs."""
    rules = _rules(tuple(sorted(set(pack_ids))))
    return sorted(i for i, rule in rules.items() if judge_rule(rule))


def deadline_rule_label(rule_id: str) -> str:
    """A rule's label from the packs there are (shipped, and in
    ``EXPEDIENTE_RULE_PACK_DIRS``), in the active language (its id when none has it)."""
    rule = _rules(tuple(available_pack_ids())).get(rule_id)
    return rule_id if rule is None else rule_label(rule, language(get_language()))


ARRESTED = "custody.arrested"


def arrest_rule_ids(pack_ids: Iterable[str]) -> list[str]:
    """The ids of the deadlines to bring an arrested person before a judge in these packs:
    started by the arrest alone (as ``stats.arrest_limits`` lists them), not the release
    watch an arrest with no ground also starts, nor an order's clock waiting for the
    arrest that carries it out."""
    rules = _rules(tuple(sorted(set(pack_ids))))
    return sorted(
        i for i, r in rules.items() if r.start_types == (ARRESTED,) and not r.waits_for_custody
    )
