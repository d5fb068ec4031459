"""The entry forms' warning, before saving, that an accused's age at the time of the acts
does not fit the case's procedure: when a clerk adds (or corrects) an accused with a date
of birth, or files a charge against one. A warning to read and confirm, not a refusal:
the date of birth may be the mistake (``flow.submit`` asks again until the box is ticked;
its token names the date of birth and the procedure, so changing either asks again)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from expediente.court.ages import age_alert
from expediente.court.forms.base import EntryForm
from expediente.docket import ages
from expediente.docket.models import Event, Participation

if TYPE_CHECKING:
    from expediente.court.forms.flow import Workspace

PARTICIPANT, CHARGE = "participant.added", "charge.filed"


def age_warning(
    ws: Workspace, form: EntryForm, type_name: str, corrects_seq: int | None
) -> dict[str, str] | None:
    """The warning to confirm (``text``, ``token``, ``confirm``: the box's label), or None."""
    found = _accused(ws, form, type_name, corrects_seq)
    if found is None:
        return None
    name, born, participant = found
    arrests = ages.arrest_days(ws.case).get(participant, []) if participant else []
    check = ages.judged(ws.case, ws.pack, born, arrests)
    alert = age_alert(name, check) if check is not None else None
    if alert is None:
        return None
    text = alert.text
    if alert.to_confirm:
        text = f"{text} ({_('source to be confirmed')})"
    confirm = (
        _("I have checked the date of birth: record it as it is.")
        if type_name == PARTICIPANT
        else _("I have checked: file the charge as it is.")
    )
    token = f"age:{alert.finding}:{born.isoformat()}:{ws.case.procedure}"
    return {"text": text, "token": token, "confirm": confirm}


def _accused(
    ws: Workspace, form: EntryForm, type_name: str, corrects_seq: int | None
) -> tuple[str, dt.date, str | None] | None:
    """(name, date of birth, participant id if already in the case) of the accused the
    entry is about, if it gives a date of birth; None otherwise."""
    payload: dict[str, Any] = form.payload()
    if type_name == PARTICIPANT:
        person = payload.get("person") or {}
        text = person.get("date_of_birth")
        if payload.get("role") != ages.ACCUSED or not text:
            return None
        name = " ".join(p for p in (person.get("given_names"), person.get("family_names")) if p)
        participant = None
        if corrects_seq is not None:
            original = Event.objects.filter(case=ws.case, seq=corrects_seq).first()
            participant = str(original.payload.get("participant", "")) if original else None
        return name, dt.date.fromisoformat(str(text)), participant
    if type_name == CHARGE:
        uid = str(payload.get("accused", ""))
        row = (
            Participation.objects.filter(case=ws.case, uid=uid, role=ages.ACCUSED)
            .select_related("person")
            .first()
        )
        if row is None or row.person.date_of_birth is None:
            return None
        return row.person.display_name, row.person.date_of_birth, uid
    return None
