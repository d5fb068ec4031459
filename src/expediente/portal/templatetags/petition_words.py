"""The court's answer to a petition in plain words, for the templates: the one set of
sentences of ``portal.petition_lines`` (``ANSWERED``, or ``ANSWERED_FOR_COUNSEL`` when a
lawyer reads the answer to a client's petition: "what you asked" was addressed to her)."""

from __future__ import annotations

from django import template

from expediente.portal.petition_lines import answered_words

register = template.Library()


@register.filter
def outcome_words(outcome: object, for_counsel: object = False) -> str:
    return answered_words(outcome, for_counsel=bool(for_counsel))
