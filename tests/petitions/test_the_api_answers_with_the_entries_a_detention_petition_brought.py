"""Over the API a review petition of the accused and its decision bring their custody
entries as the forms do, and the answer lists them in ``follow_ups``; a refusal names
the field (422) and writes nothing."""

from __future__ import annotations

import json

from expediente.docket.models import Event
from tests.api.helpers import post_json
from tests.petitions.conftest import hours_ago

FILED = {
    "kind": "detention_review",
    "text": "Solicito la revisión de la prisión preventiva de mi defendido.",
    "petitioner": "P1",
    "filed_via": "clerk",
}


def events_url(case) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/cases/{case.nuid}/events"


def test_the_filing_and_the_decision_answer_with_their_custody_entries(detained, api_clerk):  # type: ignore[no-untyped-def]
    body = {"type": "petition.filed", "occurred_at": hours_ago(3).isoformat(), "payload": FILED}
    response = post_json(api_clerk, events_url(detained), body, key="filing-1")
    assert response.status_code == 201, response.content[:500]
    filed = json.loads(response.content)
    [request] = filed["follow_ups"]
    assert (request["type"], request["payload"]) == (
        "custody.review_requested",
        {"person": "P1", "petition": filed["seq"]},
    )

    decided = {
        "petition": filed["seq"],
        "outcome": "denied",
        "reasons": "Persisten los riesgos procesales.",
        "detention": "maintained",
        "person": "P1",
    }
    body = {"type": "petition.decided", "occurred_at": hours_ago(1).isoformat(), "payload": decided}
    response = post_json(api_clerk, events_url(detained), body, key="decision-1")
    assert response.status_code == 201, response.content[:500]
    [review] = json.loads(response.content)["follow_ups"]
    assert (review["type"], review["payload"]) == (
        "custody.pretrial_reviewed",
        {"person": "P1", "outcome": "maintained"},
    )


def test_whose_detention_not_held_is_a_422_naming_the_field(detained, api_clerk):  # type: ignore[no-untyped-def]
    before = Event.objects.filter(case=detained).count()
    payload = FILED | {"petitioner": "P2", "concerns": "P2"}
    body = {"type": "petition.filed", "occurred_at": hours_ago(3).isoformat(), "payload": payload}
    response = post_json(api_clerk, events_url(detained), body, key="filing-2")
    assert response.status_code == 422
    fields = [e["field"] for e in json.loads(response.content)["errors"]]
    assert fields == ["payload.concerns"]
    assert Event.objects.filter(case=detained).count() == before
