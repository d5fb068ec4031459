"""Inputs a fuzzer (schemathesis, and requests made by hand) sent to a served demo on
PostgreSQL that were answered 500 or as an HTML page: each is now a problem that says
what is wrong."""

import pytest
from django.test import Client

from tests.api.helpers import API, PAST, fields, post_json, problem


@pytest.fixture
def provider(make_client, accused_case, record):
    """A monitoring provider's token, and a measure on device DEV-1 for it to report."""
    conditions = {"protected": "P2", "distance_m": 200, "device": "DEV-1"}
    payload = {"measure": "M1", "person": "P1", "kind": "restraining_order", **conditions}
    record(accused_case, "measure.imposed", {**payload, "starts_on": "2026-02-01"})
    return make_client(["measures:device"], user="api-provider")[0]


@pytest.mark.parametrize("device", ["\x00", "DEV-1\x00", "\x00DEV-1"])
def test_a_device_id_with_a_nul_is_refused_by_name(provider, device):
    # PostgreSQL cannot compare text holding a NUL: looking the device up was a 500
    batch = {"batch": "b-1", "events": [{"device": device, "kind": "battery", "occurred_at": PAST}]}
    r = post_json(provider, f"{API}/courts/sj-penal/measures/device-events", batch)
    body = problem(r, 422, "invalid")
    assert fields(body) == ["events[0].device"]
    assert "NUL" in body["errors"][0]["message"]


def test_the_device_itself_is_still_found(provider):
    batch = {
        "batch": "b-2",
        "events": [{"device": "DEV-1", "kind": "battery", "occurred_at": PAST}],
    }
    r = post_json(provider, f"{API}/courts/sj-penal/measures/device-events", batch)
    assert r.status_code == 200, r.content
    assert r.json()["recorded"] == 1


TOO_MANY = "&".join(["a"] * 1001)  # Django reads at most DATA_UPLOAD_MAX_NUMBER_FIELDS


@pytest.mark.parametrize("route", ["events", "deadlines"])
def test_a_query_string_of_too_many_parameters_is_a_problem(api_clerk, accused_case, route):
    url = {
        "events": f"{API}/cases/{accused_case.nuid}/events",
        "deadlines": f"{API}/courts/sj-penal/deadlines",
    }[route]
    body = problem(api_clerk.get(f"{url}?{TOO_MANY}"), 400, "too-many-parameters")
    assert "1000" in body["detail"]


def test_a_host_the_server_does_not_answer_for_is_a_problem_under_the_api(court):
    client = Client(HTTP_HOST="evil.example")
    body = problem(client.get(f"{API}/courts"), 400, "bad-request")
    assert "Host" in body["detail"]
    problem(client.post(f"{API}/cases", "{}", content_type="application/json"), 400)


def test_elsewhere_a_bad_host_still_gets_the_page(court):
    r = Client(HTTP_HOST="evil.example").get("/")
    assert r.status_code == 400
    assert r["Content-Type"].startswith("text/html")


def test_a_query_parameter_on_a_device_batch_is_refused_by_name(provider):
    item = {"device": "DEV-1", "kind": "battery", "occurred_at": PAST}
    url = f"{API}/courts/sj-penal/measures/device-events?dry_run=1"
    body = problem(post_json(provider, url, {"batch": "b-3", "events": [item]}), 422, "invalid")
    assert fields(body) == ["dry_run"]
