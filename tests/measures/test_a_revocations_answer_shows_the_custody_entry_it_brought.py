"""A revocation with a return to custody brings a custody entry in the same transaction;
the API's answer showed the revocation alone, so a client that sent ``expected_seq``
with its next entry was one behind and got a 409. The answer now lists what came with
it (``follow_ups``), a retry with the same key answers the same, and the client's next
``expected_seq`` is accepted."""

from __future__ import annotations

import json

import pytest

from expediente.docket.models import Case
from tests.api.helpers import post_json

REVOKED = {"measure": "M1", "return_to_custody": True, "reason": "Incumplimiento"}


@pytest.fixture
def revoke(accused_case, impose, at, api_clerk):
    impose(accused_case, "periodic_reporting", at(20))
    url = f"/api/v1/cases/{accused_case.nuid}/events"
    body = {"type": "measure.revoked", "occurred_at": at(2).isoformat(), "payload": REVOKED}

    def send(key: str | None = "revoke-1"):  # type: ignore[no-untyped-def]
        return post_json(api_clerk, url, body, key=key)

    return send


def test_the_answer_lists_the_arrest_recorded_with_the_revocation(accused_case, revoke):
    response = revoke()
    assert response.status_code == 201, response.content[:500]
    answer = json.loads(response.content)
    assert answer["type"] == "measure.revoked"
    [arrest] = answer["follow_ups"]
    assert arrest["type"] == "custody.arrested"
    assert arrest["payload"] == {"person": "P1", "warrant": True}
    assert arrest["seq"] == answer["seq"] + 1 == Case.objects.get(pk=accused_case.pk).last_seq
    assert arrest["prev_hash"] == answer["hash"]


def test_the_next_expected_seq_after_the_answer_is_accepted(accused_case, revoke, api_clerk, at):
    answer = json.loads(revoke().content)
    last = max(e["seq"] for e in [answer, *answer["follow_ups"]])
    note = {
        "type": "note.added",
        "occurred_at": at(1).isoformat(),
        "payload": {"text": "Se comunica la revocatoria."},
        "expected_seq": last + 1,
    }
    response = post_json(api_clerk, f"/api/v1/cases/{accused_case.nuid}/events", note)
    assert response.status_code == 201, response.content[:500]


def test_a_retry_with_the_same_key_answers_the_same(revoke):
    first = json.loads(revoke().content)
    again = revoke()
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert json.loads(again.content) == first


def test_without_a_key_the_answer_lists_the_arrest_too(revoke):
    answer = json.loads(revoke(key=None).content)
    assert [e["type"] for e in answer["follow_ups"]] == ["custody.arrested"]


def test_an_entry_that_brings_nothing_answers_an_empty_list(accused_case, api_clerk, at):
    body = {"type": "note.added", "occurred_at": at(1).isoformat(), "payload": {"text": "x"}}
    url = f"/api/v1/cases/{accused_case.nuid}/events"
    assert json.loads(post_json(api_clerk, url, body, key="n1").content)["follow_ups"] == []
    assert json.loads(post_json(api_clerk, url, body, key="n1").content)["follow_ups"] == []


def test_the_published_schema_says_so(api_clerk):
    schema = api_clerk.get("/api/v1/openapi.json").json()
    created = schema["paths"]["/api/v1/cases/{nuid}/events"]["post"]["responses"]["201"]
    ref = created["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    follow_ups = schema["components"]["schemas"][ref]["properties"]["follow_ups"]
    assert "expected_seq" in follow_ups["description"]
