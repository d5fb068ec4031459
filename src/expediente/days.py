"""The days a page or form may be asked about.

Python's dates end at 0001-01-01 and 9999-12-31, and a day at either end cannot be
turned into the instant it starts in a court's time zone, nor have a day added to it:
asked for, it was a 500. Nothing in a docket lies outside these bounds: the docket
records nothing that happened before 1950 (``check_occurred_at`` in
``docket/services/common.py`` reads ``FIRST_DAY``), and no court sets a hearing or a
code's expiry two centuries ahead.
"""

from __future__ import annotations

import datetime as dt
import re

FIRST_DAY = dt.date(1950, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)


def in_bounds(day: dt.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def no_such_day(text: object) -> bool:
    """Typed as year-month-day but not a day of the calendar (2026-02-30, 2026-13-01):
    the format is right, the day does not exist, and saying "write it as year-month-day"
    would be wrong."""
    if not isinstance(text, str) or not _ISO_DAY.fullmatch(text.strip()):
        return False
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        return True
    return False
