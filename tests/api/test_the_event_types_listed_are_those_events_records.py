"""GET /courts/{code}/event-types lists what POST /cases/{nuid}/events records.

``participant.added`` and ``charge.filed`` were recorded at /events but missing from the
list, so a client built from the list could not know their payloads. They are listed,
with the schema /events holds their payload to and the other route that records them;
``case.opened``, which /events only corrects, is not.
"""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from expediente.docket.models import Event
from tests.api.helpers import API, PAST, fields, post_json, problem

PAYLOADS = {
    "participant.added": {
        "role": "witness",
        "person": {"given_names": "Eva", "family_names": "Solís", "sex": "female"},
    },
    "charge.filed": {"accused": "P1", "offence": "CP-208", "attempted": True},
}
ROUTES = {"participant.added": "participants", "charge.filed": "charges"}


@pytest.fixture
def listed(api_clerk, court):
    r = api_clerk.get(f"{API}/courts/{court.code}/event-types", headers={"Accept-Language": "en"})
    assert r.status_code == 200
    return {t["type"]: t for t in r.json()}


@pytest.mark.parametrize("type_name", list(PAYLOADS))
def test_a_docket_type_recorded_at_events_is_listed_with_its_schema(
    api_clerk, accused_case, listed, type_name
):
    schema = listed[type_name]["payload_schema"]
    payload = PAYLOADS[type_name]
    assert list(Draft202012Validator(schema).iter_errors(payload)) == []
    assert f"/cases/{{nuid}}/{ROUTES[type_name]}" in schema["description"]
    body = {"type": type_name, "occurred_at": PAST, "payload": payload}
    r = post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/events", body)
    assert r.status_code == 201, r.content[:500]
    assert r.json()["type"] == type_name


def test_a_payload_the_listed_schema_refuses_is_refused_at_events(api_clerk, accused_case, listed):
    payload = {**PAYLOADS["participant.added"], "role": "king"}
    schema = listed["participant.added"]["payload_schema"]
    assert [e.path[0] for e in Draft202012Validator(schema).iter_errors(payload)] == ["role"]
    before = Event.objects.count()
    body = {"type": "participant.added", "occurred_at": PAST, "payload": payload}
    p = problem(post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/events", body), 422)
    assert fields(p) == ["payload.role"]
    assert Event.objects.count() == before


def test_the_listing_says_where_each_docket_type_is_recorded(listed):
    assert listed["participant.added"]["label"] == "Participant added"
    assert listed["charge.filed"]["stages"] == ["investigation", "intermediate", "trial"]
    # the opening is recorded by POST /cases; /events refuses a new one, naming type
    assert "case.opened" not in listed


def test_the_opening_is_not_recorded_at_events(api_clerk, accused_case):
    body = {"type": "case.opened", "occurred_at": PAST, "payload": {}}
    p = problem(post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/events", body), 422)
    assert fields(p) == ["type"]
