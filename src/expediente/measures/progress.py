"""Expected against actual for a measure with a total to reach by a date (hours of
community service, a fine paid in instalments). Pure Python: no Django.

The expected amount on a day grows in a straight line from nothing on the first day to
the whole on the last day, rounded down (a person is never "behind" by a fraction). A
person is behind when what they have done is less than what is expected by the day.
"""

from __future__ import annotations

import datetime as dt


def expected_by(total: int, *, start: dt.date, end: dt.date, day: dt.date) -> int:
    """How much of ``total`` should be done by the end of ``day``, pro rata from
    ``start`` to ``end`` (both included)."""
    if total < 0:
        raise ValueError(f"total: {total} is negative")
    if end < start:
        raise ValueError(f"end: {end} is before the start, {start}")
    if day < start:
        return 0
    if day >= end:
        return total
    days = (end - start).days + 1
    elapsed = (day - start).days + 1
    return total * elapsed // days


def behind_by(done: int, total: int, *, start: dt.date, end: dt.date, day: dt.date) -> int:
    """How far ``done`` falls short of what is expected by ``day`` (0 when on track)."""
    return max(0, expected_by(total, start=start, end=end, day=day) - done)
