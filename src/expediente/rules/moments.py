"""Moments as entries store them: ISO 8601 text with a UTC offset (a hearing's
``starts_at``). Pure: no database, no Django. The court pages, the portal and the
notification messages read a stored moment the same way here."""

from __future__ import annotations

import datetime as dt
from typing import Any


def parse_when(value: Any) -> dt.datetime | None:
    """A stored moment (ISO 8601 with an offset) as an aware datetime, or None when it
    is missing, not text, not a moment or has no offset."""
    if not isinstance(value, str):
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo is not None else None
