"""A last day of 9999-12-31 was a 500 (no day follows it): dates in payloads, like
moments, lie between the years 1900 and 2200, refused by name otherwise. A measure's
refusal names its field by its path in the request (``payload.hours``), as the schema's
own errors do; it said ``hours``. A change of a measure that ends it before it started
was taken."""

import pytest

from expediente.docket.models import Event
from tests.api.helpers import PAST, fields, post_json, problem


@pytest.fixture
def url(case_url):
    return f"{case_url}/events"


def _event(type_name, payload):
    return {"type": type_name, "occurred_at": PAST, "payload": payload}


@pytest.mark.parametrize("until", ["9999-12-31", "9999-12-30", "9000-06-15", "1899-12-31"])
def test_a_detention_orders_last_day_centuries_away_is_refused_by_name(
    api_clerk, accused_case, url, until
):
    arrest = _event("custody.arrested", {"person": "P1"})
    assert post_json(api_clerk, url, arrest).status_code == 201
    before = Event.objects.filter(case=accused_case).count()
    order = {"person": "P1", "until": until, "grounds": "Peligro de fuga"}
    p = problem(post_json(api_clerk, url, _event("custody.pretrial_ordered", order)), 422)
    assert fields(p) == ["payload.until"]
    assert "between the years 1900 and 2200" in p["errors"][0]["message"]
    assert Event.objects.filter(case=accused_case).count() == before


def test_a_measure_due_in_9999_is_refused_and_its_refusals_name_the_payload_field(
    api_clerk, accused_case, url
):
    service = {"measure": "M1", "person": "P1", "kind": "community_service"}
    service |= {"hours": 10, "starts_on": "2026-02-20"}
    p = problem(
        post_json(api_clerk, url, _event("measure.imposed", service | {"due_on": "9999-12-31"})),
        422,
    )
    assert fields(p) == ["payload.due_on"]
    p = problem(
        post_json(api_clerk, url, _event("measure.imposed", {**service, "hours": None})), 422
    )
    assert fields(p) == ["payload.hours"]
    assert Event.objects.filter(case=accused_case, type="measure.imposed").count() == 0
    ok = service | {"due_on": "2026-12-31"}
    assert post_json(api_clerk, url, _event("measure.imposed", ok)).status_code == 201
    change = {"measure": "M1", "ends_on": "2026-01-01", "reason": "Nueva resolución"}
    p = problem(post_json(api_clerk, url, _event("measure.modified", change)), 422)
    assert fields(p) == ["payload.ends_on"]
    assert "before the start" in p["errors"][0]["message"]
