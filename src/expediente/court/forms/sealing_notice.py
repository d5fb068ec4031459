"""What the court is told when it seals a case with someone held in it: that person, the
defence acting for them and the guardian standing for them keep seeing the detention part
of the case outside the court (the pack's rule ``sealed_detention_own``,
``access/detention_part.py``), so the court knows before it records the order. A notice to
read and confirm on the form (``flow.submit``, as its other warnings), not a refusal: the
order is the court's to make. Its token names the people held, so a change asks again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from expediente.access.detention_part import kept_for
from expediente.access.sealing import SEALED
from expediente.docket.models import Participation

if TYPE_CHECKING:
    from expediente.court.forms.flow import Workspace


def held_names(ws: Workspace) -> list[str]:
    """The names of the people held whose detention part a sealing order keeps outside
    the court (the court's staff read every name)."""
    uids = kept_for(ws.case, ws.pack)
    if not uids:
        return []
    people = Participation.objects.filter(case=ws.case, uid__in=uids).select_related("person")
    names = {p.uid: str(p.person.display_name) for p in people}
    return [names.get(uid, uid) for uid in uids]


def sealing_notice(
    ws: Workspace, type_name: str, corrects_seq: int | None
) -> dict[str, str] | None:
    """The notice to confirm (``text``, ``token``, ``confirm``) before a sealing order is
    recorded while someone is held in the case, or None."""
    if type_name != SEALED or corrects_seq is not None:
        return None
    names = held_names(ws)
    if not names:
        return None
    text = _(
        "Held in this case now: %(names)s. Once the case is sealed, each of them, the "
        "defence acting for them and the guardian standing for them will still see the "
        "detention part of the case outside the court, until release: the detention clock "
        "and its deadlines, the custody entries, their petitions and the court's answers. "
        "They can still file a habeas corpus or ask for a review. Nothing else of the case "
        "stays visible to them, and nothing to anyone else."
    ) % {"names": ", ".join(names)}
    confirm = _("I understand: record the sealing order.")
    return {"text": text, "token": "sealed-held:" + ",".join(sorted(names)), "confirm": confirm}
