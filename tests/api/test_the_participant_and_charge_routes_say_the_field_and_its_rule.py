"""/participants and /charges refuse a field by its name and rule, in the detail too.

Their bodies are the event's payload, and some of its rules are the docket's (the roles, a
participant id's characters, a pseudonym's length): those refusals said "the payload does
not match the event type", of a body that has no payload. The detail now says each field
as the client sent it and its rule, as the errors do.
"""

from __future__ import annotations

import pytest

from expediente.docket.models import Event
from tests.api.helpers import API, PAST, fields, message, post_json, problem

PARTICIPANT = {
    "role": "witness",
    "person": {"given_names": "Eva", "family_names": "Solís", "sex": "female"},
    "occurred_at": PAST,
}
CHARGE = {"accused": "P1", "offence": "CP-208", "occurred_at": PAST}


@pytest.mark.parametrize(
    ("route", "body", "field", "rule"),
    [
        ("participants", {**PARTICIPANT, "role": "king"}, "role", "Input should be 'accused'"),
        ("participants", {**PARTICIPANT, "participant": "P 1"}, "participant", "pattern"),
        ("participants", {**PARTICIPANT, "pseudonym": "x" * 101}, "pseudonym", "at most 100"),
        ("charges", {**CHARGE, "accused": "P 1"}, "accused", "pattern"),
        ("charges", {**CHARGE, "charge": "C/1"}, "charge", "pattern"),
        ("charges", {**CHARGE, "offence": "X" * 41}, "offence", "at most 40"),
    ],
)
def test_the_refusal_names_the_field_as_sent_and_its_rule(
    api_clerk, accused_case, route, body, field, rule
):
    before = Event.objects.count()
    r = post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/{route}", body)
    p = problem(r, 422, "invalid")
    assert fields(p) == [field]
    assert rule in message(p, field)
    assert f"{field}: {message(p, field)}" in p["detail"]
    assert "payload" not in p["detail"]
    assert Event.objects.count() == before


def test_every_field_at_fault_is_in_the_detail(api_clerk, accused_case):
    body = {**PARTICIPANT, "role": "king", "participant": "P 1"}
    p = problem(post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/participants", body), 422)
    assert sorted(fields(p)) == ["participant", "role"]
    for field in fields(p):
        assert f"{field}: {message(p, field)}" in p["detail"]


def test_events_still_names_the_payloads_fields(api_clerk, accused_case):
    """The same entry at /events: its payload is a part of the body, named so."""
    payload = {k: v for k, v in PARTICIPANT.items() if k != "occurred_at"}
    payload = {**payload, "role": "king"}
    body = {"type": "participant.added", "occurred_at": PAST, "payload": payload}
    p = problem(post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/events", body), 422)
    assert fields(p) == ["payload.role"]
