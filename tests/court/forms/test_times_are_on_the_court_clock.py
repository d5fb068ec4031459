"""Dates and times are typed on the court's clock and stored as the right UTC instant,
whatever the server's or the browser's zone."""

import datetime as dt

import pytest

from expediente.docket.models import Court
from expediente.docket.services import case_open
from tests.court.forms.conftest import member, signed_in
from tests.court.forms.helpers import last, record_url, submit

HEARING = {"hearing": "H1", "kind": "trial"}


def test_a_hearing_time_is_stored_as_the_utc_instant(staff_client, accused_case):
    submit(
        staff_client,
        record_url(accused_case, "hearing.scheduled"),
        HEARING | {"starts_at": "2026-12-10T09:30"},
    )
    assert last(accused_case).payload["starts_at"] == "2026-12-10T15:30:00Z"  # UTC−6


def test_when_it_happened_is_stored_as_the_utc_instant(staff_client, accused_case):
    submit(
        staff_client,
        record_url(accused_case, "note.added"),
        {"text": "Late hearing.", "occurred_at": "2026-11-20T23:30"},
    )
    assert last(accused_case).occurred_at == dt.datetime(2026, 11, 21, 5, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-12-10T09:30", "2026-12-10T08:30:00Z"),  # winter: UTC+1
        ("2026-07-10T09:30", "2026-07-10T07:30:00Z"),  # summer: UTC+2
    ],
)
def test_a_court_in_another_zone_reads_times_on_its_own_clock(court, clerk, typed, stored):
    madrid = Court.objects.create(
        jurisdiction=court.jurisdiction,
        code="madrid",
        name="Juzgado de Madrid",
        office_code="0099",
        timezone="Europe/Madrid",
        rule_pack="cr",
    )
    client = signed_in(member("elena", madrid, "clerk"))
    case = case_open(
        court=madrid,
        actor=clerk,
        procedure="adult",
        occurred_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
    ).event.case
    response = submit(client, record_url(case, "hearing.scheduled"), HEARING | {"starts_at": typed})
    assert response.status_code == 302
    assert last(case).payload["starts_at"] == stored
    page = client.get(record_url(case, "hearing.scheduled")).content.decode()
    assert "Court time: Europe/Madrid" in page


def test_an_instant_given_with_its_offset_is_taken_as_given(staff_client, accused_case):
    submit(
        staff_client,
        record_url(accused_case, "hearing.scheduled"),
        HEARING | {"starts_at": "2026-12-10T09:30:00+00:00"},
    )
    assert last(accused_case).payload["starts_at"] == "2026-12-10T09:30:00Z"
