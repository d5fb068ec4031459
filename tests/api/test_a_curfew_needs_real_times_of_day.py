"""POST /api/v1/cases/{nuid}/events and `expediente import`: a curfew's hours are times
of day (HH:MM, 00:00 to 23:59). "25:00", "xx", "99:99" are refused naming the field and
the rule, and nothing is written in the append-only record; 20:00 to 05:00 is recorded."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from expediente.access.models import User
from expediente.docket.models import Event
from expediente.measures.models import Measure
from tests.api.helpers import PAST, fields, message, post_json, problem

CURFEW = {
    "measure": "M1",
    "person": "P1",
    "kind": "curfew",
    "starts_on": "2026-03-01",
    "device": "GPS-1",
}
RULE = "must be a time of day written HH:MM, from 00:00 to 23:59 (for example 20:00)"


def imposed(curfew_from: str, curfew_to: str) -> dict:
    payload = CURFEW | {"curfew_from": curfew_from, "curfew_to": curfew_to}
    return {"type": "measure.imposed", "occurred_at": PAST, "payload": payload}


@pytest.fixture
def url(case_url):
    return f"{case_url}/events"


@pytest.mark.parametrize(("start", "end"), [("25:00", "xx"), ("99:99", "ab:cd")])
def test_hours_that_are_not_times_of_day_are_refused_naming_each_field(
    api_clerk, accused_case, url, start, end
):
    before = Event.objects.filter(case=accused_case).count()
    body = problem(post_json(api_clerk, url, imposed(start, end)), 422, "invalid")
    assert fields(body) == ["payload.curfew_from", "payload.curfew_to"]
    assert message(body, "payload.curfew_from") == RULE
    assert message(body, "payload.curfew_to") == RULE
    assert Event.objects.filter(case=accused_case).count() == before
    assert not Measure.objects.filter(case=accused_case).exists()


def test_one_bad_hour_is_refused_alone(api_clerk, accused_case, url):
    body = problem(post_json(api_clerk, url, imposed("20:00", "24:00")), 422, "invalid")
    assert fields(body) == ["payload.curfew_to"]


def test_a_curfew_over_midnight_is_recorded_as_typed(api_clerk, accused_case, url):
    response = post_json(api_clerk, url, imposed("20:00", "05:00"))
    assert response.status_code == 201, response.content
    payload = response.json()["payload"]
    assert (payload["curfew_from"], payload["curfew_to"]) == ("20:00", "05:00")
    measure = Measure.objects.get(case=accused_case, uid="M1")
    assert measure.kind == "curfew"


def test_the_importer_refuses_the_same_line_with_the_same_errors(
    api_clerk, accused_case, url, tmp_path
):
    answer = problem(post_json(api_clerk, url, imposed("25:00", "xx")), 422)
    User.objects.create(username="migracion", is_system=True)
    line = {"op": "event", "key": "curfew", "case": accused_case.nuid} | imposed("25:00", "xx")
    path = tmp_path / "lines.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    report = tmp_path / "refused.jsonl"
    before = Event.objects.filter(case=accused_case).count()
    with pytest.raises(CommandError):
        call_command(
            "import",
            str(path),
            "--user",
            "migracion",
            "--errors",
            str(report),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    written = json.loads(report.read_text())
    assert written["errors"] == answer["errors"]
    assert [e["field"] for e in written["errors"]] == ["payload.curfew_from", "payload.curfew_to"]
    assert Event.objects.filter(case=accused_case).count() == before
