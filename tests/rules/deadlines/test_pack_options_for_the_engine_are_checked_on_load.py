"""The pack options the engine reads are checked when a pack loads: units that fit the
counting, roll, suspensions, stops, penalty shares, holidays and court closures."""

from __future__ import annotations

import pytest

from tests.rules.conftest import edit

DEADLINE = "    counting: continuous\n"
TOP = "procedures: [adult, juvenile]\nroles:"


def _with(extra: str) -> str:
    return edit(DEADLINE, DEADLINE + extra)


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            "counting: continuous",
            "counting: calendar",
            "deadlines[0]",
            "duration: a duration in hours runs continuously; add counting: continuous",
        ),
        (
            "duration: {hours: 24}\n    counting: continuous",
            "duration: {days: 2}\n    counting: calendar\n    also_ends_at: {hours: 2}",
            "deadlines[0]",
            "also_ends_at: a duration in hours runs continuously",
        ),
        (
            "counting: continuous",
            "counting: continuous\n    roll: next_working_day",
            "deadlines[0]",
            "roll is only for counting: calendar",
        ),
        (
            "counting: continuous",
            "counting: continuous\n    suspended_by: [note.added]",
            "deadlines[0]",
            "suspended_by and resumed_by go together",
        ),
        (
            "before: [{hours: 6}]",
            "before: [{penalty: possible}]",
            "deadlines[0]",
            "alert.before: an alert comes a length of time before, not a penalty",
        ),
        (
            "duration: {hours: 24}",
            "duration: {hours: 24, penalty: imposed}",
            "deadlines[0].duration",
            "give a share of the penalty or a time unit, not both",
        ),
        (
            "duration: {hours: 24}",
            "duration: {hours: 24, fraction: 0.5}",
            "deadlines[0].duration",
            "'fraction' is only for a share of the penalty",
        ),
        (
            "duration: {hours: 24}",
            "duration: {penalty: likely}",
            "deadlines[0].duration.penalty",
            "Input should be 'possible', 'possible_min', 'possible_max' or 'imposed'",
        ),
        (
            "counting: continuous",
            "counting: continuous\n    roll: sometimes",
            "deadlines[0].roll",
            "Input should be 'none' or 'next_working_day'",
        ),
    ],
)
def test_a_deadline_option_that_does_not_fit_is_refused(refused, old, new, where, message):
    path, stderr = refused(edit(old, new))
    assert stderr.startswith(f"{path}: {where}: "), stderr
    assert message in stderr


@pytest.mark.parametrize("field", ["suspended_by", "resumed_by", "stops_at"])
def test_the_event_types_of_suspensions_and_stops_must_exist(refused, field):
    extra = {
        "suspended_by": "    suspended_by: [custody.arested]\n    resumed_by: [note.added]\n",
        "resumed_by": "    suspended_by: [note.added]\n    resumed_by: [custody.arested]\n",
        "stops_at": "    stops_at: [custody.arested]\n",
    }[field]
    path, stderr = refused(_with(extra))
    assert f"{path}: deadlines[0].{field}[0]: unknown event type 'custody.arested'" in stderr


def test_a_penalty_share_and_every_new_option_are_accepted(write_pack, rules_check):
    extra = (
        "    also_ends_at: {penalty: possible_max, fraction: 0.5}\n"
        "    suspended_by: [note.added]\n    resumed_by: [trial.committed]\n"
        "    stops_at: [guardian.heard]\n"
    )
    result = rules_check(write_pack(_with(extra)))
    assert result.error is None, result.stderr


def test_an_unknown_holiday_country_is_refused(refused):
    path, stderr = refused(edit(TOP, "calendar: {holidays: XX}\n" + TOP))
    assert stderr.startswith(f"{path}: calendar.holidays: ")
    assert "'XX' is not a country code of the holidays package" in stderr


def test_court_closures_are_dates(refused, write_pack, rules_check):
    closures = "calendar: {holidays: CR, court_closures: [2026-12-24, '2026-12-31']}\n"
    good = edit(TOP, closures + TOP)
    assert rules_check(write_pack(good)).error is None
    path, stderr = refused(edit(TOP, "calendar: {court_closures: [christmas]}\n" + TOP))
    assert stderr.startswith(f"{path}: calendar.court_closures[0]: ")
