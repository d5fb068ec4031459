"""Every answer is what /api/v1/openapi.json says it is.

A client generated from the document (or a fuzzer checking conformance) reads the
answers through the published schemas. Two response classes once shared the name
``PersonOut`` (a case's participant's person and a deadline's person), and the document
kept only the deadline's: every case read broke its own schema ("participant is a
required property" on each person).
"""

import datetime as dt

import pytest
from django.utils import timezone

from tests.api.helpers import API, PAST, post_json
from tests.api.published_schema import mismatches, response_schema


@pytest.fixture
def document(anonymous):
    return anonymous.get(f"{API}/openapi.json").json()


@pytest.fixture
def arrested(accused_case, record):
    record(
        accused_case,
        "custody.arrested",
        {"person": "P1"},
        occurred_at=timezone.now() - dt.timedelta(hours=20),
    )
    return accused_case


def conforms(document, path, method, response, status=200):
    assert response.status_code == status, response.content[:500]
    schema = response_schema(document, path, method, status)
    assert mismatches(document, schema, response.json()) == []


def test_a_case_read_matches_its_schema(document, api_clerk, arrested):
    r = api_clerk.get(f"{API}/cases/{arrested.nuid}")
    assert r.json()["participants"][0]["person"]["kind"] == "natural"
    conforms(document, "/api/v1/cases/{nuid}", "get", r)


def test_a_deadline_list_matches_its_schema(document, api_clerk, arrested):
    r = api_clerk.get(f"{API}/courts/sj-penal/deadlines")
    assert r.json()["items"][0]["person"]["participant"] == "P1"
    conforms(document, "/api/v1/courts/{code}/deadlines", "get", r)


def test_the_reads_match_their_schemas(document, api_clerk, arrested):
    conforms(
        document,
        "/api/v1/cases/{nuid}/events",
        "get",
        api_clerk.get(f"{API}/cases/{arrested.nuid}/events?limit=2"),
    )
    conforms(document, "/api/v1/courts", "get", api_clerk.get(f"{API}/courts"))
    conforms(
        document,
        "/api/v1/courts/{code}/event-types",
        "get",
        api_clerk.get(f"{API}/courts/sj-penal/event-types"),
    )


def test_the_writes_match_their_schemas(document, api_clerk, accused_case):
    opened = post_json(
        api_clerk,
        f"{API}/cases",
        {"court": "sj-penal", "procedure": "adult", "occurred_at": PAST},
    )
    conforms(document, "/api/v1/cases", "post", opened, 201)
    added = post_json(
        api_clerk,
        f"{API}/cases/{accused_case.nuid}/participants",
        {
            "role": "witness",
            "person": {"given_names": "Rosa", "family_names": "Mora"},
            "occurred_at": PAST,
        },
    )
    conforms(document, "/api/v1/cases/{nuid}/participants", "post", added, 201)
    charged = post_json(
        api_clerk,
        f"{API}/cases/{accused_case.nuid}/charges",
        {"accused": "P1", "offence": "CP-208", "occurred_at": PAST},
    )
    conforms(document, "/api/v1/cases/{nuid}/charges", "post", charged, 201)


def test_the_webhooks_answers_match_their_schemas(document, api_clerk, accused_case):
    url = "https://93.184.215.14/expediente/hook"
    made = post_json(api_clerk, f"{API}/webhooks", {"url": url, "from": "start"})
    conforms(document, "/api/v1/webhooks", "post", made, 201)
    api_clerk.delete(f"{API}/webhooks/{made.json()['id']}")  # an ended one: every field set
    post_json(api_clerk, f"{API}/webhooks", {"url": url})
    listed = api_clerk.get(f"{API}/webhooks")
    assert [h["active"] for h in listed.json()] == [False, True]
    conforms(document, "/api/v1/webhooks", "get", listed)


def test_no_two_api_schemas_share_a_name():
    # the document names each schema by its class's name: two classes of one name
    # publish one of them for both
    import collections
    import importlib
    import pkgutil

    from ninja import Schema

    import expediente.api

    for module in pkgutil.iter_modules(expediente.api.__path__):
        importlib.import_module(f"expediente.api.{module.name}")
    seen = collections.defaultdict(set)
    stack = list(Schema.__subclasses__())
    while stack:
        cls = stack.pop()
        stack += cls.__subclasses__()
        if cls.__module__.startswith("expediente."):
            seen[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: where for name, where in seen.items() if len(where) > 1} == {}
