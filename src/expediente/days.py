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

FIRST_DAY = dt.date(1950, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)


def in_bounds(day: dt.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY
