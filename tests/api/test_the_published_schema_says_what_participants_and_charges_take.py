"""A client built from /api/v1/openapi.json can predict every refusal of a participant's
or a charge's fields: the document carries the rules the docket enforces (the roles,
the ids' pattern and 64 characters, a pseudonym's 100, an offence code's 40, a charge
description's 2,000), and the server still refuses, and takes, exactly what it did: a
422 naming the field, nothing written; whitespace around a text trimmed before the check,
as the docket always did."""

import pytest

from expediente.docket.models import Role
from tests.api.helpers import API, PAST, fields, message, post_json, problem
from tests.api.routes import rows

ID_PATTERN = "^[A-Za-z0-9_.:-]+$"
PARTICIPANT = {"role": "witness", "person": {"given_names": "Eva"}, "occurred_at": PAST}
CHARGE = {"accused": "P1", "offence": "CP-208", "occurred_at": PAST}
BODIES = {"ParticipantIn": ("participants", PARTICIPANT), "ChargeIn": ("charges", CHARGE)}


@pytest.fixture
def document(anonymous):
    return anonymous.get(f"{API}/openapi.json").json()


def published(document, body, name):
    """The field's schema as a client reads it (the text of an optional id)."""
    prop = document["components"]["schemas"][body]["properties"][name]
    texts = [p for p in prop.get("anyOf", [prop]) if p.get("type") == "string"]
    assert len(texts) == 1, prop
    return {**texts[0], "description": prop["description"]}


def send(client, case, body, change):
    route, base = BODIES[body]
    return post_json(client, f"{API}/cases/{case.nuid}/{route}", {**base, **change})


def test_the_roles_are_an_enum_of_every_role_the_server_takes(document):
    role = published(document, "ParticipantIn", "role")
    assert role["enum"] == list(Role.values)
    assert "every court" in role["description"]


@pytest.mark.parametrize(
    ("body", "name", "rules"),
    [
        ("ParticipantIn", "participant", {"minLength": 1, "maxLength": 64, "pattern": ID_PATTERN}),
        ("ChargeIn", "charge", {"minLength": 1, "maxLength": 64, "pattern": ID_PATTERN}),
        ("ChargeIn", "accused", {"minLength": 1, "maxLength": 64, "pattern": ID_PATTERN}),
        ("ParticipantIn", "pseudonym", {"maxLength": 100}),
        ("ChargeIn", "offence", {"maxLength": 40}),
        ("ChargeIn", "description", {"maxLength": 2000}),
    ],
)
def test_the_document_carries_each_limit_and_says_it_in_words(document, body, name, rules):
    prop = published(document, body, name)
    assert {k: prop.get(k) for k in rules} == rules
    assert "trimmed" in prop["description"]
    assert str(rules["maxLength"]) in prop["description"].replace(",", "")


TOO_MUCH = "String should have at most {} characters"
PATTERN = f"String should match pattern '{ID_PATTERN}'"
ROLES = "Input should be " + ", ".join(f"'{r}'" for r in Role.values[:-1])


@pytest.mark.parametrize(
    ("body", "change", "field", "words"),
    [
        ("ParticipantIn", {"role": "king"}, "role", ROLES),
        ("ParticipantIn", {"role": "Witness"}, "role", ROLES),
        ("ParticipantIn", {"role": " witness"}, "role", ROLES),  # never trimmed
        ("ParticipantIn", {"participant": "T 1"}, "participant", PATTERN),
        ("ParticipantIn", {"participant": "Testigo-Ñ"}, "participant", PATTERN),
        ("ParticipantIn", {"participant": "x" * 65}, "participant", TOO_MUCH.format(64)),
        ("ParticipantIn", {"participant": "  "}, "participant", "at least 1 character"),
        ("ParticipantIn", {"pseudonym": "y" * 101}, "pseudonym", TOO_MUCH.format(100)),
        ("ParticipantIn", {"pseudonym": "A\x00"}, "pseudonym", "may not contain NUL"),
        ("ChargeIn", {"charge": "C/1"}, "charge", PATTERN),
        ("ChargeIn", {"charge": "c" * 65}, "charge", TOO_MUCH.format(64)),
        ("ChargeIn", {"accused": "P 1"}, "accused", PATTERN),
        ("ChargeIn", {"offence": "o" * 41}, "offence", TOO_MUCH.format(40)),
        ("ChargeIn", {"description": "d" * 2001}, "description", TOO_MUCH.format(2000)),
    ],
)
def test_a_value_past_a_limit_is_refused_naming_the_field_and_nothing_is_written(
    api_clerk, accused_case, body, change, field, words
):
    before = rows()
    p = problem(send(api_clerk, accused_case, body, change), 422, "invalid")
    assert fields(p) == [field]
    assert words in message(p, field)
    assert rows() == before


def test_every_fault_of_a_body_is_named_at_once(api_clerk, accused_case):
    change = {"role": "king", "participant": "a b", "pseudonym": "y" * 101}
    p = problem(send(api_clerk, accused_case, "ParticipantIn", change), 422, "invalid")
    assert sorted(fields(p)) == ["participant", "pseudonym", "role"]


@pytest.mark.parametrize("role", Role.values)
def test_every_role_the_document_lists_is_taken(api_clerk, accused_case, role):
    r = send(api_clerk, accused_case, "ParticipantIn", {"role": role})
    assert r.status_code == 201, r.content[:500]


@pytest.mark.parametrize(
    ("body", "change", "recorded"),
    [
        # at the limits
        ("ParticipantIn", {"participant": "x" * 64}, {"participant": "x" * 64}),
        ("ParticipantIn", {"participant": "a_b.c:d-9"}, {"participant": "a_b.c:d-9"}),
        ("ParticipantIn", {"pseudonym": "y" * 100}, {"pseudonym": "y" * 100}),
        ("ChargeIn", {"charge": "c" * 64}, {"charge": "c" * 64}),
        ("ChargeIn", {"description": "d" * 2000}, {"description": "d" * 2000}),
        # past them only by whitespace around the text, which the docket trims first
        ("ParticipantIn", {"participant": " T-9 \n"}, {"participant": "T-9"}),
        ("ParticipantIn", {"participant": "x" * 64 + "\u00a0"}, {"participant": "x" * 64}),
        ("ParticipantIn", {"pseudonym": "y" * 100 + "  "}, {"pseudonym": "y" * 100}),
        ("ParticipantIn", {"pseudonym": " " * 150}, {"pseudonym": ""}),
        ("ChargeIn", {"charge": "\tC-9 "}, {"charge": "C-9"}),
        ("ChargeIn", {"accused": " P1 "}, {"accused": "P1"}),
        ("ChargeIn", {"offence": " CP-208 "}, {"offence": "CP-208"}),
        ("ChargeIn", {"description": "d" * 2000 + "\n\n"}, {"description": "d" * 2000}),
    ],
)
def test_what_the_docket_takes_is_still_taken_and_recorded_trimmed(
    api_clerk, accused_case, body, change, recorded
):
    r = send(api_clerk, accused_case, body, change)
    assert r.status_code == 201, r.content[:500]
    payload = r.json()["payload"]
    assert {k: payload[k] for k in recorded} == recorded


def test_a_retry_of_a_padded_id_is_answered_as_the_first(api_clerk, accused_case):
    """The value goes on as sent: a retry with the same key and body is a replay."""
    url = f"{API}/cases/{accused_case.nuid}/participants"
    body = {**PARTICIPANT, "participant": " T-9 "}
    first = post_json(api_clerk, url, body, key="padded-1")
    again = post_json(api_clerk, url, body, key="padded-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["seq"] == first.json()["seq"]
