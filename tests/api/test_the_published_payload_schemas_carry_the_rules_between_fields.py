"""The event types' payload schemas (GET /api/v1/courts/{code}/event-types) carry the
pack's rules between fields, so a client validating with a JSON Schema library refuses
what the server refuses: a sentence on an acquittal (``only_if``), an arrest both in
flagrante and on a warrant (``one_of``). Checked with the jsonschema library, as a
client would, against the server's own payload model on the same payloads."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from expediente.rules.loader import load_pack
from expediente.rules.payloads import payload_model
from tests.api.test_courts import TYPES

CASES = [
    ("verdict.delivered", {"accused": "P1", "outcome": "convicted", "sentence_months": 24}),
    ("verdict.delivered", {"accused": "P1", "outcome": "acquitted"}),
    ("verdict.delivered", {"accused": "P1", "outcome": "acquitted", "sentence_months": 24}),
    ("verdict.delivered", {"accused": "P1", "outcome": "acquitted", "custodial": True}),
    ("custody.arrested", {"person": "P1", "flagrante": True}),
    ("custody.arrested", {"person": "P1", "warrant": True, "flagrante": False}),
    ("custody.arrested", {"person": "P1", "flagrante": True, "warrant": True}),
    ("custody.arrested", {"person": "P1"}),
]


@pytest.fixture
def schemas(api_clerk, court):
    response = api_clerk.get(TYPES)
    assert response.status_code == 200
    return {t["type"]: t["payload_schema"] for t in response.json()}


def server_accepts(type_name: str, payload: dict) -> bool:
    try:
        payload_model(load_pack("cr"), type_name).model_validate(payload)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(("type_name", "payload"), CASES)
def test_the_schema_and_the_server_agree(schemas, type_name, payload):
    schema = schemas[type_name]
    Draft202012Validator.check_schema(schema)
    client_accepts = Draft202012Validator(schema).is_valid(payload)
    assert client_accepts == server_accepts(type_name, payload)


def test_the_rules_are_there_and_say_what_they_are(schemas):
    verdict = [r["description"] for r in schemas["verdict.delivered"]["allOf"]]
    assert any(d.startswith("sentence_months only where outcome is one of") for d in verdict)
    arrest = [r["description"] for r in schemas["custody.arrested"]["allOf"]]
    assert arrest == ["how: at most one of flagrante, warrant is true"]
    assert "allOf" not in schemas["note.added"]


def test_the_refusals_are_real(schemas):
    # not a schema that accepts everything: the cases above include refusals
    assert [server_accepts(t, p) for t, p in CASES].count(False) == 3
