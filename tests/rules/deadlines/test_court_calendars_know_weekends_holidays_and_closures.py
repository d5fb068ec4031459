"""A court calendar: the pack's time zone, its country's weekend and public holidays (the
``holidays`` package) and the court closures the pack lists."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.rules.calendars import CourtCalendar, calendar_for
from expediente.rules.loader import load_pack
from tests.rules.deadlines.helpers import CR, UTC_CAL


def test_costa_rica_works_on_weekdays_that_are_not_holidays():
    assert CR.is_working_day(dt.date(2026, 9, 14))  # Monday
    assert not CR.is_working_day(dt.date(2026, 9, 15))  # Independence Day
    assert not CR.is_working_day(dt.date(2026, 9, 19))  # Saturday
    assert not CR.is_working_day(dt.date(2026, 4, 3))  # Good Friday


def test_a_court_closure_is_not_a_working_day():
    closed = CourtCalendar("America/Costa_Rica", "CR", frozenset({dt.date(2026, 9, 14)}))
    assert not closed.is_working_day(dt.date(2026, 9, 14))
    assert closed.next_working_day(dt.date(2026, 9, 14)) == dt.date(2026, 9, 16)


def test_without_a_country_only_saturday_and_sunday_are_off():
    assert UTC_CAL.is_working_day(dt.date(2026, 12, 25))
    assert not UTC_CAL.is_working_day(dt.date(2026, 12, 26))


def test_working_days_are_counted_after_the_day_given_and_back():
    assert CR.add_working_days(dt.date(2026, 9, 11), 1) == dt.date(2026, 9, 14)
    assert CR.add_working_days(dt.date(2026, 9, 16), -1) == dt.date(2026, 9, 14)
    assert CR.add_working_days(dt.date(2026, 9, 12), 0) == dt.date(2026, 9, 12)
    assert CR.working_days_between(dt.date(2026, 9, 14), dt.date(2026, 9, 21)) == 4


def test_the_end_of_a_day_is_local_midnight_even_when_the_clocks_skip_it():
    assert CR.day_end(dt.date(2027, 2, 28)).isoformat() == "2027-03-01T00:00:00-06:00"
    santiago = CourtCalendar("America/Santiago", "CL")
    # 6 September 2026 starts at 01:00 in Santiago: the clocks skip midnight.
    assert santiago.day_end(dt.date(2026, 9, 5)).isoformat() == "2026-09-06T01:00:00-03:00"


def test_the_calendar_of_a_pack():
    cal = calendar_for(load_pack("cr"))
    assert (cal.timezone, cal.country, cal.closures) == ("America/Costa_Rica", "CR", frozenset())
    assert calendar_for(load_pack("intl")) == CourtCalendar("UTC", None)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"timezone": "America/Nowhere"}, "unknown time zone 'America/Nowhere'"),
        ({"country": "XX"}, "'XX' is not a country code of the holidays package"),
    ],
)
def test_an_unknown_time_zone_or_country_is_refused(fields, message):
    with pytest.raises(ValueError, match=message):
        CourtCalendar(**fields)
