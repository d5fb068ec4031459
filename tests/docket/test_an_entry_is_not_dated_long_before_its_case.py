"""An entry dated more than 30 days before its case was opened is refused, naming
occurred_at and the opening date, and so is a hearing set to start before the case was
opened: a year typed 2019 for 2026 set a detention clock seven years back ("2769 days in
detention"), and a hearing set for 1999 went out to the family by email and SMS."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from tests.api.helpers import API, post_json, problem

OPENED = dt.datetime(2026, 1, 31, 15, 0, tzinfo=dt.UTC)  # tests/conftest.py: NOW - 30 days


def test_an_arrest_typed_seven_years_early_is_refused(accused_case, record):
    before = Event.objects.filter(case=accused_case).count()
    with pytest.raises(InvalidInput) as refused:
        record(
            accused_case,
            "custody.arrested",
            {"person": "P1"},
            occurred_at=dt.datetime(2019, 5, 1, 16, tzinfo=dt.UTC),
        )
    assert refused.value.errors == [
        {
            "field": "occurred_at",
            "message": "may not be more than 30 days before the case was opened on 2026-01-31",
        }
    ]
    assert "check the year" in refused.value.message
    assert Event.objects.filter(case=accused_case).count() == before


def test_the_arrest_that_brought_the_case_to_court_is_recorded(accused_case, record):
    arrested = OPENED - dt.timedelta(days=2)
    recorded = record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=arrested)
    assert recorded.event.occurred_at == arrested


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(minutes=st.integers(min_value=-60 * 24 * 60, max_value=20 * 24 * 60))
def test_the_bound_is_thirty_days_before_the_opening_to_the_minute(case, record, minutes):
    occurred = OPENED + dt.timedelta(minutes=minutes)
    allowed = occurred >= OPENED - dt.timedelta(days=30)
    if allowed:
        assert record(case, "note.added", {"text": "Nota"}, occurred_at=occurred).created
    else:
        with pytest.raises(InvalidInput) as refused:
            record(case, "note.added", {"text": "Nota"}, occurred_at=occurred)
        assert refused.value.errors[0]["field"] == "occurred_at"


def test_a_hearing_before_the_opening_is_refused_over_the_api(accused_case, api_clerk):
    body = {
        "type": "hearing.scheduled",
        "occurred_at": "2026-02-10T10:00:00-06:00",
        "payload": {
            "hearing": "H1",
            "kind": "preliminary",
            "starts_at": "1999-01-01T10:00:00-06:00",
        },
    }
    answer = problem(post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/events", body), 422)
    assert answer["errors"] == [
        {
            "field": "payload.starts_at",
            "message": "may not be before the case was opened on 2026-01-31",
        }
    ]
    assert not Event.objects.filter(case=accused_case, type="hearing.scheduled").exists()
    body["payload"]["starts_at"] = "2026-03-10T09:00:00-06:00"
    assert post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/events", body).status_code == 201
