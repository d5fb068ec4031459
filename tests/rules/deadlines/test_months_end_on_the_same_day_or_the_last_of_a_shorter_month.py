"""Months and years run de fecha a fecha: to the same-numbered day, or to the last day
of the month when it is shorter (31 January + 1 month = 28 or 29 February).
This is a convention, as in the Spanish Código Civil art. 5.1 (see rules/calendars.py)."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.calendars import add_months
from expediente.rules.deadlines import Fact
from tests.rules.deadlines.helpers import CR, PROPERTY, cr_at, make_rule, only, run

DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@PROPERTY
@given(day=DAYS, n=st.integers(-600, 600))
def test_adding_months_lands_in_the_right_month_on_the_right_day(day, n):
    result = add_months(day, n)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == n
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)
    if result.day != day.day:  # only ever clamped to the last day of a shorter month
        assert result.day == last < day.day


@PROPERTY
@given(day=DAYS, n=st.integers(0, 600))
def test_a_day_that_exists_in_every_month_is_kept(day, n):
    if day.day <= 28:
        assert add_months(day, n).day == day.day


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),  # leap year
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2027, 11, 30), 3, dt.date(2028, 2, 29)),
        (dt.date(2026, 8, 31), 1, dt.date(2026, 9, 30)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),  # across a year
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28)),  # a year from 29 February
        (dt.date(2027, 3, 31), -1, dt.date(2027, 2, 28)),  # back, for alerts
    ],
)
def test_hand_computed_months(start, months, end):
    assert add_months(start, months) == end


@PROPERTY
@given(
    day=st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2032, 12, 31)),
    n=st.integers(1, 36),
)
def test_a_deadline_in_months_is_due_at_the_end_of_that_day(day, n):
    rule = make_rule(duration={"months": n})
    d = only(run(rule, Fact(1, "custody.arrested", cr_at(day.year, day.month, day.day, 10))))
    assert d.due_on == add_months(day, n)
    assert d.due_at == CR.day_end(d.due_on)


def test_years_are_twelve_months():
    rule = make_rule(duration={"years": 1})
    d = only(run(rule, Fact(1, "custody.arrested", cr_at(2028, 2, 29, 10))))
    assert d.due_on == dt.date(2029, 2, 28)
