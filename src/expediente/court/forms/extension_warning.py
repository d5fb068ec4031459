"""The record form's warning, before saving, that an extension goes past the number of
extensions its term admits (``extensions_allowed``: Colombia's one extension of a
custodial measure, Ley 906 art. 307 par. 1, as the pack reads it). A warning to read and
confirm, not a refusal: the docket records what the judge ordered, and the detention
clock does not count the extension (``custody/extension_limit.py``). ``flow.submit`` asks
again until the box is ticked; the token names the rule, the extensions on record and
the entry's day, so changing the day asks again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from expediente.court.forms.base import EntryForm
from expediente.custody.extension_limit import extension_past_limit, limited_rules
from expediente.rules.citation import cite_law

if TYPE_CHECKING:
    from expediente.court.forms.flow import Workspace


def extension_warning(
    ws: Workspace, form: EntryForm, type_name: str, corrects_seq: int | None
) -> dict[str, str] | None:
    """The warning to confirm (``text``, ``token``, ``confirm``: the box's label), or None."""
    if not limited_rules(ws.pack, ws.case.procedure, type_name):
        return None
    occurred_at = form.cleaned_data["occurred_at"]
    past = extension_past_limit(ws.case, type_name, form.payload(), occurred_at, corrects_seq)
    if past is None:
        return None
    language = (get_language() or "en")[:2]
    rule = past.rule
    label = dict(rule.label or {})
    allowed = rule.extensions_allowed or 0
    law = cite_law(rule.law, language)
    if rule.law.flag == "P":
        law = f"{law} ({_('source to be confirmed')})"
    values = {
        "law": law,
        "rule": label.get(language) or label.get("en") or rule.id,
        "allowed": ngettext("%(n)s extension", "%(n)s extensions", allowed) % {"n": allowed},
        "entries": ", ".join(str(x) for x in past.entries),
        "maximum": formats.date_format(past.due_on, "DATE_FORMAT"),
    }
    text = (
        ngettext(
            "This extension goes past what %(law)s admits, as this court's rules read it: "
            "“%(rule)s” admits %(allowed)s, and entry %(entries)s already extended it. The "
            "record keeps the extension as the judge ordered it, but the detention clock will "
            "not count it: the term ends on %(maximum)s, and the detention shows as overdue "
            "after that day.",
            "This extension goes past what %(law)s admits, as this court's rules read it: "
            "“%(rule)s” admits %(allowed)s, and entries %(entries)s already extended it. The "
            "record keeps the extension as the judge ordered it, but the detention clock will "
            "not count it: the term ends on %(maximum)s, and the detention shows as overdue "
            "after that day.",
            len(past.entries),
        )
        % values
    )
    token = f"extension:{rule.id}:{values['entries']}:{occurred_at.date().isoformat()}"
    confirm = _("I have checked it: record the extension as the judge gave it.")
    return {"text": text, "token": token, "confirm": confirm}
