"""A query parameter a route does not know is refused by name, as an unknown field of a
body is: a mistyped ``?statu=overdue`` was ignored, and the client was given every open
deadline as if they were the overdue ones."""

import pytest

from tests.api.helpers import API, PAST, fields, message, post_json, problem


@pytest.fixture(params=["events", "deadlines"])
def route(request, accused_case):
    if request.param == "events":
        return f"{API}/cases/{accused_case.nuid}/events"
    return f"{API}/courts/sj-penal/deadlines"


@pytest.mark.parametrize("name", ["limt", "statu", "Limit", "page"])
def test_a_parameter_the_route_does_not_know_is_named(api_clerk, route, name):
    p = problem(api_clerk.get(route, {name: "5"}), 422, "invalid")
    assert fields(p) == [name]
    assert message(p, name) == "is not a known field"


def test_known_parameters_beside_an_unknown_one_do_not_hide_it(api_clerk, route):
    p = problem(api_clerk.get(route, {"limit": "5", "limt": "5"}), 422, "invalid")
    assert fields(p) == ["limt"]


def test_the_known_parameters_alone_are_read(api_clerk, route):
    r = api_clerk.get(route, {"limit": "5"})
    assert r.status_code == 200, r.content


def test_the_deadlines_filter_misspelt_is_not_read_as_every_deadline(api_clerk):
    r = api_clerk.get(f"{API}/courts/sj-penal/deadlines", {"statu": "overdue"})
    assert r.status_code == 422


@pytest.fixture(
    params=[
        "GET courts",
        "GET case",
        "GET event-types",
        "POST cases",
        "POST participants",
        "POST charges",
        "POST events",
    ]
)
def route_without_parameters(request, accused_case):
    """A route that reads no query parameter, and a body it would accept."""
    case = f"{API}/cases/{accused_case.nuid}"
    return {
        "GET courts": ("get", f"{API}/courts", None),
        "GET case": ("get", case, None),
        "GET event-types": ("get", f"{API}/courts/sj-penal/event-types", None),
        "POST cases": (
            "post",
            f"{API}/cases",
            {"court": "sj-penal", "procedure": "adult", "occurred_at": PAST},
        ),
        "POST participants": (
            "post",
            f"{case}/participants",
            {"role": "witness", "person": {"given_names": "Eva"}, "occurred_at": PAST},
        ),
        "POST charges": (
            "post",
            f"{case}/charges",
            {"accused": "P1", "offence": "CP-208", "occurred_at": PAST},
        ),
        "POST events": (
            "post",
            f"{case}/events",
            {"type": "hearing.scheduled", "occurred_at": PAST, "payload": {}},
        ),
    }[request.param]


def test_a_route_that_reads_no_parameter_refuses_one_by_name(api_clerk, route_without_parameters):
    # GET /courts?court=sj-penal answered every court as if it had been filtered
    method, url, body = route_without_parameters
    sent = (
        api_clerk.get(f"{url}?court=sj-penal&limit=5")
        if method == "get"
        else post_json(api_clerk, f"{url}?court=sj-penal&limit=5", body)
    )
    p = problem(sent, 422, "invalid")
    assert fields(p) == ["court", "limit"]
    assert message(p, "court") == "is not a known field"


def test_a_route_that_reads_no_parameter_answers_without_one(api_clerk, route_without_parameters):
    method, url, body = route_without_parameters
    if method == "get":
        assert api_clerk.get(url).status_code == 200
        assert api_clerk.get(f"{url}?").status_code == 200  # an empty query string
    else:
        assert post_json(api_clerk, f"{url}?", body).status_code in (200, 201, 409, 422)
