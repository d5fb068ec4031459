"""A query parameter a route does not know is refused by name, as an unknown field of a
body is: a mistyped ``?statu=overdue`` was ignored, and the client was given every open
deadline as if they were the overdue ones."""

import pytest

from tests.api.helpers import API, fields, message, problem


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
