"""Calendar counting: a deadline ending on a non-working day stays there, unless the rule
says ``roll: next_working_day``. (The Costa Rican pack does not roll.)"""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.rules.deadlines import Fact
from tests.rules.deadlines.helpers import cr_at, make_rule, only, run

# 5 September 2026 + 10 days = Tuesday 15 September, Costa Rica's Independence Day.
ARREST = Fact(1, "custody.arrested", cr_at(2026, 9, 5, 10))


def test_by_default_a_deadline_on_a_holiday_stays_on_the_holiday():
    d = only(run(make_rule(duration={"days": 10}), ARREST))
    assert d.due_on == dt.date(2026, 9, 15)
    assert d.rolled_from is None


def test_with_roll_it_moves_to_the_next_working_day():
    d = only(run(make_rule(duration={"days": 10}, roll="next_working_day"), ARREST))
    assert d.due_on == dt.date(2026, 9, 16)
    assert d.rolled_from == dt.date(2026, 9, 15)
    assert "moved from 15 September 2026, not a working day" in d.explain("en")
    assert "trasladado desde el 15 de septiembre de 2026, día inhábil" in d.explain("es")


def test_a_weekend_rolls_to_monday():
    d = only(run(make_rule(duration={"days": 7}, roll="next_working_day"), ARREST))  # Sat 12
    assert d.due_on == dt.date(2026, 9, 14)


@pytest.mark.parametrize("counting", ["continuous", "working"])
def test_roll_is_only_for_calendar_counting(counting):
    with pytest.raises(ValueError, match="roll is only for counting: calendar"):
        make_rule(duration={"days": 3}, counting=counting, roll="next_working_day")
