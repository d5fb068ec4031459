"""A number in a query string (``?limit=``) is plain decimal digits, on every route that
takes one: 5.0, +5, 1_0, " 5" and other scripts' digits were read as 5 and the client
never learnt that its request was not what it meant."""

import pytest

from tests.api.helpers import API, fields, message, problem

LAX = ["5.0", "+5", "1_0", " 5", "5 ", "\u0665", "\uff15", "0x5", "5e0", "-0"]


@pytest.fixture(params=["events", "deadlines"])
def route(request, accused_case):
    if request.param == "events":
        return f"{API}/cases/{accused_case.nuid}/events"
    return f"{API}/courts/sj-penal/deadlines"


@pytest.mark.parametrize("limit", LAX)
def test_a_limit_not_in_plain_digits_is_refused_naming_limit_and_the_rule(api_clerk, route, limit):
    p = problem(api_clerk.get(route, {"limit": limit}), 422, "invalid")
    assert fields(p) == ["limit"]
    assert message(p, "limit") == "must be written in plain decimal digits 0-9, e.g. 50"


def test_a_limit_in_plain_digits_is_read(api_clerk, route):
    r = api_clerk.get(route, {"limit": "005"})
    assert r.status_code == 200, r.content
    assert r.json()["next_cursor"] is None or len(r.json()["items"]) == 5


def test_the_published_schema_still_gives_the_limits_bounds(api_clerk):
    schema = api_clerk.get(f"{API}/openapi.json").json()
    for path in ("/api/v1/cases/{nuid}/events", "/api/v1/courts/{code}/deadlines"):
        params = schema["paths"][path]["get"]["parameters"]
        limit = next(p for p in params if p["name"] == "limit")["schema"]
        assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 200, 50)
