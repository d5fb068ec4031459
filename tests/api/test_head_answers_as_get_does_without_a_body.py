"""HEAD on every GET route of the API answers as GET would, headers and status alike,
without a body (RFC 9110 §9.3.2): ``curl -I``, link checkers and monitoring ask HEAD,
and were answered 405. A HEAD of a case reads it as a GET does, so it is logged as a
read: its status says whether the case exists for the reader, and its length changes
with what the case holds."""

from __future__ import annotations

import pytest

from expediente.access.access_log import AccessRecord
from tests.api.helpers import API, problem

# every GET route, as the OpenAPI document lists them (a test below checks the list)
GET_ROUTES = [
    "/cases/{nuid}",
    "/cases/{nuid}/events",
    "/courts",
    "/courts/{code}/event-types",
    "/courts/{code}/offences",
    "/courts/{code}/deadlines",
    "/courts/{code}/deadlines/missed",
    "/feed",
    "/webhooks",
]
OWN_PAGES = ["/openapi.json", "/docs"]
# headers that differ between two answers to the same GET
PER_ANSWER = {"content-security-policy", "date"}


def _same_headers(get, head) -> None:
    def headers(r):
        return {k.lower(): v for k, v in r.headers.items() if k.lower() not in PER_ANSWER}

    assert headers(head) == headers(get)


def test_the_list_is_every_get_route(anonymous, court):
    paths = anonymous.get(f"{API}/openapi.json").json()["paths"]
    gets = {p.removeprefix(API) for p, ops in paths.items() if "get" in ops}
    assert gets == set(GET_ROUTES)


@pytest.mark.parametrize("route", GET_ROUTES + OWN_PAGES)
def test_head_answers_as_get_without_a_body(api_clerk, accused_case, route):
    url = API + route.format(nuid=accused_case.nuid, code="sj-penal")
    get = api_clerk.get(url)
    head = api_clerk.head(url)
    assert get.status_code == 200, get.content[:300]
    assert head.status_code == get.status_code
    _same_headers(get, head)
    assert int(head["Content-Length"]) == len(get.content)
    assert head.content == b""


def test_a_head_of_a_case_is_logged_as_a_read(api_reader, accused_case):
    url = f"{API}/cases/{accused_case.nuid}"
    before = AccessRecord.objects.filter(case=accused_case).count()
    assert api_reader.head(url).status_code == 200
    assert AccessRecord.objects.filter(case=accused_case).count() == before + 1


@pytest.mark.parametrize(
    ("client", "status"), [("api_outsider", 404), ("anonymous", 401), ("api_writer", 403)]
)
def test_a_head_is_refused_as_the_get_is(request, accused_case, client, status):
    reader = request.getfixturevalue(client)
    url = f"{API}/cases/{accused_case.nuid}"
    get, head = reader.get(url), reader.head(url)
    problem(get, status)
    assert head.status_code == status
    _same_headers(get, head)
    assert head.content == b""
    assert not AccessRecord.objects.filter(case=accused_case).exists()


def test_head_of_an_unknown_path_is_not_found(api_clerk, court):
    head = api_clerk.head(f"{API}/hearings")
    assert head.status_code == 404
    assert head["Content-Type"] == "application/problem+json"


def test_head_of_a_route_that_only_writes_is_not_allowed(api_clerk, court):
    head = api_clerk.head(f"{API}/cases")
    assert head.status_code == 405
    assert head["Allow"] == "POST"
    assert head["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("method", ["delete", "put", "post"])
def test_a_get_route_names_head_among_its_methods(api_clerk, accused_case, method):
    r = getattr(api_clerk, method)(f"{API}/cases/{accused_case.nuid}")
    problem(r, 405, "method")
    assert {m.strip() for m in r["Allow"].split(",")} == {"GET", "HEAD"}


def test_healthz_answers_head(anonymous):
    get, head = anonymous.get("/healthz"), anonymous.head("/healthz")
    assert get.status_code == head.status_code == 200
    _same_headers(get, head)
    assert head.content == b""
