"""A decision sent through the API may say whether it was taken in a hearing
(``in_hearing``) in a pack whose judge's form does not ask it (Costa Rica: its review
entry has no ``hearing`` field). Correcting that decision on the form keeps the answer,
as the service requires of a correction, and is recorded; a refusal that names a field
the form does not show is the form's own error, never a server error."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

from expediente.court.forms.event_form import EventForm
from expediente.court.forms.fields import FormContext
from expediente.docket.models import Case, Event
from expediente.petitions.services import petition_decide, petition_file
from expediente.rules.loader import load_pack
from tests.court.forms.helpers import drawn


def ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def decided_in_a_hearing(case: Case, clerk: Any, record: Any) -> Event:
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=ago(61))
    record(
        case,
        "custody.pretrial_ordered",
        {"person": "P1", "grounds": "Peligro de fuga", "until": "2099-12-31"},
        occurred_at=ago(60),
    )
    filed = petition_file(
        case=case,
        actor=clerk,
        occurred_at=ago(2),
        petitioner="P1",
        kind="detention_review",
        text="Pido que se revise la prisión preventiva.",
        filed_via="clerk",
        received_from="hermana",
    )
    return petition_decide(
        case=case,
        petition=filed.event.seq,
        outcome="denied",
        reasons="Subsisten.",
        actor=clerk,
        detention="maintained",
        person="P1",
        in_hearing=True,
        occurred_at=ago(1),
    )


def test_the_correction_is_recorded_and_keeps_in_hearing(
    judge_client: Client, accused_case: Case, clerk: Any, record: Any
) -> None:
    decided = decided_in_a_hearing(accused_case, clerk, record)
    url = f"/court/cases/{accused_case.nuid}/events/{decided.seq}/correct/"
    page = judge_client.get(url)
    assert page.status_code == 200
    assert "in_hearing" not in page.context["form"].fields  # Costa Rica does not ask it
    response = judge_client.post(
        url,
        drawn(page)
        | {"reasons": "Subsisten los antecedentes.", "correction_reason": "Mistyped at first"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    correction = Event.objects.filter(case=accused_case).order_by("seq").last()
    assert correction is not None
    assert correction.corrects_seq == decided.seq
    assert correction.payload["in_hearing"] is True
    assert correction.payload["reasons"] == "Subsisten los antecedentes."


def test_an_error_on_a_field_the_form_does_not_show_is_the_forms_own(
    accused_case: Case,
) -> None:
    pack = load_pack(accused_case.court.rule_pack)
    ctx = FormContext(pack=pack, tz=ZoneInfo("America/Costa_Rica"), case=accused_case)
    form = EventForm(ctx=ctx, type_name="petition.decided", next_seq=accused_case.last_seq + 1)
    assert "in_hearing" not in form.fields
    assert form.field_for("payload.in_hearing") is None
    assert form.field_for("payload.reasons") == "reasons"
