"""A deadline's duration is in exactly one unit: 24 hours, or 3 months, never both."""

import pytest

from tests.rules.conftest import edit


@pytest.mark.parametrize("duration", ["{hours: 24, days: 1}", "{}", "{months: 3, working_days: 5}"])
def test_a_duration_with_two_units_or_none_is_refused(refused, duration):
    path, stderr = refused(edit("duration: {hours: 24}", f"duration: {duration}"))
    assert stderr.strip() == (
        f"{path}: deadlines[0].duration: "
        "give exactly one of hours, days, working_days, months, years"
    )


@pytest.mark.parametrize("unit", ["hours", "days", "working_days", "months", "years"])
def test_each_unit_alone_is_accepted(write_pack, rules_check, unit):
    result = rules_check(write_pack(edit("duration: {hours: 24}", f"duration: {{{unit}: 2}}")))
    assert result.error is None, result.stderr


def test_a_zero_or_negative_duration_is_refused(refused):
    path, stderr = refused(edit("duration: {hours: 24}", "duration: {hours: 0}"))
    assert stderr.startswith(f"{path}: deadlines[0].duration.hours: ")
    assert "greater than 0" in stderr
