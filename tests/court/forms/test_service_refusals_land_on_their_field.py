"""A refusal of the service names fields by path (``payload.until``,
``payload.person.given_names``, ``occurred_at``); the form puts each message next to
the field it names, and the rest at the top."""

from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from expediente.court.forms.case_data import PartyOption
from expediente.court.forms.event_form import EventForm
from expediente.court.forms.fields import FormContext
from expediente.court.forms.participant_form import ParticipantForm
from expediente.docket.errors import InvalidInput
from expediente.rules.loader import load_pack


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def ctx():
    return FormContext(
        pack=load_pack("cr"),
        tz=ZoneInfo("America/Costa_Rica"),
        parties=[PartyOption("P1", "José Pérez Mora", "accused")],
    )


def order(ctx, **data):
    values = {
        "idempotency_key": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        "expected_seq": "5",
        "person": "P1",
        "until": "2027-02-28",
        "grounds": "Risk of flight",
        "occurred_at": "2026-11-20T10:00",
    } | data
    form = EventForm(values, ctx=ctx, type_name="custody.pretrial_ordered", next_seq=5)
    assert form.is_valid(), form.errors
    return form


def test_a_payload_field_error_lands_on_that_field(ctx):
    form = order(ctx)
    form.refuse(
        InvalidInput("x", errors=[{"field": "payload.until", "message": "may not be so late"}])
    )
    assert form.errors["until"] == ["May not be so late."]


def test_when_it_happened_lands_on_its_field(ctx):
    form = order(ctx)
    form.refuse(InvalidInput("x", errors=[{"field": "occurred_at", "message": "too early"}]))
    assert form.errors["occurred_at"] == ["Too early."]


def test_a_choice_refused_by_the_service_says_what_to_choose(ctx):
    form = order(ctx)
    form.refuse(
        InvalidInput("x", errors=[{"field": "payload.person", "message": "no participant"}])
    )
    assert form.errors["person"] == [
        "Choose someone listed: only a person with the role Accused fits here."
    ]


def test_an_error_without_a_field_goes_to_the_top(ctx):
    form = order(ctx)
    form.refuse(InvalidInput("the request was refused"))
    form.refuse(InvalidInput("x", errors=[{"field": "Idempotency-Key", "message": "reused"}]))
    assert form.non_field_errors() == ["The request was refused.", "Reused."]
    assert [anchor for anchor, _ in form.error_links()] == ["", ""]


def test_a_persons_field_lands_on_the_person_question(ctx):
    form = ParticipantForm(
        {
            "idempotency_key": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "expected_seq": "5",
            "role": "witness",
            "kind": "natural",
            "given_names": "Rosa",
            "occurred_at": "2026-11-20T10:00",
        },
        ctx=ctx,
        next_seq=5,
    )
    assert form.is_valid(), form.errors
    form.refuse(
        InvalidInput(
            "x",
            errors=[
                {"field": "payload.person.id_number", "message": "not a valid number"},
                {"field": "payload.person", "message": "a natural person needs a name"},
            ],
        )
    )
    assert form.errors["id_number"] == ["Not a valid number."]
    assert form.errors["given_names"] == ["A natural person needs a name."]


def test_a_refusal_of_a_listed_choice_says_why(ctx):
    # a release of someone not in custody read "Choose someone listed", of a person listed
    form = order(ctx)
    why = "participant P1 is not in custody on 2026-11-20 10:00: they were released on …"
    form.refuse(InvalidInput("x", errors=[{"field": "payload.person", "message": why}]))
    assert form.errors["person"] == [
        "Participant P1 is not in custody on 2026-11-20 10:00: they were released on …."
    ]
