"""What the petitioner wrote, above the form that decides the petition: the judge
decides on the text, not on "Entry 10: Protection — Karla …".

The text is a protected field of the record (``protected: true`` in the pack), so it is
read through the disclosure rules (``CaseView.text``: a reader who may not read free
text gets "[…]") and, when shown, the read is a line in the access log, like every
staff read of protected data. The texts are read only when the page is drawn (the
template calls ``written``), so a decision sent and recorded logs no read of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from expediente.access.access_log import access_insert, access_line
from expediente.access.disclosure import (
    audience_for,
    name_classes,
    shown_on_screen,
    view_unlogged,
)
from expediente.access.policy import Actor
from expediente.docket.models import Case
from expediente.docket.selectors import latest_versions
from expediente.petitions.models import Petition

FILED = "petition.filed"


@dataclass(frozen=True)
class Written:
    number: int  # the filing's entry number
    kind: str
    petitioner: str  # as the reader may see the name
    filed_at: dt.datetime
    text: str  # as the reader may read it: "[…]" when not


def petitions_written(*, actor: Actor, case: Case, chosen: int | None) -> list[Written]:
    """The open petitions of ``case`` with what each says (its latest correction's
    words), oldest first; only ``chosen`` when it names one of them. One line in the
    access log when anything protected is shown."""
    rows = list(
        Petition.objects.filter(case=case, status=Petition.Status.OPEN)
        .select_related("petitioner__person")
        .order_by("filed_seq")
    )
    if any(p.filed_seq == chosen for p in rows):
        rows = [p for p in rows if p.filed_seq == chosen]
    if not rows:
        return []
    texts = _latest_texts(case)
    audience = audience_for(actor, case.court.code)
    view = view_unlogged(audience, case)
    if not view.visible:
        return []
    shows = ("free_text", *name_classes(p.petitioner for p in rows))
    classes = shown_on_screen(view.shown, shows)
    if classes:
        access_insert(
            access_line(
                case_id=case.pk,
                court_code=case.court.code,
                audience=audience,
                channel="web",
                classes=classes,
            )
        )
    return [
        Written(
            number=p.filed_seq,
            kind=str(p.get_kind_display()),
            petitioner=view.name(p.petitioner),
            filed_at=p.filed_at,
            text=str(view.text(FILED, "text", texts.get(p.filed_seq, ""))),
        )
        for p in rows
    ]


def written_later(*, actor: Actor, case: Case, chosen: int | None) -> Callable[[], list[Written]]:
    """``petitions_written`` for the template to call when it draws the page."""
    return lambda: petitions_written(actor=actor, case=case, chosen=chosen)


def _latest_texts(case: Case) -> dict[int, str]:
    """Each filing's text as it stands, by the filing's entry number: a correction of a
    filing restates it whole, and the last correction in a chain is the one that holds."""
    latest, _origin = latest_versions(case, [FILED])
    return {seq: str(entry.payload.get("text") or "") for seq, entry in latest.items()}
