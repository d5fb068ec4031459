"""A detention order that expires before the judge's next review reads first: the
clock lists its limits by date, as the court's due list does (QA: "must review by
Feb 2" read before "the order expires on Jan 31")."""

from __future__ import annotations

from django.test import Client

from tests.portal.conftest import days_ago, make_clerk, make_issuer, text_of


def test_the_order_expiring_first_reads_first(accused_case, record, court):  # type: ignore[no-untyped-def]
    clerk = make_clerk(court)
    p1 = {"person": "P1"}
    record(accused_case, "custody.arrested", p1, occurred_at=days_ago(20, 8))
    record(accused_case, "custody.placed_before_judge", p1, occurred_at=days_ago(20, 20))
    record(accused_case, "custody.hearing_requested", p1, occurred_at=days_ago(19, 9))
    until = (days_ago(-10)).date().isoformat()  # ten days from now: before any review
    record(
        accused_case,
        "custody.pretrial_ordered",
        {**p1, "until": until, "grounds": "Peligro de fuga", "facility": "CAI"},
        occurred_at=days_ago(19, 11),
    )
    family = Client(HTTP_ACCEPT_LANGUAGE="en")
    code = make_issuer(clerk)(accused_case, "P1", language="en")
    family.post("/follow/", {"case_number": accused_case.nuid, "code": code})
    page = text_of(family.get("/follow/case/").content.decode())
    # each limit opens with its plain words (the pack's), the date first
    expires = page.index("The detention order states that it expires on")
    review = page.index("The court must review the pretrial detention by")
    longest = page.index("Pretrial detention may not go beyond")
    assert expires < review < longest
