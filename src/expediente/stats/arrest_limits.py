"""The legal limits the arrest indicators count against, court by court.

"Brought before a judge within the legal limit" (``arrests_by_limit``,
``share_within_limit``, ``hours_to_judge``) counts each arrest against the deadline its
court's rule pack starts at the arrest: 24 hours under Costa Rica's Constitución Política
art. 37, 24 hours to the custody hearing under Brazil's CPP art. 310, the international
baseline's 48 hours elsewhere. The indicator's definition page lists them from the packs
in use, so a published figure names the law each court was measured against instead of one
country's article for all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from expediente.docket.models import Court
from expediente.rules.deadline_text import Text, language, rule_label, rule_law
from expediente.rules.loader import load_pack

ARRESTED = "custody.arrested"


@dataclass(frozen=True)
class ArrestLimit:
    courts: tuple[str, ...]
    rule: str  # the rule's label in the reader's language
    procedures: str  # "adult", "juvenile", or both, in words
    length: str  # "24 hours"
    law: str  # the citation, "(to confirm)" when the pack flags it P
    flag: str  # V, P, U or policy


def _procedures(names: list[str]) -> str:
    words = {"adult": _("adults"), "juvenile": _("juveniles")}
    return ", ".join(words.get(n, n) for n in names) if names else _("every procedure")


def arrest_limits(lang: str | None) -> list[ArrestLimit]:
    """For every rule pack a court uses, the deadlines that start at an arrest (not a
    detention order's clock waiting for the arrest that carries it out), with the courts
    that use it, in ``lang``."""
    courts: dict[str, list[str]] = defaultdict(list)
    for pack_id, name in Court.objects.order_by("name").values_list("rule_pack", "name"):
        courts[pack_id].append(name)
    words = language(lang)
    text = Text(words, {}, moments=False, tz=None)
    out = []
    for pack_id in sorted(courts):
        for rule in load_pack(pack_id).deadlines:
            if rule.start_types != (ARRESTED,) or rule.waits_for_custody:
                continue
            out.append(
                ArrestLimit(
                    courts=tuple(courts[pack_id]),
                    rule=rule_label(rule, words),
                    procedures=_procedures(rule.applies_to.get("procedure", [])),
                    length=text.duration(rule.duration),
                    law=rule_law(rule, words),
                    flag=rule.law.flag,
                )
            )
    return out
