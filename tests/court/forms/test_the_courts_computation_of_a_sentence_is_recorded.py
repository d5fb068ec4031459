"""The clerk records the court's computation of a sentence (``sentence.computed``) on
the generated form, or another system through the API's append endpoint. Bad input is
refused next to its field (the form) or as a 422 naming it (the API), and nothing is
written; good input starts the watch on the release."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from expediente.custody.models import Deadline
from tests.api.helpers import fields, message, post_json, problem
from tests.conftest import NOW
from tests.court.forms.helpers import events, field_error, record_url, submit, summary_links

pytestmark = pytest.mark.django_db

CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 12}
TYPE = "sentence.computed"


def ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


@pytest.fixture
def serving(accused_case, record):
    """P1 held since 25 days before NOW, convicted (final), serving since 15 days before."""
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=ago(25))
    record(accused_case, "indictment.filed", {"accused": "P1"}, occurred_at=ago(22))
    record(accused_case, "trial.committed", {}, occurred_at=ago(21))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=ago(18))
    record(accused_case, "judgment.final", {}, occurred_at=ago(16))
    record(accused_case, "custody.sentence_started", {"person": "P1"}, occurred_at=ago(15))
    return accused_case


def local(case, moment: dt.datetime) -> str:
    return moment.astimezone(ZoneInfo(case.court.timezone)).strftime("%Y-%m-%dT%H:%M")


def test_the_clerk_records_it(serving, staff_client):
    response = submit(
        staff_client,
        record_url(serving, TYPE),
        {
            "person": "P1",
            "ends_on": "2026-12-01",
            "credited_days": "10",
            "occurred_at": local(serving, ago(2)),
        },
    )
    assert response.status_code == 302, field_error(response, "ends_on")
    assert events(serving)[-1].payload["ends_on"] == "2026-12-01"
    row = Deadline.objects.get(case=serving, rule_id="intl.sentence_end_release")
    assert row.due_on == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("values", "name", "says"),
    [
        ({"ends_on": ""}, "ends_on", "Fill in “Day the sentence ends”"),
        ({"ends_on": "2026-02-10"}, "ends_on", "before the day it started"),
        ({"ends_on": "2026-12-01", "credited_days": "-3"}, "credited_days", "from 0 to 36500"),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_written(
    serving, staff_client, values, name, says
):
    before = len(events(serving))
    data = {"person": "P1", "occurred_at": local(serving, ago(2)), **values}
    response = submit(staff_client, record_url(serving, TYPE), data)
    assert response.status_code == 200
    said = field_error(response, name)
    assert says in said, said
    assert any(a == f"id_{name}" and said in m for a, m in summary_links(response))
    assert len(events(serving)) == before


def test_the_api_appends_it(serving, api_clerk):
    body = {
        "type": TYPE,
        "occurred_at": ago(2).isoformat(),
        "payload": {"person": "P1", "ends_on": "2026-12-01", "note": "Cómputo definitivo"},
    }
    response = post_json(api_clerk, f"/api/v1/cases/{serving.nuid}/events", body)
    assert response.status_code == 201, response.content[:500]
    assert Deadline.objects.filter(case=serving, rule_id="intl.sentence_end_release").exists()


def test_the_api_refuses_an_end_before_the_start_naming_the_field(serving, api_clerk):
    before = len(events(serving))
    body = {
        "type": TYPE,
        "occurred_at": ago(2).isoformat(),
        "payload": {"person": "P1", "ends_on": "2026-02-01"},
    }
    p = problem(post_json(api_clerk, f"/api/v1/cases/{serving.nuid}/events", body), 422)
    assert fields(p) == ["payload.ends_on"]
    assert "before it started" in message(p, "payload.ends_on")
    assert len(events(serving)) == before


def test_the_api_refuses_someone_not_convicted(accused_case, record, api_clerk):
    record(accused_case, "indictment.filed", {"accused": "P1"}, occurred_at=ago(22))
    record(accused_case, "trial.committed", {}, occurred_at=ago(21))
    verdict = {"accused": "P1", "outcome": "acquitted"}
    record(accused_case, "verdict.delivered", verdict, occurred_at=ago(18))
    before = len(events(accused_case))
    body = {
        "type": TYPE,
        "occurred_at": ago(2).isoformat(),
        "payload": {"person": "P1", "ends_on": "2026-12-01"},
    }
    p = problem(post_json(api_clerk, f"/api/v1/cases/{accused_case.nuid}/events", body), 422)
    assert fields(p) == ["payload.person"]
    assert "no conviction on record" in message(p, "payload.person")
    assert len(events(accused_case)) == before
