"""The safe lines a petition's entries show on the plain-language timeline: what was
asked and how it was filed; which petition a decision answers and its outcome. The
petition's text and the decision's reasons are free text (``protected`` in the pack)
and never appear here. The answer to the reader's own petition says its outcome in
plain words ("The court granted what you asked"), as the receipt and the panel do
(``portal/follow/_outcome.html``)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from expediente.docket.models import Event
from expediente.petitions.models import FiledVia, Kind, Outcome

TYPES = frozenset({"petition.filed", "petition.decided"})

# The court's answer to the reader's own petition, in plain words (the same sentences as
# ``portal/follow/_outcome.html``, which reads them through ``answered_words``).
ANSWERED: dict[str, Promise] = {
    Outcome.GRANTED: gettext_lazy("The court granted what you asked."),
    Outcome.DENIED: gettext_lazy("The court refused what you asked."),
    Outcome.PARTLY_GRANTED: gettext_lazy(
        "The court granted part of what you asked, not all of it."
    ),
    Outcome.REFERRED: gettext_lazy(
        "The court sent your petition to the authority that can decide it."
    ),
    Outcome.ANSWERED: gettext_lazy("The court answered your petition."),
}
# The same, read by a lawyer about a client's petition.
ANSWERED_FOR_COUNSEL: dict[str, Promise] = {
    Outcome.GRANTED: gettext_lazy("The court granted what was asked."),
    Outcome.DENIED: gettext_lazy("The court refused what was asked."),
    Outcome.PARTLY_GRANTED: gettext_lazy(
        "The court granted part of what was asked, not all of it."
    ),
    Outcome.REFERRED: gettext_lazy(
        "The court sent the petition to the authority that can decide it."
    ),
    Outcome.ANSWERED: gettext_lazy("The court answered the petition."),
}


def answered_words(outcome: object, *, for_counsel: bool = False) -> str:
    """The answer in plain words; an outcome no list knows reads as answered."""
    words = ANSWERED_FOR_COUNSEL if for_counsel else ANSWERED
    return str(words.get(str(outcome), words[Outcome.ANSWERED]))


def _choice(choices: type[Kind] | type[FiledVia] | type[Outcome], value: object) -> str:
    try:
        return str(choices(str(value)).label)
    except ValueError:
        return str(value).replace("_", " ")


def details(e: Event, receipts: Mapping[int, str] | None = None) -> list[str]:
    """``receipts``: the receipt number of each petition by the entry that filed it (what
    the petitioner was given to quote, so the answer names the petition by it)."""
    p = e.payload or {}
    receipts = receipts or {}
    if e.type == "petition.filed":
        lines = [_choice(Kind, p.get("kind"))]
        if p.get("filed_via"):
            lines.append(
                _("Filed through %(via)s") % {"via": _choice(FiledVia, p.get("filed_via"))}
            )
        if e.seq in receipts:
            lines.append(_("Receipt %(receipt)s") % {"receipt": receipts[e.seq]})
        return lines
    number = p.get("petition")
    receipt = receipts.get(number) if isinstance(number, int) else None
    answer = (
        _("Answer to the petition with receipt %(receipt)s") % {"receipt": receipt}
        if receipt
        else _("Answer to the petition of entry %(seq)s") % {"seq": number}
    )
    plainly = ANSWERED.get(str(p.get("outcome"))) if receipt else None
    if plainly is not None:  # the reader's own petition
        return [answer, str(plainly)]
    return [answer, _("Outcome: %(outcome)s") % {"outcome": _choice(Outcome, p.get("outcome"))}]
