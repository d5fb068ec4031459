"""Court calendars and the arithmetic deadlines are counted with. Pure Python, no Django.

These are counting conventions. No pack states them. A pack that needs a different rule
must say so:

- Days are the court's local days, in the pack's ``timezone``.
- The day of the event does not count: n days after 3 March end on (3 + n) March.
  Months and years run *de fecha a fecha*, to the same-numbered day, or to the last
  day of the month when that month has no such day: 31 January + 1 month is 28
  February (29 in a leap year); 30 November + 3 months is 28 (or 29) February. This is
  the rule of the Spanish Código Civil art. 5.1, which many Latin American civil codes
  share. We use it here as a convention; it has not been checked against each pack's law.
- A term counted in days runs until the end of its last day, local midnight, as in the
  former Argentine Código Civil (Ley 340) arts. 24 and 27. An act done on the last day
  is in time.
- A working day is any day that is not a weekend day of the country, not one of its
  public holidays, and not a court closure listed in the pack. Weekends and holidays
  come from the ``holidays`` package for the pack's country code. When the pack names no
  country, the weekend is Saturday and Sunday.
- Hours are exact lengths of time: 24 hours after 23:30 is 23:30 the next day, or
  22:30 or 00:30 on a night the clocks change.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from expediente.rules.schema import Duration

if TYPE_CHECKING:
    from expediente.rules.schema import Pack

_SEARCH_LIMIT = 3660  # days; no real calendar has ten years without a working day


@functools.cache
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


@functools.cache
def _weekend(country: str | None) -> frozenset[int]:
    if country is None:
        return frozenset({5, 6})  # Saturday, Sunday
    return frozenset(_country(country, 2000).weekend)


@functools.cache
def _public_holidays(country: str, year: int) -> frozenset[dt.date]:
    return frozenset(_country(country, year))


def _country(country: str, year: int) -> holidays.HolidayBase:
    try:
        return holidays.country_holidays(country, years=year)
    except NotImplementedError as exc:
        raise ValueError(f"{country!r} is not a country code of the holidays package") from exc


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` (negative goes back), de fecha a fecha, clamped to the end
    of a shorter month: add_months(31 Jan 2027, 1) is 28 Feb 2027."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _gregorian.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class CourtCalendar:
    """A court's clock and working days: its time zone, country and closures."""

    timezone: str = "UTC"
    country: str | None = None
    closures: frozenset[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        _zone(self.timezone)
        _weekend(self.country)  # refuses an unknown country now, not at the first count

    @property
    def tz(self) -> ZoneInfo:
        return _zone(self.timezone)

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.tz)

    def local_date(self, moment: dt.datetime) -> dt.date:
        return self.local(moment).date()

    def day_end(self, day: dt.date) -> dt.datetime:
        """The first instant after ``day``: local midnight, or the first instant the next
        day has when the clocks skip midnight."""
        return self.at_time(day + dt.timedelta(days=1), dt.time(0))

    def at_time(self, day: dt.date, time: dt.time, fold: int = 0) -> dt.datetime:
        """``time`` on ``day`` in the court's zone. A time the clocks skip maps to the
        instant just after the change."""
        naive = dt.datetime.combine(day, time).replace(tzinfo=self.tz, fold=fold)
        return naive.astimezone(dt.UTC).astimezone(self.tz)

    def at_same_time(self, day: dt.date, like: dt.datetime) -> dt.datetime:
        """``day`` at the local time of day of ``like``."""
        local = self.local(like)
        return self.at_time(day, local.time(), local.fold)

    def is_working_day(self, day: dt.date) -> bool:
        if day.weekday() in _weekend(self.country) or day in self.closures:
            return False
        return self.country is None or day not in _public_holidays(self.country, day.year)

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when the court works that day, else the first working day after."""
        for offset in range(_SEARCH_LIMIT):
            candidate = day + dt.timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within {_SEARCH_LIMIT} days of {day}")

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (before it when n < 0). ``day`` is not counted."""
        step = dt.timedelta(days=1 if n >= 0 else -1)
        left, current = abs(n), day
        for _ in range(_SEARCH_LIMIT * max(1, left)):
            if left == 0:
                return current
            current += step
            left -= self.is_working_day(current)
        raise ValueError(f"cannot count {n} working days from {day}")

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days lie in [start, end)."""
        days = (end - start).days
        return sum(self.is_working_day(start + dt.timedelta(days=i)) for i in range(days))


def calendar_for(pack: Pack) -> CourtCalendar:
    """The calendar a pack describes: its time zone, holiday country and court closures."""
    return CourtCalendar(
        timezone=pack.timezone,
        country=pack.calendar.holidays,
        closures=frozenset(pack.calendar.court_closures),
    )


def shift_day(
    cal: CourtCalendar, day: dt.date, duration: Duration, *, working: bool, sign: int = 1
) -> dt.date:
    """``day`` moved by ``duration`` (back when sign is -1), on the local calendar.

    Working days count only working days. So do days when ``working`` is set. Months and
    years run de fecha a fecha. A share of a penalty must be turned into months first."""
    unit, n = duration.unit, duration.amount * sign
    if unit == "working_days" or (unit == "days" and working):
        return cal.add_working_days(day, n)
    if unit == "days":
        return day + dt.timedelta(days=n)
    if unit in ("months", "years"):
        return add_months(day, n if unit == "months" else 12 * n)
    raise ValueError(f"a duration in {unit} cannot be counted in days")


def shift_moment(
    cal: CourtCalendar, moment: dt.datetime, duration: Duration, *, sign: int = 1
) -> dt.datetime:
    """``moment`` moved by ``duration`` with continuous counting.

    Hours and days are exact lengths of time: a day is 24 hours. Working days, months
    and years land at the same local time of day on the day counted."""
    if duration.unit in ("hours", "days"):
        hours = duration.amount * (24 if duration.unit == "days" else 1)
        return cal.local(moment.astimezone(dt.UTC) + sign * dt.timedelta(hours=hours))
    day = shift_day(cal, cal.local_date(moment), duration, working=False, sign=sign)
    return cal.at_same_time(day, moment)


def moment_before(cal: CourtCalendar, moment: dt.datetime, before: Duration) -> dt.datetime:
    """The moment an alert given ``before`` a deadline due at ``moment`` falls due.

    Hours are exact. Days, working days and months are counted back on the local
    calendar to the same local time. So "7 days before" a term whose last day is 28
    February falls at midnight starting 22 February."""
    if before.unit == "hours":
        return shift_moment(cal, moment, before, sign=-1)
    day = shift_day(cal, cal.local_date(moment), before, working=False, sign=-1)
    return cal.at_same_time(day, moment)
