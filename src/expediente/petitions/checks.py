"""System checks for the petitions, run when a command starts (``expediente serve``,
``worker``, ``check``): a rule pack that gives a kind of petition two answer deadlines is
named, with the rules, before any petition is filed under it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Warning

from expediente.petitions.answer_rules import kinds_answered_twice
from expediente.rules.loader import RulePackError, available_pack_ids


def answer_rules_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Each kind of petition has at most one answer deadline in every pack there is."""
    out: list[CheckMessage] = []
    for pack_id in available_pack_ids():
        try:
            twice = kinds_answered_twice(pack_id)
        except RulePackError:  # a pack that does not load is said where it is chosen
            continue
        for kind, ids in twice.items():
            out.append(
                Warning(
                    f"rule pack {pack_id}: a petition of kind {kind} gets {len(ids)} answer "
                    f"deadlines ({', '.join(ids)})",
                    hint=(
                        "Since intl 2026.12 each kind has its own answer rule "
                        "(intl.petition_answer is the review of detention's, with "
                        "starts_when: {petition.filed: {kind: [detention_review]}}). Give "
                        "the pack's rule that starts_when, or use replaces: to stand for "
                        "the baseline's rule of that kind (docs/rule-packs.md)."
                    ),
                    id="petitions.W001",
                )
            )
    return out
