"""A monitoring provider posts batches of device events with its own scoped token."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from expediente.docket.models import Event
from expediente.measures.models import Measure
from tests.conftest import _client

URL = "/api/v1/courts/sj-penal/measures/device-events"


@pytest.fixture
def provider(court) -> Client:
    return _client("geo-monitor", ["measures:device"])


def _post(client: Client, body: dict) -> tuple[int, dict]:
    response = client.post(URL, json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def _batch(batch: str, *events: tuple[str, str, str]) -> dict:
    return {
        "batch": batch,
        "events": [
            {"device": d, "kind": k, "occurred_at": when, "item": f"{batch}-{i}"}
            for i, (d, k, when) in enumerate(events)
        ],
    }


def test_a_batch_is_recorded_and_sending_it_again_changes_nothing(
    accused_case, impose, at, provider
):
    impose(accused_case, "restraining_order", at(10))
    body = _batch(
        "b-001",
        ("DEV-1", "battery", "2026-03-01T20:00:00-06:00"),
        ("DEV-1", "zone_breach", "2026-03-01T19:00:00-06:00"),
    )
    status, out = _post(provider, body)
    assert status == 200
    assert (out["recorded"], out["duplicate"], out["refused"]) == (2, 0, 0)
    seqs = {item["index"]: item["seq"] for item in out["items"]}
    assert seqs[1] < seqs[0]  # recorded in the order they happened
    m = Measure.objects.get(case=accused_case)
    assert (m.device_events, m.breaches, m.breach_open) == (2, 1, True)
    events = Event.objects.count()
    status, again = _post(provider, body)
    assert (status, again["recorded"], again["duplicate"]) == (200, 0, 2)
    assert [i["seq"] for i in again["items"]] == [i["seq"] for i in out["items"]]
    assert Event.objects.count() == events


def test_a_late_batch_is_placed_at_its_own_time(accused_case, impose, at, provider):
    impose(accused_case, "restraining_order", at(10))
    _post(provider, _batch("b-2", ("DEV-1", "battery", "2026-03-01T20:00:00-06:00")))
    status, out = _post(provider, _batch("b-1", ("DEV-1", "tamper", "2026-02-27T08:00:00-06:00")))
    assert (status, out["recorded"]) == (200, 1)
    m = Measure.objects.get(case=accused_case)
    assert m.last_breach_at.isoformat().startswith("2026-02-27T14:00")


def test_unknown_devices_and_ended_measures_refuse_only_their_items(
    accused_case, impose, comply, at, provider
):
    impose(accused_case, "restraining_order", at(10))
    impose(accused_case, "electronic_monitoring", at(10), measure="M2")
    comply(accused_case, "ended", at(5), measure="M2", reason="lifted_by_court")
    status, out = _post(
        provider,
        _batch(
            "b-3",
            ("DEV-404", "tamper", "2026-03-01T10:00:00-06:00"),
            ("DEV-4", "tamper", "2026-03-01T10:00:00-06:00"),
            ("DEV-1", "signal_lost", "2026-03-01T10:00:00-06:00"),
        ),
    )
    assert (status, out["recorded"], out["refused"]) == (200, 1, 2)
    unknown, ended, fine = out["items"]
    assert unknown["errors"] == [
        {"field": "events[0].device", "message": "unknown device 'DEV-404'"}
    ]
    assert ended["errors"][0]["field"] == "events[1].measure"
    assert "M2 ended on" in ended["errors"][0]["message"]
    assert fine["status"] == "recorded"


def test_bad_input_is_a_problem_naming_the_field(accused_case, impose, at, provider):
    impose(accused_case, "restraining_order", at(10))
    status, out = _post(provider, {"batch": "b 1", "events": []})
    assert status == 422
    fields = {e["field"] for e in out["errors"]}
    assert any("batch" in f for f in fields)
    assert any("events" in f for f in fields)
    status, out = _post(
        provider,
        _batch("b-4", ("DEV-1", "tamper", "2026-03-01T10:00:00")),  # no offset
    )
    assert status == 422
    assert Event.objects.filter(type="measure.device_event").count() == 0


def test_other_tokens_cannot_use_it_and_the_provider_reads_nothing(
    accused_case, impose, at, api_reader, provider
):
    impose(accused_case, "restraining_order", at(10))
    body = _batch("b-5", ("DEV-1", "tamper", "2026-03-01T10:00:00-06:00"))
    status, out = _post(api_reader, body)
    assert status == 403  # the scope it lacks, as on every route (it was 404 "no court")
    assert "measure" in out["detail"]
    assert Event.objects.filter(type="measure.device_event").count() == 0
    assert provider.get(f"/api/v1/cases/{accused_case.nuid}").status_code in (403, 404)


def test_an_idempotency_key_other_than_the_batch_id_is_refused(accused_case, impose, at, provider):
    impose(accused_case, "restraining_order", at(10))
    body = _batch("b-6", ("DEV-1", "tamper", "2026-03-01T10:00:00-06:00"))
    response = provider.post(
        URL, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY="other"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert Event.objects.filter(type="measure.device_event").count() == 0
    response = provider.post(
        URL, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY="b-6"
    )
    assert response.json()["recorded"] == 1


def test_items_whose_long_ids_differ_only_at_the_end_are_two_items(
    accused_case, impose, at, provider
):
    # their keys were cut to 200 characters and met: the second was refused as "already
    # used for another request", of a header the provider never sent
    impose(accused_case, "restraining_order", at(10))
    batch = "b" * 100
    items = [
        {"device": "DEV-1", "kind": "battery", "occurred_at": when, "item": item}
        for when, item in (
            ("2026-03-01T20:00:00-06:00", "i" * 99 + "1"),
            ("2026-03-01T21:00:00-06:00", "i" * 99 + "2"),
            ("2026-03-01T22:00:00-06:00", "0"),
        )
    ]
    # an item without an id at place 0 met an item whose id is "0"
    items.append({"device": "DEV-1", "kind": "battery", "occurred_at": "2026-03-01T23:00:00-06:00"})
    items[0], items[3] = items[3], items[0]
    status, out = _post(provider, {"batch": batch, "events": items})
    assert status == 200, out
    assert (out["recorded"], out["duplicate"], out["refused"]) == (4, 0, 0), out
    status, again = _post(provider, {"batch": batch, "events": items})
    assert (again["recorded"], again["duplicate"]) == (0, 4)
    tabbed = [dict(items[1], item="with\ttab", occurred_at="2026-03-02T08:00:00-06:00")]
    status, out = _post(provider, {"batch": "b-tab", "events": tabbed})
    assert (status, out["recorded"]) == (200, 1), out


@pytest.mark.parametrize("item", ["i-1", ""])
def test_a_batch_sent_again_with_other_content_names_the_item_not_a_header(
    accused_case, impose, at, provider, item
):
    # the refusal named "events[0].Idempotency-Key", a header the provider never sent
    impose(accused_case, "restraining_order", at(10))
    first = {"device": "DEV-1", "kind": "battery", "occurred_at": "2026-03-01T10:00:00-06:00"}
    if item:
        first["item"] = item
    status, out = _post(provider, {"batch": "b-7", "events": [first]})
    assert (status, out["recorded"]) == (200, 1)
    events = Event.objects.count()
    status, out = _post(provider, {"batch": "b-7", "events": [{**first, "kind": "tamper"}]})
    assert (status, out["recorded"], out["refused"]) == (200, 0, 1)
    [error] = out["items"][0]["errors"]
    assert error["field"] == ("events[0].item" if item else "events[0]")
    assert "Idempotency-Key" not in json.dumps(out)
    assert "other content" in error["message"]
    assert "b-7" in error["message"]
    assert Event.objects.count() == events
