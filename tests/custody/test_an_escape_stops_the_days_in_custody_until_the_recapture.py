"""An escape ends the custody period: time at large is in no period, so it is not counted
as time in custody. The recapture opens a new period of the kind the person is in then.
The deadlines keep running while the person is at large (no rule says otherwise)."""

import datetime as dt

from expediente.custody.selectors import custody_clock
from tests.conftest import NOW
from tests.custody.conftest import deadlines_of, periods_of

CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 60}


def test_time_at_large_is_not_time_in_custody(accused_case, custody, at):
    arrest = custody(accused_case, "arrested", at(30, 8)).event.seq
    order = custody(accused_case, "pretrial_ordered", at(30), facility="CAI La Reforma").event.seq
    escape = custody(accused_case, "escaped", at(20)).event.seq
    back = custody(accused_case, "recaptured", at(10)).event.seq
    assert periods_of(accused_case) == [
        ("police", at(30, 8), at(30), arrest, order),
        ("pretrial", at(30), at(20), order, escape),
        ("pretrial", at(10), None, back, None),
    ]
    [clock] = custody_clock(case=accused_case, now=NOW)
    # 10 days and 2 hours before the escape, and since the recapture (10:00) until now (09:00)
    assert clock.time_in_custody == dt.timedelta(days=10, hours=2) + (NOW - at(10))
    assert clock.days == 20
    assert clock.in_custody


def test_someone_at_large_is_not_in_custody(accused_case, custody, at):
    custody(accused_case, "arrested", at(5))
    custody(accused_case, "escaped", at(4))
    [clock] = custody_clock(case=accused_case, now=NOW)
    assert not clock.in_custody
    assert clock.current is None
    assert clock.days == 1


def test_the_recapture_returns_the_kind_of_custody_the_person_escaped_from(
    accused_case, custody, at
):
    arrest = custody(accused_case, "arrested", at(10)).event.seq
    escape = custody(accused_case, "escaped", at(9, 23)).event.seq
    back = custody(accused_case, "recaptured", at(8)).event.seq
    assert periods_of(accused_case) == [
        ("police", at(10), at(9, 23), arrest, escape),
        ("police", at(8), None, back, None),
    ]


def test_a_conviction_while_at_large_makes_the_recaptured_person_sentenced(
    accused_case, custody, record, to_trial, at
):
    custody(accused_case, "arrested", at(60, 9, 30))
    custody(accused_case, "pretrial_ordered", at(60))
    custody(accused_case, "escaped", at(50))
    to_trial(accused_case, at(40))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(30))
    back = custody(accused_case, "recaptured", at(20)).event.seq
    assert periods_of(accused_case)[-1] == ("sentenced_appeal", at(20), None, back, None)


def test_the_deadlines_keep_running_while_the_person_is_at_large(accused_case, custody, at):
    custody(accused_case, "arrested", at(56))
    custody(accused_case, "pretrial_ordered", at(55))
    [review_before] = deadlines_of(accused_case, "cr.pretrial_review")
    custody(accused_case, "escaped", at(45))
    [review_after] = deadlines_of(accused_case, "cr.pretrial_review")
    assert review_after.open
    assert review_after.due_at == review_before.due_at


def test_an_order_made_while_at_large_counts_from_the_recapture(accused_case, custody, at):
    """Escaped from police custody, then ordered detained while at large: the order is
    carried out by the recapture, which starts the pretrial detention and its clocks."""
    custody(accused_case, "arrested", at(30))
    custody(accused_case, "escaped", at(29))
    custody(accused_case, "pretrial_ordered", at(25))
    assert deadlines_of(accused_case, "cr.pretrial_review") == []
    back = custody(accused_case, "recaptured", at(10)).event.seq
    assert periods_of(accused_case)[-1] == ("pretrial", at(10), None, back, None)
    [review] = deadlines_of(accused_case, "cr.pretrial_review")
    assert (review.start_at, review.start_seq) == (at(10), back)
