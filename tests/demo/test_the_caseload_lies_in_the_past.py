"""The simulation stops at the anchor: nothing in the caseload happens after it."""

from django.db.models import Max

from expediente.docket.models import Case, Event
from tests.demo.conftest import ANCHOR


def test_no_event_happens_after_the_anchor(demo):
    latest = Event.objects.aggregate(latest=Max("occurred_at"))["latest"]
    assert latest <= ANCHOR
    assert Case.objects.aggregate(latest=Max("opened_at"))["latest"] <= ANCHOR


def test_cases_were_opened_over_the_three_years_before_the_anchor(demo):
    opened = sorted(Case.objects.values_list("opened_at", flat=True))
    assert (ANCHOR - opened[0]).days <= 3 * 365 + 1
    assert (ANCHOR - opened[0]).days > 365


def test_the_events_of_a_case_happen_in_the_order_they_were_recorded(demo):
    backwards = []
    rows = Event.objects.order_by("case_id", "seq").values_list(
        "case__nuid", "seq", "type", "occurred_at"
    )
    previous = None
    for row in rows:
        if previous and previous[0] == row[0] and row[3] < previous[3]:
            backwards.append((previous, row))
        previous = row
    assert backwards == []
