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


def test_a_deadline_counted_in_days_shows_its_last_day_not_the_midnight_after(
    clerk_client, accused_case, record, page
):
    from django.template.defaultfilters import date
    from django.utils import translation

    from expediente.custody.models import Deadline

    ordered = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=ordered)
    record(
        accused_case,
        "custody.pretrial_ordered",
        {"person": "P1", "until": f"{ordered.year + 4}-12-31", "grounds": "Peligro de fuga"},
        occurred_at=ordered,
    )
    counted_in_days = Deadline.objects.filter(case=accused_case, open=True).exclude(
        counting="continuous"
    )
    row = counted_in_days.order_by("due_at").first()
    assert row is not None
    assert row.due_at.date() != row.due_on  # the due moment is the midnight after
    html = page(clerk_client, case_url(accused_case))
    with translation.override("en"):
        assert f"by the end of the day on {date(row.due_on, 'DATE_FORMAT')}" in html
