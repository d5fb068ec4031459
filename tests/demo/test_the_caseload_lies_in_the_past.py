"""The simulation stops at the anchor: nothing in the caseload happens after it."""

import datetime as dt

from django.db.models import Max

from expediente.docket.models import Case, Event
from tests.demo.conftest import ANCHOR


def test_no_event_happens_after_the_anchor(demo):
    latest = Event.objects.aggregate(latest=Max("occurred_at"))["latest"]
    assert latest <= ANCHOR
    assert Case.objects.aggregate(latest=Max("opened_at"))["latest"] <= ANCHOR


def test_cases_were_opened_over_the_three_years_before_the_anchor(demo):
    opened = sorted(Case.objects.values_list("opened_at", flat=True))
    assert (ANCHOR - opened[0]).days > 365
    # Adolescents interned near ECA's 3-year maximum or their 21st birthday (Lei 8.069
    # art. 121 §§3, 5) had their cases opened a little longer ago; nobody else did.
    older = Case.objects.filter(opened_at__lt=ANCHOR - dt.timedelta(days=3 * 365 + 1))
    assert set(older.values_list("court__code", "procedure")) <= {("ilhabela-vara", "juvenile")}
    for case in older:
        assert (ANCHOR - case.opened_at).days <= 3 * 365 + 120
        assert case.events.filter(type="custody.sentence_started").exists()


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
