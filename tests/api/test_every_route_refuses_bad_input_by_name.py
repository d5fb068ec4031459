"""Every route of the live OpenAPI document refuses each kind of bad input with a problem
naming what is wrong, and writes nothing. What is tried comes from the schema itself: its
request bodies' required fields and their types, its path parameters, its query
parameters' bounds and choices, its Idempotency-Key header. The meaning of a route's
fields (an unknown participant, a stale ``expected_seq``...) is tested in its own module.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.api.helpers import fields, message, problem
from tests.api.routes import (
    IDS,
    OPERATIONS,
    SCHEMA,
    request_for,
    rows,
    send,
    with_a_monitored_measure,
)


@pytest.fixture
def world(accused_case, record):
    """The case every route's path names (sj-penal), with a measure on device DEV-1."""
    return with_a_monitored_measure(accused_case, record)


@pytest.fixture
def client(make_client):
    """A token with every scope a route may ask for, in every court."""
    return make_client(["cases:read", "cases:write", "measures:device"])[0]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _json_types(schema: dict[str, Any]) -> set[str]:
    """The JSON types a property takes, from its schema."""
    schema = _resolve(schema)
    out: set[str] = set()
    for option in schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", []):
        out |= _json_types(option)
    if "type" in schema:
        out.add(schema["type"])
    elif "enum" in schema or "const" in schema:
        out.add("string")
    elif "properties" in schema:
        out.add("object")
    if "integer" in out:
        out.add("number")  # 5.0 is refused as a whole number elsewhere; not a type here
    return out


WRONG: list[tuple[str, Any]] = [
    ("array", ["a list"]),
    ("object", {"an": "object"}),
    ("number", 12345),
    ("string", "text"),
]


def _wrong_value(schema: dict[str, Any]) -> Any:
    allowed = _json_types(schema)
    return next(value for kind, value in WRONG if kind not in allowed)


def _body_schema(operation: tuple[str, str]) -> dict[str, Any]:
    method, path = operation
    content = SCHEMA["paths"][path][method]["requestBody"]["content"]
    return _resolve(content["application/json"]["schema"])


WRITES = [o for o in OPERATIONS if "requestBody" in SCHEMA["paths"][o[1]][o[0]]]
WRITE_IDS = [IDS[OPERATIONS.index(o)] for o in WRITES]

Path = tuple[str | int, ...]


def _required(schema: dict[str, Any], body: Any, at: Path = ()) -> list[tuple[Path, Any]]:
    """(path, its property's schema) of each required field of the body, nested ones too
    (the first item of a list of objects, an object inside the body)."""
    out = []
    schema = _resolve(schema)
    for name in schema.get("required", []):
        prop = schema["properties"][name]
        out.append(((*at, name), prop))
        value = body.get(name) if isinstance(body, dict) else None
        inner = _resolve(prop)
        if isinstance(value, list) and value and "items" in inner:
            out += _required(inner["items"], value[0], (*at, name, 0))
        elif isinstance(value, dict) and "properties" in inner:
            out += _required(inner, value, (*at, name))
    return out


def _name(path: Path) -> str:
    """A path as the API names it: events[0].device."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def _changed(body: Any, path: Path, value: Any = None, *, drop: bool = False) -> Any:
    """A copy of the body with the field at ``path`` set to ``value``, or dropped."""
    body = json.loads(json.dumps(body))
    parent = body
    for part in path[:-1]:
        parent = parent[part]
    if drop:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return body


REQUIRED = [
    (o, _name(path), path, prop)
    for o in WRITES
    for path, prop in _required(_body_schema(o), request_for(o).body)
]
REQUIRED_IDS = [f"{IDS[OPERATIONS.index(o)]} {name}" for o, name, _, _ in REQUIRED]


def test_the_schema_has_writes_with_required_fields():
    assert WRITES
    assert {name for _, name, _, _ in REQUIRED} >= {"court", "person", "events[0].device"}


@pytest.mark.parametrize("operation", WRITES, ids=WRITE_IDS)
def test_a_body_that_is_not_json_is_a_bad_request(world, client, operation):
    before = rows()
    r = send(client, operation, world, body='{"court": "sj-penal",')
    p = problem(r, 400, "malformed")
    assert "not valid JSON" in p["detail"]
    assert rows() == before


@pytest.mark.parametrize("operation", WRITES, ids=WRITE_IDS)
def test_a_body_of_another_media_type_is_refused(world, client, operation):
    before = rows()
    body = json.dumps(request_for(operation).body)
    r = send(client, operation, world, body=body, content_type="text/plain")
    p = problem(r, 415, "media-type")
    assert "application/json" in p["detail"]
    assert rows() == before


@pytest.mark.parametrize("raw", ["[]", '"text"', "42", "null"])
@pytest.mark.parametrize("operation", WRITES, ids=WRITE_IDS)
def test_a_body_that_is_not_an_object_is_invalid_naming_body(world, client, operation, raw):
    before = rows()
    p = problem(send(client, operation, world, body=raw), 422, "invalid")
    assert fields(p) == ["body"]
    assert message(p, "body") == "must be a JSON object"
    assert rows() == before


@pytest.mark.parametrize("operation", WRITES, ids=WRITE_IDS)
def test_an_empty_object_names_every_required_field(world, client, operation):
    before = rows()
    p = problem(send(client, operation, world, body={}), 422, "invalid")
    required = _body_schema(operation)["required"]
    assert sorted(fields(p)) == sorted(required)
    assert {e["message"] for e in p["errors"]} == {"is required"}
    assert rows() == before


@pytest.mark.parametrize(("operation", "name", "path", "prop"), REQUIRED, ids=REQUIRED_IDS)
def test_each_missing_field_is_named_alone(world, client, operation, name, path, prop):
    before = rows()
    body = _changed(request_for(operation).body, path, drop=True)
    p = problem(send(client, operation, world, body=body), 422, "invalid")
    assert p["errors"] == [{"field": name, "message": "is required"}]
    assert rows() == before


@pytest.mark.parametrize(("operation", "name", "path", "prop"), REQUIRED, ids=REQUIRED_IDS)
def test_a_field_of_the_wrong_type_is_named(world, client, operation, name, path, prop):
    body = _changed(request_for(operation).body, path, _wrong_value(prop))
    before = rows()
    p = problem(send(client, operation, world, body=body), 422, "invalid")
    assert fields(p), p
    assert all(f == name or f.startswith((f"{name}.", f"{name}[")) for f in fields(p)), p
    assert rows() == before


@pytest.mark.parametrize("operation", WRITES, ids=WRITE_IDS)
def test_an_unknown_field_is_named(world, client, operation):
    before = rows()
    body = {**request_for(operation).body, "colour": "blue"}
    p = problem(send(client, operation, world, body=body), 422, "invalid")
    assert p["errors"] == [{"field": "colour", "message": "is not a known field"}]
    assert rows() == before


@pytest.mark.parametrize("key", ["", "k" * 201, "tab\there"])
@pytest.mark.parametrize("operation", WRITES, ids=WRITE_IDS)
def test_an_unusable_idempotency_key_is_refused_naming_the_header(world, client, operation, key):
    before = rows()
    r = send(client, operation, world, HTTP_IDEMPOTENCY_KEY=key)
    p = problem(r, 422, "invalid")
    assert fields(p) == ["Idempotency-Key"]
    assert rows() == before


PATHS = [o for o in OPERATIONS if "{" in o[1]]
PATH_IDS = [IDS[OPERATIONS.index(o)] for o in PATHS]
ODD_IDS = {
    "unknown": "no-such-thing",
    "very long": "x" * 500,
    "nul inside": "a%00b",
    "not ascii": "%C3%B1and%C3%BA",
    "emoji": "%F0%9F%98%80",
    "dot dot": "..",
    "a number": "-1",
    "an encoded slash": "a%2Fb",
}


@pytest.mark.parametrize("value", list(ODD_IDS.values()), ids=list(ODD_IDS))
@pytest.mark.parametrize("operation", PATHS, ids=PATH_IDS)
def test_an_unknown_or_odd_case_or_court_is_not_found(world, client, operation, value):
    before = rows()
    r = send(client, operation, value, code=value, hook=value)
    problem(r, 404, "not-found")
    assert rows() == before


def _query_parameters() -> list[tuple[tuple[str, str], str, Any]]:
    """(operation, parameter, a value its schema refuses) for each query parameter."""
    out = []
    for operation in OPERATIONS:
        method, path = operation
        for param in SCHEMA["paths"][path][method].get("parameters", []):
            if param["in"] != "query":
                continue
            name = param["name"]
            for schema in [param["schema"], *param["schema"].get("anyOf", [])]:
                if "minimum" in schema:
                    out.append((operation, name, str(schema["minimum"] - 1)))
                if "maximum" in schema:
                    out.append((operation, name, str(schema["maximum"] + 1)))
                if schema.get("type") == "integer":
                    out.append((operation, name, "ten"))
                if "maxLength" in schema:
                    out.append((operation, name, "x" * (schema["maxLength"] + 1)))
                if "enum" in schema:
                    out.append((operation, name, "none-of-these"))
    return out


QUERIES = _query_parameters()


def test_the_schema_has_query_parameters_with_rules():
    assert {name for _, name, _ in QUERIES} >= {"limit", "cursor", "status"}


@pytest.mark.parametrize(
    ("operation", "name", "value"),
    QUERIES,
    ids=[f"{IDS[OPERATIONS.index(o)]} {n}={v[:12]}" for o, n, v in QUERIES],
)
def test_a_query_parameter_out_of_its_rules_is_named(world, client, operation, name, value):
    before = rows()
    r = send(client, operation, world, data={name: value})
    p = problem(r, 422, "invalid")
    assert fields(p) == [name]
    assert rows() == before


# A device batch's key is its batch id: a batch sent again with other content is refused
# item by item (tests/measures/test_the_provider_api_records_device_batches_once.py).
KEYED = [o for o in WRITES if "batch" not in request_for(o).body]
KEYED_IDS = [IDS[OPERATIONS.index(o)] for o in KEYED]


def test_every_write_but_the_device_batches_is_keyed_here():
    assert len(KEYED) == len(WRITES) - 1


@pytest.mark.parametrize("operation", KEYED, ids=KEYED_IDS)
def test_a_key_sent_again_with_another_body_is_a_conflict(world, client, operation):
    first = send(client, operation, world, HTTP_IDEMPOTENCY_KEY="retry-1")
    assert first.status_code == 201, first.content[:300]
    again = send(client, operation, world, HTTP_IDEMPOTENCY_KEY="retry-1")
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    before = rows()
    body = request_for(operation).body
    other = (
        {**body, "occurred_at": "2026-02-27T10:00:00-06:00"}
        if "occurred_at" in body
        else {**body, "from": "start"}  # a webhook
    )
    r = send(client, operation, world, body=other, HTTP_IDEMPOTENCY_KEY="retry-1")
    p = problem(r, 409, "idempotency")
    assert p["errors"] == [
        {"field": "Idempotency-Key", "message": "already used for another request"}
    ]
    assert rows() == before
