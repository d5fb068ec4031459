"""The record form's warning before a death in custody is recorded (``custody.died``).

The entry ends the person's custody record, stops every clock of theirs and tells their
family, their lawyers and the other parties at once (``notify``: a message within
seconds). QA recorded one with a single tap on a phone, and the family's message left
before anyone could check. The form now asks once, naming the person: record it only on
the official notice of the death. It informs; the write path does not ask again (the API
and the importer record what another system, such as the prison's, reports)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from expediente.court.forms.base import EntryForm
from expediente.custody.periods import DIED_IN_CUSTODY

if TYPE_CHECKING:
    from expediente.court.forms.flow import Workspace


def death_warning(
    ws: Workspace, form: EntryForm, type_name: str, corrects_seq: int | None
) -> dict[str, str] | None:
    """The warning to confirm (``text``, ``token``, ``confirm``: the box's label), or None.
    A correction is not asked: it changes a death already told (and one that says the
    death was recorded by mistake is what undoes it)."""
    if type_name != DIED_IN_CUSTODY or corrects_seq is not None:
        return None
    person = str(form.payload().get("person") or "")
    names = {p.uid: p.person.display_name for p in ws.case.participations.select_related("person")}
    text = _(
        "Recording this says that %(name)s died in custody. It ends their custody record, "
        "stops every clock of theirs, and their family, their lawyers and the other "
        "parties are told at once. Record it only on the official notice of the death."
    ) % {"name": names.get(person, person)}
    confirm = _("The court has official notice of this death: record it.")
    return {"text": text, "token": f"death:{person}", "confirm": confirm}
