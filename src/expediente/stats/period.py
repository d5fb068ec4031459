"""The period an indicator is computed for. Pure Python: no Django.

A period is a run of whole days ``start``…``end`` (both included) on the clock of the
jurisdiction. Flow figures count what happened from the first moment of ``start`` up to,
not including, the first moment of the day after ``end``; stock figures (pending cases,
persons held) are read at that moment: the end of the reference day ``end``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    tz: ZoneInfo

    @property
    def lo(self) -> dt.datetime:
        """The first moment of the period."""
        return dt.datetime.combine(self.start, dt.time(0), tzinfo=self.tz)

    @property
    def hi(self) -> dt.datetime:
        """The first moment after the period: the end of the reference day ``end``."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(0), tzinfo=self.tz)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, moment: dt.datetime | None) -> bool:
        return moment is not None and self.lo <= moment < self.hi
