"""A correction of a ``participant.added`` entry could turn the accused into a victim
while a charge still named him as the accused: the case then charged its own victim.
Such a correction is refused naming the charge, and nothing is written; once the charge
is corrected to name another accused, the role can be corrected."""

from __future__ import annotations

import json

import pytest

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Charge, Event, Participation
from tests.api.helpers import PAST, message, post_json, problem
from tests.conftest import PERSON


def role(case: Case, uid: str) -> str:
    return Participation.objects.get(case=case, uid=uid).role


def test_the_api_refuses_it_naming_the_charge_and_writes_nothing(accused_case, api_clerk):
    before = Event.objects.filter(case=accused_case).count()
    body = {
        "type": "participant.added",
        "occurred_at": PAST,
        "corrects": 2,  # P1, the accused charged in C1
        "correction_reason": "Typed wrong when recorded",
        "payload": {"role": "victim", "person": PERSON},
    }
    p = problem(post_json(api_clerk, f"/api/v1/cases/{accused_case.nuid}/events", body), 422)
    assert "C1" in message(p, "payload.role")
    assert "C1" in p["detail"]
    assert Event.objects.filter(case=accused_case).count() == before
    assert role(accused_case, "P1") == "accused"
    assert Case.objects.get(pk=accused_case.pk).roster["participants"]["P1"] == "accused"


def test_every_charge_naming_him_is_named(accused_case, record):
    record(accused_case, "charge.filed", {"accused": "P1", "offence": "CP-208"})  # C2
    with pytest.raises(InvalidInput) as refused:
        record(
            accused_case,
            "participant.added",
            {"role": "witness", "person": PERSON},
            corrects_seq=2,
        )
    assert refused.value.errors[0]["field"] == "payload.role"
    assert "(C1, C2)" in refused.value.errors[0]["message"]


def test_a_correction_that_keeps_him_accused_is_recorded(accused_case, record):
    person = PERSON | {"family_names": "Pérez Mora Solano"}
    record(accused_case, "participant.added", {"role": "accused", "person": person}, corrects_seq=2)
    assert role(accused_case, "P1") == "accused"


def test_once_the_charge_names_another_accused_the_role_is_corrected(
    accused_case, record, api_clerk
):
    other = {"given_names": "Luis", "family_names": "Mora", "sex": "male"}
    record(accused_case, "participant.added", {"role": "accused", "person": other})  # P3
    record(accused_case, "charge.filed", {"accused": "P3", "offence": "CP-208"}, corrects_seq=4)
    assert Charge.objects.get(case=accused_case, uid="C1").accused.uid == "P3"
    body = {
        "type": "participant.added",
        "occurred_at": PAST,
        "corrects": 2,
        "correction_reason": "Typed wrong when recorded",
        "payload": {"role": "victim", "person": PERSON},
    }
    response = post_json(api_clerk, f"/api/v1/cases/{accused_case.nuid}/events", body)
    assert response.status_code == 201, json.loads(response.content)
    assert role(accused_case, "P1") == "victim"
