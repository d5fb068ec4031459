"""Recorded in a case, the accused's request for a review (CPP art. 253,
``custody.review_requested``) restarts the 3-month count of the review on the due list,
as the engine computes it (tests/rules/deadlines/test_costa_rica_a_request_restarts_*)."""

import datetime as dt
from zoneinfo import ZoneInfo

from expediente.custody.models import Deadline
from tests.conftest import PERSON

CR = ZoneInfo("America/Costa_Rica")


def at(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, tzinfo=CR)


def test_a_request_on_record_restarts_the_review_count(open_case, record):
    # the case is opened when the man is brought to court (an entry may not be dated more
    # than 30 days before its case was opened)
    accused_case = open_case(occurred_at=at(2025, 9, 13, 21))
    record(accused_case, "participant.added", {"role": "accused", "person": PERSON})
    p1 = {"person": "P1"}
    record(accused_case, "custody.arrested", p1, occurred_at=at(2025, 9, 13, 20))
    record(accused_case, "custody.placed_before_judge", p1, occurred_at=at(2025, 9, 14, 8))
    order = {**p1, "until": "2026-09-14", "grounds": "Peligro de fuga"}
    record(accused_case, "custody.pretrial_ordered", order, occurred_at=at(2025, 9, 14, 11))
    record(accused_case, "custody.review_requested", p1, occurred_at=at(2026, 1, 20))

    reviews = Deadline.objects.filter(case=accused_case, rule_id="cr.pretrial_review")
    running = reviews.get(open=True)
    assert running.due_on == dt.date(2026, 4, 20)
    assert reviews.get(cycle=0).stopped_type == "custody.review_requested"
