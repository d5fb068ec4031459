"""Weekly reporting: each check-in meets the current deadline and opens the next, seven
days (as the order says) from the check-in; a week without one is overdue."""

from __future__ import annotations

import datetime as dt

from tests.conftest import NOW


def test_a_check_in_meets_the_week_and_opens_the_next(
    accused_case, impose, comply, at, measure_of, measure_deadlines
):
    impose(accused_case, "periodic_reporting", at(24))  # Friday 6 February
    comply(accused_case, "checked_in", at(17))
    comply(accused_case, "checked_in", at(10))  # Friday 20 February
    deadlines = measure_deadlines(accused_case)
    assert [d.cycle for d in deadlines] == [0, 1, 2]
    assert deadlines[0].satisfied_seq is not None
    assert not deadlines[0].met_late
    assert deadlines[1].satisfied_at is not None
    last = deadlines[2]
    assert last.open
    assert last.start_at.date() == at(10).date()
    assert last.due_on == dt.date(2026, 2, 27)  # seven days on, a Friday
    assert last.status(NOW) == "overdue"  # no check-in since a week ago
    m = measure_of(accused_case)
    assert m.check_ins == 2
    assert m.status == "active"


def test_the_interval_is_the_one_the_court_set(accused_case, impose, at, measure_deadlines):
    impose(accused_case, "periodic_reporting", at(10), interval_days=15)
    (d,) = measure_deadlines(accused_case)
    assert (d.due_on - at(10).date()).days >= 15
    assert d.status(NOW) == "pending"
    assert "15" in d.explain("en")


def test_a_new_interval_counts_from_the_next_check_in(
    accused_case, impose, comply, at, measure_deadlines
):
    impose(accused_case, "periodic_reporting", at(30))
    comply(accused_case, "modified", at(25), interval_days=14, reason="Buen cumplimiento")
    comply(accused_case, "checked_in", at(24))
    last = measure_deadlines(accused_case)[-1]
    assert (last.due_on - at(24).date()).days >= 14
    assert last.due_at > NOW - dt.timedelta(days=11)


def test_a_due_day_off_moves_to_the_next_working_day(
    accused_case, impose, comply, at, measure_deadlines
):
    impose(accused_case, "periodic_reporting", at(15))
    comply(accused_case, "checked_in", at(8))  # Sunday 22 February: due Sunday 1 March
    last = measure_deadlines(accused_case)[-1]
    assert last.due_on == dt.date(2026, 3, 2)  # Monday
    assert last.status(NOW) == "pending"


def test_ending_the_measure_stops_the_clock(accused_case, impose, comply, at, measure_deadlines):
    impose(accused_case, "periodic_reporting", at(20))
    comply(accused_case, "ended", at(5), reason="lifted_by_court")
    deadlines = measure_deadlines(accused_case)
    assert not any(d.open for d in deadlines)
    assert deadlines[-1].stopped_at is not None
