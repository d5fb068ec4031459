"""The custody deadlines the statistics count as the court's own to meet: the rules of
each court's pack that alert the judge (``alert.who``), as the portal's list of what the
court did late (``portal.case_view._with_missed``) chooses them, without the answers to
petitions (``intl.petition_answer``: the petitions panel's business, not a custody limit)
and without the obligations of a non-custodial measure (``intl.measure.*``, started by
``measure.imposed``: reporting, instalments, attendance, community service are the
person's to meet, not the court's, and no limit on anyone's custody). And their labels,
from the packs, in the reader's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.utils.translation import get_language

from expediente.rules.deadline_text import language, rule_label
from expediente.rules.loader import load_pack, shipped_pack_ids
from expediente.rules.schema import Deadline

JUDGE = "judge"  # a deadline the rules alert the judge of is the court's to meet
PETITION_FILED = "petition.filed"  # starts a petition's answer deadline
MEASURE_IMPOSED = "measure.imposed"  # starts a measure's obligations: the person's


def judge_rule(rule: Deadline) -> bool:
    starts = set(rule.start_types)
    return JUDGE in rule.alert.who and not starts & {PETITION_FILED, MEASURE_IMPOSED}


@cache
def _rules(pack_ids: tuple[str, ...]) -> dict[str, Deadline]:
    out: dict[str, Deadline] = {}
    for pack_id in pack_ids:
        for rule in load_pack(pack_id).deadlines:
            out.setdefault(rule.id, rule)
    return out


def judge_rule_ids(pack_ids: Iterable[str]) -> list[str]:
    """The ids of the judge's custody deadlines in these packs."""
    rules = _rules(tuple(sorted(set(pack_ids))))
    return sorted(i for i, rule in rules.items() if judge_rule(rule))


def deadline_rule_label(rule_id: str) -> str:
    """A rule's label from the shipped packs, in the active language (its id when no
    shipped pack has it)."""
    rule = _rules(tuple(shipped_pack_ids())).get(rule_id)
    return rule_id if rule is None else rule_label(rule, language(get_language()))


def missed_due(detail: Any, due_at: dt.datetime) -> dt.datetime:
    """The due moment the court missed, as ``custody.missed.missed_due`` reads it: the
    one an extension came after (``detail["lapse"]``), else the deadline's own."""
    lapse = (detail or {}).get("lapse") if isinstance(detail, dict) else None
    if lapse and lapse.get("due_at"):
        return dt.datetime.fromisoformat(str(lapse["due_at"])).astimezone(dt.UTC)
    return due_at
