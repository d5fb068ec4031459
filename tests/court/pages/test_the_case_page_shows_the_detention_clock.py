"""The case page shows how long each accused has been held and what is due, and why."""

import datetime as dt

from tests.court.pages.conftest import case_url


def test_the_case_page_shows_days_in_custody_and_the_next_deadline(
    clerk_client, accused_case, record, page
):
    arrested = dt.datetime.now(dt.UTC) - dt.timedelta(hours=20)
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=arrested)
    html = page(clerk_client, case_url(accused_case))
    assert "Detention clock" in html
    assert "José Pérez Mora" in html
    # Constitución Política art. 37: a detainee must be placed before a judge within 24 h
    assert "Due soon" in html
    assert "37" in html


def test_a_case_without_custody_shows_no_clock(clerk_client, accused_case, page):
    assert "Detention clock" not in page(clerk_client, case_url(accused_case))
