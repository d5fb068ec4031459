"""When the court ends the ground for holding someone (the detention order lifted or
replaced, a review that lifts or replaces it, an acquittal), the custody record keeps
them held until the release is recorded; the baseline's ``intl.release_on_order_end``
then says so: due 24 hours later (the court's service target, not a legal limit),
alerting the judge, the parties and the person held, met by the release (late if it
came after the target), stopped by a new order or an escape. Nothing starts for a
review that maintains the order, a conviction, or a person at large; a correction of
the review's outcome re-judges it. The recapture of a person whose ground has ended
opens it again, and a custody hearing that orders no detention of a person in police
custody opens it; neither does under an order in force."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.custody.conftest import deadlines_of

pytestmark = pytest.mark.django_db

RULE = "intl.release_on_order_end"
DAY = dt.timedelta(hours=24)
ACQUITTED = {"accused": "P1", "outcome": "acquitted"}
CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 24}


@pytest.fixture
def held(accused_case, custody, at):
    """P1 arrested 40 days before NOW and held under a detention order since."""
    custody(accused_case, "arrested", at(40, 8))
    custody(accused_case, "pretrial_ordered", at(39))
    return accused_case


def watch(case):
    rows = deadlines_of(case, RULE)
    assert len(rows) == 1, [(r.start_type, r.start_at) for r in rows]
    return rows[0]


def test_a_lift_while_held_opens_the_release_watch_due_a_day_later(held, custody, at):
    lifted = at(10, 11)
    custody(held, "pretrial_lifted", lifted, reason="Ya no hay peligro de fuga")
    row = watch(held)
    assert row.open
    assert row.start_type == "custody.pretrial_lifted"
    assert row.due_at == lifted + DAY
    assert row.effect == "alert"
    assert row.law["flag"] == "policy"
    assert [code for code, _at in row.alerts] == ["12h"]
    assert set(row.alert_roles) == {
        "judge",
        "prosecutor",
        "defence",
        "public_defender",
        "accused",
        "guardian",
    }
    assert row.status(lifted + dt.timedelta(hours=1)) == "due_soon"  # 7 days' window
    assert row.status(lifted + dt.timedelta(hours=25)) == "overdue"
    assert "the court's service target, not a legal time limit" in row.explanation["en"]


def test_the_release_meets_it(held, custody, at):
    custody(held, "pretrial_lifted", at(10, 11))
    custody(held, "released", at(10, 15))
    row = watch(held)
    assert not row.open
    assert row.satisfied_type == "custody.released"
    assert row.status(at(10, 16)) == "satisfied"
    assert row.detail["met_late"] is False


def test_a_release_recorded_late_is_met_late_and_overdue_until_then(held, custody, at):
    custody(held, "pretrial_lifted", at(10, 11))
    custody(held, "released", at(8, 9))
    row = watch(held)
    assert row.status(at(9, 12)) == "overdue"  # a day and an hour after the lift
    assert row.status(at(8, 10)) == "satisfied"
    assert row.detail["met_late"] is True


def test_a_new_order_before_the_release_stops_it(held, custody, at):
    custody(held, "pretrial_lifted", at(10, 11))
    custody(held, "pretrial_ordered", at(10, 14))
    row = watch(held)
    assert not row.open
    assert row.stopped_type == "custody.pretrial_ordered"


def test_a_replacement_by_other_measures_opens_it(held, custody, at):
    custody(held, "pretrial_replaced", at(5, 9))
    assert watch(held).start_type == "custody.pretrial_replaced"


def test_a_review_that_lifts_opens_it_and_one_that_maintains_does_not(held, custody, at):
    custody(held, "pretrial_reviewed", at(20), outcome="maintained")
    assert deadlines_of(held, RULE) == []
    custody(held, "pretrial_reviewed", at(5), outcome="lifted")
    row = watch(held)
    assert row.start_type == "custody.pretrial_reviewed"
    assert row.due_at == at(5) + DAY
    # the entry recording what the review decided does not move the target
    custody(held, "pretrial_lifted", at(5, 11))
    assert watch(held).due_at == at(5) + DAY


def test_a_review_corrected_from_lifted_to_maintained_leaves_no_watch(held, custody, record, at):
    review = custody(held, "pretrial_reviewed", at(5), outcome="lifted").event
    assert len(deadlines_of(held, RULE)) == 1
    record(
        held,
        "custody.pretrial_reviewed",
        {"person": "P1", "outcome": "maintained"},
        occurred_at=at(5),
        corrects_seq=review.seq,
    )
    assert deadlines_of(held, RULE) == []


def test_an_acquittal_of_a_person_held_opens_it(held, record, to_trial, at):
    to_trial(held, at(30))
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(3, 16))
    row = watch(held)
    assert row.start_type == "verdict.delivered"
    assert row.due_at == at(3, 16) + DAY


def test_an_acquittal_in_police_custody_opens_it(accused_case, custody, record, to_trial, at):
    to_trial(accused_case, at(30))
    custody(accused_case, "arrested", at(4, 8))
    record(accused_case, "verdict.delivered", ACQUITTED, occurred_at=at(3, 16))
    assert watch(accused_case).start_type == "verdict.delivered"


def test_a_conviction_opens_nothing_and_stops_a_watch_running(held, record, custody, to_trial, at):
    to_trial(held, at(30))
    record(held, "verdict.delivered", CONVICTED, occurred_at=at(20))
    assert deadlines_of(held, RULE) == []


def test_a_conviction_after_the_lift_stops_it(held, record, custody, to_trial, at):
    to_trial(held, at(30))
    custody(held, "pretrial_lifted", at(10))
    record(held, "verdict.delivered", CONVICTED, occurred_at=at(9))
    row = watch(held)
    assert not row.open
    assert row.stopped_type == "verdict.delivered"


def test_no_clock_for_a_person_at_large(held, custody, at):
    custody(held, "escaped", at(12))
    custody(held, "pretrial_lifted", at(10))
    assert deadlines_of(held, RULE) == []


def test_an_escape_before_the_release_stops_it(held, custody, at):
    custody(held, "pretrial_lifted", at(10, 11))
    custody(held, "escaped", at(10, 20))
    assert watch(held).stopped_type == "custody.escaped"


def test_after_a_retrial_the_pages_say_since_the_retrial_not_that_the_order_ended_then(
    held, record, custody, to_trial, at, clerk
):
    # lifted, still held, convicted (held as sentenced), then a retrial: back in
    # pretrial detention with no order in force; the watch opens again at the retrial,
    # and the pages must not call the retrial's day the day the order ended
    from django.utils import translation

    from expediente.court.pages.case_page import case_page
    from tests.conftest import NOW

    to_trial(held, at(30))
    custody(held, "pretrial_lifted", at(10))
    record(held, "verdict.delivered", CONVICTED, occurred_at=at(9))
    retrial = at(5)
    record(held, "retrial.ordered", {}, occurred_at=retrial)
    with translation.override("en"):
        [ground] = case_page(nuid=held.nuid, actor=clerk, now=NOW).ground_ended
    assert ground.ended_at == retrial
    assert ground.by_retrial


# An escape stops the watch (nobody at large is released); the recapture holds the
# person again. Under an order in force that is ordinary custody; with the ground ended
# (the order lifted or replaced, an acquittal, no new order since) nothing in this case
# holds them, and the watch opens again at the recapture (``starts_without_ground``).


def starts(case):
    return [(r.start_type, r.start_at, r.open) for r in deadlines_of(case, RULE)]


def test_a_recapture_after_the_lift_opens_the_watch_again(held, custody, at):
    custody(held, "pretrial_lifted", at(10, 11))
    custody(held, "escaped", at(10, 20))
    recaptured = at(8, 9)
    custody(held, "recaptured", recaptured)
    assert starts(held) == [
        ("custody.pretrial_lifted", at(10, 11), False),
        ("custody.recaptured", recaptured, True),
    ]
    row = deadlines_of(held, RULE)[1]
    assert row.due_at == recaptured + DAY
    custody(held, "released", at(8, 15))
    assert not deadlines_of(held, RULE)[1].open


def test_a_recapture_under_the_order_in_force_opens_nothing(held, custody, at):
    custody(held, "escaped", at(10, 20))
    custody(held, "recaptured", at(8, 9))
    assert deadlines_of(held, RULE) == []


def test_a_lift_while_at_large_opens_the_watch_at_the_recapture(held, custody, at):
    custody(held, "escaped", at(12))
    custody(held, "pretrial_lifted", at(10))
    assert deadlines_of(held, RULE) == []
    custody(held, "recaptured", at(8, 9))
    assert starts(held) == [("custody.recaptured", at(8, 9), True)]


def test_a_recapture_after_an_acquittal_opens_the_watch_again(held, record, custody, to_trial, at):
    to_trial(held, at(30))
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    custody(held, "escaped", at(10, 20))
    custody(held, "recaptured", at(8, 9))
    assert [s[0] for s in starts(held)] == ["verdict.delivered", "custody.recaptured"]


def test_a_recapture_after_a_new_order_or_in_police_custody_opens_nothing(held, custody, at):
    custody(held, "pretrial_lifted", at(20))
    custody(held, "pretrial_ordered", at(19))  # held on a ground again
    custody(held, "escaped", at(18))
    custody(held, "recaptured", at(17))
    assert [s[0] for s in starts(held)] == ["custody.pretrial_lifted"]
    custody(held, "pretrial_lifted", at(12))
    custody(held, "released", at(12, 15))
    # arrested again (police custody: the arrest is its ground), escaped and recaptured
    custody(held, "arrested", at(6))
    custody(held, "escaped", at(5))
    custody(held, "recaptured", at(4))
    assert [s[0] for s in starts(held)] == ["custody.pretrial_lifted", "custody.pretrial_lifted"]


def test_a_new_order_after_the_recapture_stops_it(held, custody, at):
    custody(held, "pretrial_lifted", at(10))
    custody(held, "escaped", at(9))
    custody(held, "recaptured", at(8))
    custody(held, "pretrial_ordered", at(7))
    row = deadlines_of(held, RULE)[1]
    assert row.start_type == "custody.recaptured"
    assert row.stopped_type == "custody.pretrial_ordered"


# A custody hearing (``custody.hearing_held``) that neither orders detention nor finds
# an order in force (outcome ``released`` or ``alternative_measures`` for a person in
# police custody) ends the ground the arrest gave: the person held after it is watched
# as after a lift. One that orders detention, or that finds an order in force (the
# lift or replacement is its own entry), opens nothing.


@pytest.mark.parametrize("outcome", ["released", "alternative_measures"])
def test_a_custody_hearing_that_orders_no_detention_opens_it(accused_case, custody, at, outcome):
    custody(accused_case, "arrested", at(3, 8))
    heard = at(2, 10)
    custody(accused_case, "hearing_held", heard, outcome=outcome)
    row = watch(accused_case)
    assert row.start_type == "custody.hearing_held"
    assert row.due_at == heard + DAY
    custody(accused_case, "released", at(2, 12))
    assert watch(accused_case).satisfied_type == "custody.released"


def test_a_custody_hearing_that_orders_detention_or_finds_an_order_opens_nothing(held, custody, at):
    custody(held, "hearing_held", at(38), outcome="released")  # under the order of at(39)
    assert deadlines_of(held, RULE) == []
    # released, then arrested again: a hearing that orders detention
    custody(held, "pretrial_lifted", at(20))
    custody(held, "released", at(20, 12))
    custody(held, "arrested", at(5, 8))
    custody(held, "hearing_held", at(4), outcome="pretrial_detention")
    assert [r.start_type for r in deadlines_of(held, RULE)] == ["custody.pretrial_lifted"]


def test_a_recapture_after_a_hearing_that_ordered_no_detention_opens_it_again(
    accused_case, custody, at
):
    custody(accused_case, "arrested", at(3, 8))
    custody(accused_case, "hearing_held", at(2, 10), outcome="released")
    custody(accused_case, "escaped", at(2, 11))
    custody(accused_case, "recaptured", at(1, 9))
    assert [r.start_type for r in deadlines_of(accused_case, RULE)] == [
        "custody.hearing_held",
        "custody.recaptured",
    ]
