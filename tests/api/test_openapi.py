"""The API describes itself: /api/v1/openapi.json and /api/v1/docs"""

import json

import pytest

from tests.api.helpers import API

ROUTES = {
    "/api/v1/cases": {"post"},
    "/api/v1/courts/{code}/measures/device-events": {"post"},
    "/api/v1/cases/{nuid}": {"get"},
    "/api/v1/cases/{nuid}/participants": {"post"},
    "/api/v1/cases/{nuid}/charges": {"post"},
    "/api/v1/cases/{nuid}/events": {"get", "post"},
    "/api/v1/courts": {"get"},
    "/api/v1/courts/{code}/event-types": {"get"},
    "/api/v1/courts/{code}/offences": {"get"},
    "/api/v1/courts/{code}/deadlines": {"get"},
    "/api/v1/courts/{code}/deadlines/missed": {"get"},
    "/api/v1/feed": {"get"},
    "/api/v1/webhooks": {"get", "post"},
    "/api/v1/webhooks/{id}": {"delete"},
}


@pytest.fixture
def schema(anonymous):
    r = anonymous.get(f"{API}/openapi.json")
    assert r.status_code == 200
    return r.json()


def operations(schema):
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            yield path, method, op


def test_it_lists_every_route_and_nothing_else(schema):
    assert {path: set(ops) for path, ops in schema["paths"].items()} == ROUTES


def test_every_route_asks_for_a_bearer_token(schema):
    [(name, scheme)] = schema["components"]["securitySchemes"].items()
    assert scheme == {"type": "http", "scheme": "bearer"}
    for path, method, op in operations(schema):
        assert op["security"] == [{name: []}], (method, path)


def test_every_route_documents_its_errors_as_problem_details(schema):
    problem = schema["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"}
    assert "errors" in problem["properties"]
    for path, method, op in operations(schema):
        content = op["responses"]["4XX"]["content"]
        assert set(content) == {"application/problem+json"}, (method, path)


def test_every_write_takes_an_idempotency_key(schema):
    for path, method, op in operations(schema):
        if method == "post":
            names = [p["name"] for p in op["parameters"] if p["in"] == "header"]
            assert names == ["Idempotency-Key"], path


def test_request_bodies_refuse_unknown_fields(schema):
    for path, method, op in operations(schema):
        if method == "post":
            ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            body = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
            assert body["additionalProperties"] is False, path


def test_the_event_list_documents_its_cursor_and_limit(schema):
    params = {
        p["name"]: p for p in schema["paths"]["/api/v1/cases/{nuid}/events"]["get"]["parameters"]
    }
    assert set(params) == {"nuid", "cursor", "limit"}
    assert (params["limit"]["schema"]["minimum"], params["limit"]["schema"]["maximum"]) == (1, 200)


def test_the_document_is_plain_json_a_tool_can_load(anonymous):
    r = anonymous.get(f"{API}/openapi.json")
    assert r["Content-Type"].startswith("application/json")
    assert json.loads(r.content)["openapi"].startswith("3.")


def test_the_interactive_docs_answer(anonymous):
    r = anonymous.get(f"{API}/docs")
    assert r.status_code == 200
    assert b"openapi.json" in r.content


def _keys(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from _keys(value)


def test_bounds_are_said_in_json_schemas_own_words(schema, api_reader):
    # "ge" and "le" (pydantic's names) are not JSON Schema: a client validating against
    # the published schemas saw no bounds
    event_types = api_reader.get(f"{API}/courts/sj-penal/event-types").json()
    for document in (schema, event_types):
        keys = set(_keys(document))
        assert not keys & {"ge", "le", "gt", "lt"}, keys & {"ge", "le", "gt", "lt"}
    fields = schema["components"]["schemas"]["EventIn"]["properties"]["expected_seq"]["anyOf"]
    assert {"type": "integer", "minimum": 1, "maximum": 2**31 - 1} in fields
    hours = next(t for t in event_types if t["type"] == "measure.hours_logged")
    assert "maximum" in json.dumps(hours)
