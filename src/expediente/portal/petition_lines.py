"""The safe lines a petition's entries show on the plain-language timeline: what was
asked and how it was filed; which petition a decision answers and its outcome. The
petition's text and the decision's reasons are free text (``protected`` in the pack)
and never appear here."""

from __future__ import annotations

from django.utils.translation import gettext as _

from expediente.docket.models import Event
from expediente.petitions.models import FiledVia, Kind, Outcome

TYPES = frozenset({"petition.filed", "petition.decided"})


def _choice(choices: type[Kind] | type[FiledVia] | type[Outcome], value: object) -> str:
    try:
        return str(choices(str(value)).label)
    except ValueError:
        return str(value).replace("_", " ")


def details(e: Event) -> list[str]:
    p = e.payload or {}
    if e.type == "petition.filed":
        lines = [_choice(Kind, p.get("kind"))]
        if p.get("filed_via"):
            lines.append(
                _("Filed through %(via)s") % {"via": _choice(FiledVia, p.get("filed_via"))}
            )
        return lines
    number = p.get("petition")
    return [
        _("Answer to the petition of entry %(seq)s") % {"seq": number},
        _("Outcome: %(outcome)s") % {"outcome": _choice(Outcome, p.get("outcome"))},
    ]
