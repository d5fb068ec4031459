"""Every moment the API or an import takes (an entry's ``occurred_at``, a payload's
``datetime`` field, a device event's time) is written out with its UTC offset or ``Z``.

A time without one is refused, never guessed: a prosecution office in Costa Rica that
sends its local 10:00 as ``2026-03-01T10:00`` would have it taken as 10:00 UTC, 04:00 in
San José, and every deadline counted from it six hours off. Not as the court's time
either: a token may write to courts on different clocks, and a local time in a zone
with summer time names one moment twice a year. Unix timestamps, bare dates, words such
as "now", and offsets no clock keeps (beyond −12:00 … +14:00) are refused too, naming the
field and the rule, and nothing is written."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from expediente.docket.models import Case, Event
from tests.api.helpers import API, fields, message, post_json, problem
from tests.conftest import _client

NAIVE = [
    "2026-03-01T10:00",
    "2026-03-01T10:00:00",
    "2026-03-01 10:00:00",
    "2026-03-01T10:00:00.250",
]
NOT_A_MOMENT = [
    "2026-03-01",  # a day is not a moment
    1772359200,  # seconds since 1970
    "1772359200",
    1772359200.5,
    "now",
    "today",
    "yesterday 10:00",
    "",
    " 2026-03-01T10:00:00-06:00",
    "2026-03-01T10:00:00-06:00 ",
    "2026-03-01T10:00:00-06",  # an offset of hours alone
    "2026-03-01T10:00:00 -06:00",
    "2026-03-01T10:00:00UTC",
    "2026-03-01T10:00:00 CST",
    "2026-03-01T10:00:00[America/Costa_Rica]",
    "2026-03-01T10:00:00-06:00[America/Costa_Rica]",
    "01/03/2026 10:00 -06:00",
    "2026-03-01T10h00-06:00",
]
FAR_OFFSETS = ["2026-03-01T10:00:00+23:59", "2026-03-01T10:00:00-18:00",
               "2026-03-01T10:00:00+14:30", "2026-03-01T10:00:00-1230"]  # fmt: skip
RULE_EXAMPLE = "2026-03-14T09:30:00-06:00"


def _routes(case: Case) -> list[tuple[str, str, dict[str, Any]]]:
    """(url, the field as the answer names it, a body lacking only that field's value)
    for each way a moment comes in."""
    events = f"{API}/cases/{case.nuid}/events"
    person = {"given_names": "Ana", "family_names": "Solís"}
    hearing = {
        "type": "hearing.scheduled",
        "occurred_at": "2026-03-01T10:00:00-06:00",
        "payload": {"hearing": "H9", "kind": "trial"},
    }
    return [
        (f"{API}/cases", "occurred_at", {"court": "sj-penal", "procedure": "adult"}),
        (events, "occurred_at", {"type": "note.added", "payload": {"text": "x"}}),
        (
            f"{API}/cases/{case.nuid}/participants",
            "occurred_at",
            {"role": "witness", "person": person},
        ),
        (f"{API}/cases/{case.nuid}/charges", "occurred_at", {"accused": "P1", "offence": "CP-111"}),
        (events, "payload.starts_at", hearing),
    ]


def _with(body: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    if field.startswith("payload."):
        return {**body, "payload": {**body["payload"], field.removeprefix("payload."): value}}
    return {**body, field: value}


def _refused(client: Client, case: Case, value: Any) -> list[tuple[str, str]]:
    """The message each way in gives for ``value``, after checking it names only the
    field and wrote nothing."""
    said = []
    for url, field, body in _routes(case):
        before = (Case.objects.count(), Event.objects.count())
        p = problem(post_json(client, url, _with(body, field, value)), 422, "invalid")
        assert fields(p) == [field], (url, p)
        assert (Case.objects.count(), Event.objects.count()) == before
        said.append((field, message(p, field)))
    return said


@pytest.mark.parametrize("value", NAIVE)
def test_a_time_without_an_offset_is_refused_not_guessed(api_clerk, accused_case, value):
    for field, says in _refused(api_clerk, accused_case, value):
        assert "without its UTC offset" in says, (field, says)
        assert RULE_EXAMPLE in says
        assert "Z for UTC" in says


@pytest.mark.parametrize("value", NOT_A_MOMENT, ids=repr)
def test_anything_but_a_written_out_moment_is_refused_by_the_rule(api_clerk, accused_case, value):
    for field, says in _refused(api_clerk, accused_case, value):
        assert says.startswith("must be a date and time with its UTC offset"), (field, says)
        assert RULE_EXAMPLE in says


@pytest.mark.parametrize("value", FAR_OFFSETS)
def test_an_offset_no_clock_keeps_is_refused(api_clerk, accused_case, value):
    for field, says in _refused(api_clerk, accused_case, value):
        assert "-12:00 to +14:00" in says, (field, says)


def test_a_time_without_an_offset_is_named_beside_the_other_mistakes(api_clerk, accused_case):
    # it was found only after the schema had passed, so a client fixed one field per try
    body = {"type": "note.added", "occurred_at": "2026-03-01T10:00", "payload": {"text": "x"}}
    url = f"{API}/cases/{accused_case.nuid}/events"
    p = problem(post_json(api_clerk, url, {**body, "expected_seq": "5"}), 422, "invalid")
    assert fields(p) == ["occurred_at", "expected_seq"]


@pytest.mark.parametrize(
    "written",
    [
        "2026-03-01T09:00:00-06:00",
        "2026-03-01T15:00:00Z",
        "2026-03-01t15:00:00z",
        "2026-03-01T15:00:00+00:00",
        "2026-03-01 09:00-0600",
        "2026-03-02T05:00:00+14:00",
        "2026-03-01T03:00:00-12:00",
        "2026-03-01T09:00:00.000-06:00",
    ],
)
def test_a_moment_with_its_offset_is_kept_as_the_instant_it_names(api_clerk, accused_case, written):
    url = f"{API}/cases/{accused_case.nuid}/events"
    body = {"type": "hearing.scheduled", "occurred_at": written,
            "payload": {"hearing": "H9", "kind": "trial", "starts_at": written}}  # fmt: skip
    r = post_json(api_clerk, url, body)
    assert r.status_code == 201, r.content
    out = r.json()
    assert out["occurred_at"] == "2026-03-01T15:00:00.000000Z"  # as the hash chain writes it
    assert out["payload"]["starts_at"] == "2026-03-01T15:00:00Z"


@pytest.mark.parametrize("value", [NAIVE[0], NOT_A_MOMENT[1], FAR_OFFSETS[0]])
def test_a_monitoring_provider_gives_each_event_its_offset(court, value):
    provider = _client("geo-monitor", ["measures:device"])
    item = {"device": "DEV-1", "kind": "tamper", "occurred_at": value}
    r = provider.post(
        f"{API}/courts/sj-penal/measures/device-events",
        json.dumps({"batch": "b-1", "events": [item]}),
        content_type="application/json",
    )
    p = problem(r, 422, "invalid")
    assert fields(p) == ["events[0].occurred_at"]
    assert "UTC offset" in message(p, "events[0].occurred_at")
    assert not Event.objects.filter(type="measure.device_event").exists()


def _moment_properties(schema: Any, path: str = "") -> Any:
    """(path, property schema) of every date-time property in a JSON Schema."""
    if isinstance(schema, dict):
        if schema.get("format") == "date-time":
            yield path, schema
        for key, value in schema.items():
            yield from _moment_properties(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _moment_properties(value, f"{path}/{i}")


def test_the_published_schemas_state_the_rule(anonymous, api_clerk, court):
    document = anonymous.get(f"{API}/openapi.json").json()
    inputs = {k: v for k, v in document["components"]["schemas"].items() if k.endswith("In")}
    types = api_clerk.get(f"{API}/courts/sj-penal/event-types").json()
    payloads = {t["type"]: t["payload_schema"] for t in types}
    found = [*_moment_properties(inputs), *_moment_properties(payloads)]
    assert any("/payload" not in p and "occurred_at" in p for p, _ in found)
    assert any("hearing.scheduled" in p and "starts_at" in p for p, _ in found)
    for path, prop in found:
        assert "UTC offset" in prop.get("description", ""), path
        assert RULE_EXAMPLE in prop.get("examples", []), path
        assert "pattern" in prop, path
