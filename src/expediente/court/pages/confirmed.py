"""What the staff timeline says of the warnings an entry's recorder read and confirmed
(``Event.confirmed``, ``custody/confirmations.py``): a plain sentence for each, naming the
rule and citing its source where the court's rule pack has it (the rule the write path
held the entry to: the maximum a detention order's term went past, the number of
extensions a term admits). Only the court's staff read it: the participants' portal and
the public pages do not show it."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from expediente.api.present import localized
from expediente.custody.confirmations import (
    EXTENSION_PAST_LIMIT,
    ORDER_PAST_MAXIMUM,
    PETITION_REPEATED,
)
from expediente.custody.extension_limit import limited_rules
from expediente.rules.citation import cite_law
from expediente.rules.deadlines import rules_for
from expediente.rules.schema import Deadline, Pack


def confirmed_lines(pack: Pack, procedure: str, type_name: str, names: list[str]) -> list[str]:
    """One sentence for each warning confirmed on an entry of ``type_name``."""
    return [_line(pack, procedure, type_name, name) for name in names]


def _line(pack: Pack, procedure: str, type_name: str, name: str) -> str:
    if name == ORDER_PAST_MAXIMUM:
        rules = _maximums(pack, procedure, type_name)
        if not rules:
            return _("Recorded knowing that the term it states goes past the legal maximum.")
        return _(
            "Recorded knowing that the term it states goes past the legal maximum: %(rules)s."
        ) % {"rules": _cited(rules)}
    if name == EXTENSION_PAST_LIMIT:
        rules = limited_rules(pack, procedure, type_name)
        if not rules:
            return _(
                "Recorded knowing that this extension goes past the number of extensions "
                "its term admits; the deadline does not count it."
            )
        return _(
            "Recorded knowing that this extension goes past the number of extensions its "
            "term admits: %(rules)s; the deadline does not count it."
        ) % {"rules": _cited(rules)}
    if name == PETITION_REPEATED:
        return _(
            "Recorded as a filing of its own, knowing that the court already had the same "
            "petition awaiting its answer."
        )
    return _("Recorded with the warning “%(name)s” read and confirmed.") % {"name": name}


def _maximums(pack: Pack, procedure: str, type_name: str) -> list[Deadline]:
    """The pack's legal maximums an order of ``type_name`` is held to (custody/
    foresight.py: the rules marked ``maximum`` that it starts or extends; every maximum
    of the procedure if none names it)."""
    maximums = [r for r in rules_for(pack, procedure) if r.maximum and r.each is None]
    own = [r for r in maximums if type_name in (*r.start_types, *r.extended_by)]
    return own or maximums


def _cited(rules: list[Deadline]) -> str:
    """Each rule by its label and source: “Maximum term of pretrial detention” (Código
    Procesal Penal (Ley 7594) art. 257(b)(c), 258)."""
    language = (get_language() or "en")[:2]
    parts = []
    for rule in rules:
        cited = cite_law(rule.law, language)
        if rule.law.flag == "P":
            cited = f"{cited}, {_('source to be confirmed')}"
        label = localized(dict(rule.label or {})) or rule.id
        parts.append(f"“{label}” ({cited})")
    return "; ".join(parts)
