"""The record form's warning, before saving, that a petition is the same as one still
awaiting the court's answer (``petitions/repeats.py``: same petitioner, kind, detention
and text). A clerk who pressed Back and Save again, or who types a letter the family
already sent online, is told which petition the court already has; a second relative who
brings the same letter is a filing of its own, recorded once the box is ticked
(``petition_repeated``, which the write path is told). The token names the earlier
entry, so another earlier petition asks again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import formats
from django.utils.translation import gettext as _

from expediente.court.forms.base import EntryForm
from expediente.petitions.repeats import FILED, earlier_same

if TYPE_CHECKING:
    from expediente.court.forms.flow import Workspace


def repeat_warning(
    ws: Workspace, form: EntryForm, type_name: str, corrects_seq: int | None
) -> dict[str, str] | None:
    """The warning to confirm (``text``, ``token``, ``confirm``: the box's label), or None."""
    if type_name != FILED or corrects_seq is not None:
        return None
    earlier = earlier_same(ws.case, form.payload())
    if earlier is None:
        return None
    text = _(
        "The court already has this same petition, filed on %(filed)s (entry %(entry)s, "
        "receipt %(receipt)s), and has not answered it yet. If this is the same request "
        "sent again, do not record it. If someone else brought the same letter, record it "
        "as a filing of its own."
    ) % {
        "filed": formats.date_format(earlier.filed_at, "DATE_FORMAT"),
        "entry": earlier.filed_seq,
        "receipt": earlier.receipt,
    }
    confirm = _("It is a filing of its own: record it.")
    return {"text": text, "token": f"petition_repeated:{earlier.filed_seq}", "confirm": confirm}
