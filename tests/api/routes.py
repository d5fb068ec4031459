"""Every route of the live OpenAPI document, and one valid request for each.

The route-walking tests (``test_every_route_*``) are parametrised over ``OPERATIONS``,
read from the same schema ``/api/v1/openapi.json`` serves, so a new route takes part
in them at once: until it has an entry in ``REQUESTS`` (the scope it needs, a valid
body, what a token of another court gets) its tests fail, saying so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import HttpResponse
from django.test import Client

from expediente.access.capabilities import SCOPES
from expediente.api.router import api
from tests.api.helpers import PAST

SCHEMA: dict[str, Any] = api.get_openapi_schema(path_prefix="/api/v1/")

# (method, path template) of every operation, as the schema lists them
OPERATIONS: list[tuple[str, str]] = [
    (method, path) for path, ops in SCHEMA["paths"].items() for method in ops
]


def op_id(operation: tuple[str, str]) -> str:
    method, path = operation
    return f"{method.upper()} {path.removeprefix('/api/v1')}"


IDS = [op_id(o) for o in OPERATIONS]

# What a token limited to another court gets from a route about this court or its case.
NOT_FOUND = "404"  # the case or court does not exist for it
UNKNOWN_COURT = "422 court"  # the court named in the body is "unknown court"
LISTS_ITS_OWN = "200 its own courts"  # a list of what it may see, without this court
FEEDS_ITS_OWN = "200 its own courts' entries"  # the feed, without this court's entries
ITS_OWN_HOOKS = "its own webhooks"  # webhooks are the token's, whatever its courts

# A webhook's address in the requests below: a public address, never sent anything here
HOOK_URL = "https://93.184.215.14/expediente/hook"


@dataclass(frozen=True)
class Request:
    """A request that succeeds with a token holding ``scope`` (in every court)."""

    scope: str  # the scope the route asks for
    body: dict[str, Any] | None = None  # None for a read
    status: int = 200  # its success
    another_court: str = NOT_FOUND


DEVICE_BATCH = {
    "batch": "b-1",
    "events": [{"device": "DEV-1", "kind": "battery", "occurred_at": PAST, "item": "i-1"}],
}

# Path parameters: the case of the ``world`` fixture and its court.
REQUESTS: dict[tuple[str, str], Request] = {
    ("post", "/api/v1/cases"): Request(
        "cases:write",
        {"court": "sj-penal", "procedure": "adult", "occurred_at": PAST},
        status=201,
        another_court=UNKNOWN_COURT,
    ),
    ("get", "/api/v1/cases/{nuid}"): Request("cases:read"),
    ("post", "/api/v1/cases/{nuid}/participants"): Request(
        "cases:write",
        {"role": "witness", "person": {"given_names": "Eva"}, "occurred_at": PAST},
        status=201,
    ),
    ("post", "/api/v1/cases/{nuid}/charges"): Request(
        "cases:write", {"accused": "P1", "offence": "CP-208", "occurred_at": PAST}, status=201
    ),
    ("post", "/api/v1/cases/{nuid}/events"): Request(
        "cases:write",
        {"type": "note.added", "occurred_at": PAST, "payload": {"text": "Una nota"}},
        status=201,
    ),
    ("get", "/api/v1/cases/{nuid}/events"): Request("cases:read"),
    ("get", "/api/v1/courts"): Request("cases:read", another_court=LISTS_ITS_OWN),
    ("get", "/api/v1/courts/{code}/event-types"): Request("cases:read"),
    ("get", "/api/v1/courts/{code}/offences"): Request("cases:read"),
    ("get", "/api/v1/courts/{code}/deadlines"): Request("cases:read"),
    ("get", "/api/v1/courts/{code}/deadlines/missed"): Request("cases:read"),
    ("get", "/api/v1/feed"): Request("cases:read", another_court=FEEDS_ITS_OWN),
    ("post", "/api/v1/webhooks"): Request(
        "cases:read", {"url": HOOK_URL, "from": "now"}, status=201, another_court=ITS_OWN_HOOKS
    ),
    ("get", "/api/v1/webhooks"): Request("cases:read", another_court=ITS_OWN_HOOKS),
    ("delete", "/api/v1/webhooks/{id}"): Request(
        "cases:read", status=204, another_court=ITS_OWN_HOOKS
    ),
    ("post", "/api/v1/courts/{code}/measures/device-events"): Request(
        "measures:device", DEVICE_BATCH
    ),
}


def request_for(operation: tuple[str, str]) -> Request:
    found = REQUESTS.get(operation)
    assert found is not None, (
        f"{op_id(operation)} is in the API but not in tests/api/routes.py's REQUESTS: add "
        "a valid request for it and the scope it needs, so that its refusals are tested"
    )
    return found


def other_scopes(scope: str) -> list[str]:
    """Every scope there is but this one."""
    return sorted(set(SCOPES) - {scope})


def url(operation: tuple[str, str], nuid: str, code: str = "sj-penal", hook: str = "") -> str:
    return operation[1].format(nuid=nuid, code=code, id=hook)


def a_hook_of(client: Client) -> str:
    """The id of a new webhook of the client's token, if the token may have one (live,
    with cases:read: nothing is written for a caller to be refused), else "1"."""
    from expediente.access.tokens import token_authenticate
    from expediente.notify.agency_hooks import hook_create

    header = str(client.defaults.get("HTTP_AUTHORIZATION", ""))
    token = token_authenticate(header.removeprefix("Bearer "))
    if token is None or "cases:read" not in token.scopes:
        return "1"
    return str(hook_create(token=token, url=HOOK_URL)[0].pk)


def send(
    client: Client,
    operation: tuple[str, str],
    nuid: str,
    *,
    body: Any = None,
    code: str = "sj-penal",
    hook: str | None = None,
    **extra: Any,
) -> HttpResponse:
    """The operation's request; ``body`` replaces its valid body (JSON text or bytes as
    they are, anything else as JSON). A path with a webhook's id names ``hook``, by
    default a new webhook of the client's token (``a_hook_of``)."""
    method, path = operation
    if hook is None:
        hook = a_hook_of(client) if "{id}" in path else ""
    target = url(operation, nuid, code, hook)
    if method == "get":
        return client.get(target, **extra)
    if method == "delete":
        return client.delete(target, **extra)
    data = request_for(operation).body if body is None else body
    raw = data if isinstance(data, str | bytes) else json.dumps(data)
    extra.setdefault("content_type", "application/json")
    return client.post(target, data=raw, **extra)


def rows() -> dict[str, int]:
    """How many rows every table has: a refusal changes none of them (``ApiToken``'s
    ``last_used_at`` is a column, not a row)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def with_a_monitored_measure(case: Any, record: Any) -> str:
    """``case`` with a restraining order on device DEV-1 (the device-events route's
    target); its national number, which every case route's path names."""
    record(
        case,
        "measure.imposed",
        {
            "measure": "M1",
            "person": "P1",
            "kind": "restraining_order",
            "starts_on": "2026-02-01",
            "protected": "P2",
            "distance_m": 200,
            "device": "DEV-1",
        },
    )
    return str(case.nuid)
