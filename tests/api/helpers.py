"""What every API test does: post JSON, and read a problem (RFC 9457) the way a client would."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpResponse as Response
from django.test import Client
from django.utils import timezone

from expediente.problem_types import TYPES
from tests.conftest import NOW

API = "/api/v1"
PROBLEM_TYPES = "/problems/"

# Things happen in the past: the API refuses to record the future.
PAST = (NOW - dt.timedelta(days=1)).isoformat()


def future() -> str:
    """A time after the real clock (NOW is fixed and already past)."""
    return (timezone.now() + dt.timedelta(days=2)).isoformat()


def post_json(client: Client, url: str, body: Any, *, key: str | None = None) -> Response:
    headers = {"Idempotency-Key": key} if key is not None else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", headers=headers)


def problem(response: Response, status: int, kind: str | None = None) -> dict[str, Any]:
    """The problem body, after checking what RFC 9457 promises a client."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["type"].startswith(PROBLEM_TYPES)
    # every problem answered is one the server documents, with this status
    documented = TYPES[body["type"].removeprefix(PROBLEM_TYPES)]
    assert status in documented.statuses, (body["type"], status)
    assert body["title"] == documented.title
    if kind is not None:
        assert body["type"] == PROBLEM_TYPES + kind
    assert isinstance(body["title"], str)
    assert body["title"]
    assert isinstance(body["detail"], str)
    assert body["detail"]
    return body


def fields(body: dict[str, Any]) -> list[str]:
    """The failing field paths a problem names, in order."""
    return [e["field"] for e in body.get("errors", [])]


def message(body: dict[str, Any], field: str) -> str:
    return next(e["message"] for e in body["errors"] if e["field"] == field)


# a valid body for each write route (``{nuid}``: the case's)
WRITES = {
    "/cases": {"court": "sj-penal", "procedure": "adult", "occurred_at": PAST},
    "/cases/{nuid}/participants": {
        "role": "witness",
        "person": {"given_names": "Eva"},
        "occurred_at": PAST,
    },
    "/cases/{nuid}/charges": {"accused": "P1", "offence": "CP-208", "occurred_at": PAST},
    "/cases/{nuid}/events": {"type": "note.added", "occurred_at": PAST, "payload": {"text": "x"}},
}
