"""A path or method the API does not have is answered in problem details too, never HTML."""

import pytest

from tests.api.helpers import API, problem


@pytest.mark.parametrize(
    "path",
    ["/", "/case", "/cases/", "/cases/{nuid}/", "/cases/{nuid}/hearings", "/v2/cases", "/a/b/c/d"],
)
def test_a_path_with_no_route_is_not_found(api_clerk, accused_case, path):
    r = api_clerk.get(API + path.format(nuid=accused_case.nuid))
    p = problem(r, 404, "not-found")
    assert "no API route" in p["detail"]


def test_a_path_with_no_route_is_not_found_even_for_a_post(api_clerk, court):
    r = api_clerk.post(f"{API}/hearings", data="{}", content_type="application/json")
    problem(r, 404, "not-found")


@pytest.mark.parametrize(
    "path", ["/cases/a%00b", "/cases/%00/events", "/courts/%00/event-types", "/%00"]
)
def test_a_nul_character_in_the_path_is_not_found(api_clerk, court, path):
    problem(api_clerk.get(API + path), 404, "not-found")


def test_a_nul_character_in_the_path_of_a_write_is_not_found(api_clerk, court):
    r = api_clerk.post(f"{API}/cases/%00/events", data="{}", content_type="application/json")
    problem(r, 404, "not-found")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("delete", "/cases/{nuid}", {"GET", "HEAD"}),
        ("put", "/cases/{nuid}", {"GET", "HEAD"}),
        ("patch", "/cases/{nuid}/events", {"GET", "HEAD", "POST"}),
        ("get", "/cases", {"POST"}),
        ("post", "/courts", {"GET", "HEAD"}),
        ("get", "/cases/{nuid}/charges", {"POST"}),
    ],
)
def test_a_method_a_route_does_not_have_is_not_allowed(
    api_clerk, accused_case, method, path, allowed
):
    url = API + path.format(nuid=accused_case.nuid)
    r = getattr(api_clerk, method)(url)
    p = problem(r, 405, "method")
    assert {m.strip() for m in r["Allow"].split(",")} == allowed
    assert method.upper() in p["detail"]


@pytest.mark.parametrize("path", ["/docs", "/openapi.json", "/"])
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_a_write_to_the_docs_or_the_schema_is_a_problem_not_a_csrf_page(court, path, method):
    # they answered Django's HTML page about an expired form (403), in Spanish
    from django.test import Client

    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="es")
    r = getattr(client, method)(API + path)
    assert r.status_code in (404, 405), (r.status_code, r.content[:300])
    assert r["Content-Type"] == "application/problem+json"
