"""A monitoring provider reports to each court at that court's address
(``/courts/{code}/measures/device-events``), often as one account for many courts (one
national monitoring centre; a token may name several courts). Its batch ids were the
account's, not the court's: a batch "2026-03-01" sent to Cartago after one of that name
went to San José was refused item by item ("batch '2026-03-01' already has an item '1'
with other content"), and a zone breach in Cartago went unrecorded. A batch id is now
the provider's in each court; a batch sent again to the same court is still a no-op,
including one recorded before this change, under the key it had then."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from expediente.access.capabilities import Capability
from expediente.access.models import User
from expediente.access.policy import Actor
from expediente.docket.models import Case, Court, Event
from expediente.docket.services import case_open, event_record
from expediente.measures.device_batch import legacy_item_key
from expediente.measures.models import Measure
from tests.conftest import NOW, PERSON, _client

VICTIM = {"given_names": "Ana", "family_names": "Rojas Vargas", "sex": "female"}
BATCH = "2026-03-01"


def url(court: Court) -> str:
    return f"/api/v1/courts/{court.code}/measures/device-events"


def post(client: Client, court: Court, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(url(court), json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    return dict(response.json())


def batch(device: str, kind: str = "zone_breach", when: str = "2026-03-01T21:00:00-06:00") -> dict:
    return {
        "batch": BATCH,
        "events": [{"device": device, "kind": kind, "occurred_at": when, "item": "1"}],
    }


def supervised_case(court: Court, clerk: Actor, device: str) -> Case:
    """A case in ``court`` whose accused (P1) is under a restraining order with ``device``."""
    opened = NOW - dt.timedelta(days=30)
    case = case_open(court=court, actor=clerk, procedure="adult", occurred_at=opened).event.case

    def rec(type_name: str, payload: dict[str, Any]) -> None:
        event_record(case=case, type=type_name, payload=payload, actor=clerk, occurred_at=opened)

    rec("participant.added", {"role": "accused", "person": PERSON})
    rec("participant.added", {"role": "victim", "person": VICTIM})
    rec(
        "measure.imposed",
        {
            "measure": "M1",
            "person": "P1",
            "kind": "restraining_order",
            "starts_on": opened.date().isoformat(),
            "protected": "P2",
            "distance_m": 200,
            "device": device,
        },
    )
    return case


@pytest.fixture
def two_courts(court: Court, other_court: Court, clerk: Actor) -> tuple[Case, Case]:
    return supervised_case(court, clerk, "SJ-7"), supervised_case(other_court, clerk, "CA-3")


@pytest.fixture
def centre(court: Court, other_court: Court) -> Client:
    """One account of a national monitoring centre, for both courts."""
    return _client("monitoreo", ["measures:device"], [court.code, other_court.code])


def test_the_same_batch_id_in_two_courts_is_two_batches(two_courts, court, other_court, centre):
    san_jose, cartago = two_courts
    first = post(centre, court, batch("SJ-7"))
    assert (first["recorded"], first["refused"]) == (1, 0), first
    second = post(centre, other_court, batch("CA-3"))
    assert (second["recorded"], second["refused"]) == (1, 0), second
    assert second["items"][0]["case"] == cartago.nuid
    assert Measure.objects.get(case=cartago).breaches == 1
    assert Measure.objects.get(case=san_jose).breaches == 1


def test_a_batch_sent_again_to_its_court_is_still_a_no_op(two_courts, court, other_court, centre):
    post(centre, court, batch("SJ-7"))
    post(centre, other_court, batch("CA-3"))
    entries = Event.objects.count()
    for where, device in ((court, "SJ-7"), (other_court, "CA-3")):
        again = post(centre, where, batch(device))
        assert (again["recorded"], again["duplicate"]) == (0, 1), again
    changed = post(centre, other_court, batch("CA-3", kind="tamper"))
    assert changed["refused"] == 1
    assert "other content" in changed["items"][0]["errors"][0]["message"]
    assert Event.objects.count() == entries


def test_a_batch_recorded_before_the_change_is_still_a_no_op(two_courts, court, centre):
    san_jose, _ = two_courts
    # recorded as the route did before batch ids were the court's: under the old key
    provider = Actor(
        user=User.objects.get(username="monitoreo"), scopes=frozenset({"measures:device"})
    )
    event_record(
        case=san_jose,
        type="measure.device_event",
        payload={
            "measure": "M1",
            "device": "SJ-7",
            "kind": "zone_breach",
            "batch": BATCH,
            "item": "1",
        },
        actor=provider,
        occurred_at=dt.datetime.fromisoformat("2026-03-01T21:00:00-06:00"),
        idempotency_key=legacy_item_key(BATCH, "1", 0),
        capability=Capability.MEASURE_DEVICE_REPORT,
    )
    entries = Event.objects.count()
    again = post(centre, court, batch("SJ-7"))
    assert (again["recorded"], again["duplicate"]) == (0, 1), again
    assert Event.objects.count() == entries
    assert Measure.objects.get(case=san_jose).breaches == 1
