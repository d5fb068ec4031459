"""Issue 7 item 4: a juvenile's measure is still supervised after the case is sealed. The
monitoring provider's token (``measures:device`` only) records the device events of a
sealed case, is never told the case's number, and still cannot read the case or do
anything else in it."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from expediente.access.capabilities import Capability
from expediente.access.models import Membership, User
from expediente.access.policy import Actor, can
from expediente.docket.errors import PermissionDenied
from expediente.docket.models import Event
from expediente.docket.services import event_record
from expediente.measures.models import Measure
from tests.conftest import NOW, PERSON, _client

URL = "/api/v1/courts/sj-penal/measures/device-events"


@pytest.fixture
def provider(court) -> Client:
    return _client("geo-monitor", ["measures:device"])


@pytest.fixture
def sealed_juvenile(open_case, record, impose, at, court):
    case = open_case(procedure="juvenile")
    record(case, "participant.added", {"role": "accused", "person": PERSON})
    record(
        case,
        "participant.added",
        {"role": "victim", "person": {"given_names": "Ana", "family_names": "Rojas"}},
    )
    impose(case, "restraining_order", at(10))
    judge_user = User.objects.create_user("juez.medidas", password="una-clave-larga-2026")
    Membership.objects.create(user=judge_user, court=court, role="judge")
    record(case, "case.sealed", {"grounds": "Orden de sello"}, actor=Actor.staff(judge_user))
    case.refresh_from_db()
    assert case.confidentiality == "sealed"
    return case


def _post(client: Client, body: dict) -> tuple[int, dict]:
    response = client.post(URL, json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def test_the_provider_records_a_breach_in_a_sealed_juvenile_case(sealed_juvenile, provider):
    body = {
        "batch": "sealed-1",
        "events": [
            {"device": "DEV-1", "kind": "zone_breach", "occurred_at": "2026-03-01T19:00:00-06:00"}
        ],
    }
    status, out = _post(provider, body)
    assert (status, out["recorded"], out["refused"]) == (200, 1, 0)
    item = out["items"][0]
    assert item["case"] == ""  # the sealed case is never named to the provider
    assert sealed_juvenile.nuid not in json.dumps(out)
    assert sealed_juvenile.number not in json.dumps(out)
    m = Measure.objects.get(case=sealed_juvenile)
    assert (m.device_events, m.breaches, m.breach_open) == (1, 1, True)
    event = Event.objects.get(case=sealed_juvenile, seq=item["seq"])
    assert event.type == "measure.device_event"
    assert event.actor.username == "geo-monitor"
    # sent again: nothing new, and still no case number
    status, again = _post(provider, body)
    assert (status, again["duplicate"], again["items"][0]["case"]) == (200, 1, "")


def test_the_same_token_still_cannot_read_the_sealed_case(sealed_juvenile, provider):
    nuid = sealed_juvenile.nuid
    for path in (
        f"/api/v1/cases/{nuid}",
        f"/api/v1/cases/{nuid}/events",
        "/api/v1/courts/sj-penal/deadlines",
    ):
        assert provider.get(path).status_code in (403, 404), path
    events = Event.objects.count()
    response = provider.post(
        f"/api/v1/cases/{nuid}/events",
        json.dumps(
            {"type": "note.added", "payload": {"text": "x"}, "occurred_at": NOW.isoformat()}
        ),
        content_type="application/json",
    )
    assert response.status_code in (403, 404)
    assert Event.objects.count() == events


def test_the_token_may_only_report_devices_in_a_sealed_case(sealed_juvenile):
    user = User.objects.get_or_create(username="geo-2", defaults={"is_system": True})[0]
    provider = Actor(user=user, scopes=frozenset({"measures:device"}))
    allowed = {c for c in Capability if can(provider, c, case=sealed_juvenile)}
    assert allowed == {Capability.MEASURE_DEVICE_REPORT}
    # recording as the provider is recording a device report, nothing wider
    with pytest.raises(PermissionDenied):
        event_record(
            case=sealed_juvenile,
            type="note.added",
            payload={"text": "x"},
            actor=provider,
            occurred_at=NOW,
        )
    # under its own capability it records device events and no other kind of entry
    before = Event.objects.filter(case=sealed_juvenile).count()
    for type_name, payload in (
        ("note.added", {"text": "x"}),
        ("case.unsealed", {"confidentiality": "public", "grounds": "x"}),
    ):
        with pytest.raises(PermissionDenied, match="does not record"):
            event_record(
                case=sealed_juvenile,
                type=type_name,
                payload=payload,
                actor=provider,
                occurred_at=NOW,
                capability=Capability.MEASURE_DEVICE_REPORT,
            )
    assert Event.objects.filter(case=sealed_juvenile).count() == before
    # a token with the scope and another one is not a pure reporter: sealed stays closed
    wider = Actor(user=user, scopes=frozenset({"measures:device", "cases:read"}))
    assert not can(wider, Capability.MEASURE_DEVICE_REPORT, case=sealed_juvenile)
    assert not can(wider, Capability.CASE_VIEW, case=sealed_juvenile)
