"""Small builders for the pure indicator tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from expediente.stats.period import Period

UTC = ZoneInfo("UTC")
YEAR = Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31), UTC)


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=UTC)
