"""In a Brazilian court, a reassessment that ends an adolescent's internment (ECA art.
121 §2, ``custody.internment_reassessed`` with outcome ``ended``) while the custody
record still holds them opens ``br.eca.release_on_internment_end``: the court's 24-hour
target for the release (a service target, flagged policy, not a legal limit), met by
the release or the measure's end. A reassessment that maintains or progresses the
measure opens nothing, and neither does an ending for an adolescent not held."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.custody.conftest import deadlines_of
from tests.custody.test_brazilian_deadlines_come_from_the_record import (  # noqa: F401
    TEEN,
    br_court,
    open_br,
    sp,
)

RULE = "br.eca.release_on_internment_end"


@pytest.fixture
def interned(br_court, clerk, record):  # noqa: F811
    case = open_br(br_court, clerk, record, "juvenile", TEEN)
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=sp(500))
    record(case, "trial.committed", {}, occurred_at=sp(499))
    verdict = {"accused": "P1", "outcome": "convicted", "custodial": True}
    record(case, "verdict.delivered", verdict, occurred_at=sp(400))
    record(case, "custody.sentence_started", {"person": "P1"}, occurred_at=sp(399))
    return case


def reassessed(record, case, outcome, when):
    record(
        case,
        "custody.internment_reassessed",
        {"person": "P1", "outcome": outcome},
        occurred_at=when,
    )


def test_an_ending_while_held_is_due_a_day_later_as_the_courts_target(interned, record):
    reassessed(record, interned, "ended", sp(10, 14))
    [row] = deadlines_of(interned, RULE)
    assert row.open
    assert row.due_at == sp(9, 14)
    assert row.law["flag"] == "policy"
    assert row.law["article"] == "121 §2"
    assert {"judge", "guardian", "accused"} <= set(row.alert_roles)
    assert row.status(sp(9, 15)) == "overdue"
    assert "the court's service target, not a legal time limit" in row.explain("en")


ENDS = {"custody.released": "order_of_court", "custody.sentence_ended": "other"}


@pytest.mark.parametrize("end", list(ENDS))
def test_the_release_or_the_measures_end_meets_it(interned, record, end):
    reassessed(record, interned, "ended", sp(10, 14))
    record(interned, end, {"person": "P1", "reason": ENDS[end]}, occurred_at=sp(10, 18))
    [row] = deadlines_of(interned, RULE)
    assert not row.open
    assert row.satisfied_type == end
    assert row.missed_at is None  # within the day


def test_a_release_two_days_later_is_met_late(interned, record):
    reassessed(record, interned, "ended", sp(10, 14))
    record(
        interned,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        occurred_at=sp(8, 9),
    )
    [row] = deadlines_of(interned, RULE)
    assert not row.open
    assert row.missed_at is not None


@pytest.mark.parametrize("outcome", ["maintained", "progressed"])
def test_a_reassessment_that_does_not_end_it_opens_nothing(interned, record, outcome):
    reassessed(record, interned, outcome, sp(10, 14))
    assert deadlines_of(interned, RULE) == []


def test_an_ending_for_an_adolescent_already_released_opens_nothing(interned, record):
    record(
        interned,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        occurred_at=sp(20),
    )
    reassessed(record, interned, "ended", sp(10, 14))
    assert deadlines_of(interned, RULE) == []


def test_an_adult_case_never_has_it(br_court, clerk, record):  # noqa: F811
    case = open_br(br_court, clerk, record, "adult", TEEN)
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=sp(2, 22, 30))
    assert deadlines_of(case, RULE) == []
    assert dt.timedelta(hours=24) == sp(9, 14) - sp(10, 14)  # Brasília keeps no DST now


def test_an_ending_meets_the_reassessment_and_calls_for_no_next_one(interned, record):
    reassessed(record, interned, "maintained", sp(200, 11))
    reassessed(record, interned, "ended", sp(10, 14))
    terms = deadlines_of(interned, "br.eca.internment_reassessment")
    assert [t.open for t in terms] == [False, False]  # the first term, the second: both met
    assert terms[-1].satisfied_at == sp(10, 14)


def test_a_maintained_reassessment_still_counts_the_next_term(interned, record):
    reassessed(record, interned, "maintained", sp(10, 14))
    terms = deadlines_of(interned, "br.eca.internment_reassessment")
    assert [t.open for t in terms] == [False, True]
