"""A moment as a client writes it: an entry's ``occurred_at``, a payload's ``datetime``
field, a monitoring device's event. Pure: pydantic only.

The rule (docs/api.md, "Dates and times"): a date and a time of day with its UTC offset
or ``Z``, as RFC 3339 writes them (``2026-03-14T09:30:00-06:00``). A time without an
offset is refused, never guessed: taken as UTC, a prosecution office's local 10:00 in
San José would be 04:00 there, and every deadline counted from it six hours off; taken
as the court's time, it would be right only for a client on the court's clock (a token
may write to courts on several), and a local time in a zone with summer time names one
hour twice a year. A number (seconds since 1970), a bare date, a word ("now") or a zone
name are refused too, and so is an offset no clock keeps (beyond −12:00 … +14:00: a
typing slip that moves the moment by a day), and a day or a time the calendar does not
have (2026-02-30, 24:00), said as such: pydantic's "Input should be a valid datetime or
date, day value is outside expected range" told a client that had sent a date and a time.

The same type reads the API's bodies, the lines of ``expediente import`` and, through
the pack's payload models, every entry recorded; a ``datetime`` from Python (the court's
forms, the demo) must carry its offset too.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

EXAMPLE = "2026-03-14T09:30:00-06:00"
_DATE_TIME = r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?"
_OFFSET = r"(?:[Zz]|[+-][0-9]{2}:?[0-9]{2})"
PATTERN = f"^{_DATE_TIME}{_OFFSET}$"
_WITH_OFFSET = re.compile(PATTERN)
_WITHOUT_OFFSET = re.compile(f"^{_DATE_TIME}$")
# the offsets clocks keep: Baker Island's −12:00 to Kiribati's Line Islands' +14:00
EARLIEST_OFFSET, LATEST_OFFSET = dt.timedelta(hours=-12), dt.timedelta(hours=14)

MOMENT_RULE = f"must be a date and time with its UTC offset, e.g. {EXAMPLE} (Z for UTC)"
# written in the right form, but naming no moment: 2026-02-30, 24:00, an offset of 75 minutes
NOT_REAL = (
    "is not a real date and time: %(fault)s; write one that exists, YYYY-MM-DDTHH:MM:SS "
    f"with its UTC offset, e.g. {EXAMPLE} (Z for UTC)"
)
NO_OFFSET = (
    f"is a time without its UTC offset: add it, e.g. {EXAMPLE}, or Z for UTC "
    "(a time without one is not taken as UTC, nor as the court's time)"
)
DESCRIPTION = (
    f"A date and time with its UTC offset, or Z for UTC (RFC 3339), e.g. {EXAMPLE}; "
    "kept as the instant it names and answered in UTC. Refused (422): a time without an "
    "offset (it is not taken as UTC, nor as the court's time), a bare date, a number "
    "(Unix time), a word such as 'now', a zone name, an offset outside -12:00 to +14:00, "
    "a day or a time that does not exist (2026-02-30, 24:00)."
)


_PARTS = re.compile(
    r"(?P<day>(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-[0-9]{2})[Tt ]"
    r"(?P<time>(?P<h>[0-9]{2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2}))?)[^Zz+-]*"
    r"(?P<offset>[Zz]|(?P<sign>[+-])(?P<oh>[0-9]{2}):?(?P<om>[0-9]{2}))$"
)


def unreal_day(day: str) -> str | None:
    """What is wrong with a day written YYYY-MM-DD that the calendar does not have
    (2026-02-30, 2026-13-01, 0000-01-01), for a person to correct; None for a real day."""
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        pass
    else:
        return None
    year, month = int(day[:4]), int(day[5:7])
    if year == 0:
        why = "no year 0000"
    elif not 1 <= month <= 12:
        why = f"no month {day[5:7]}"
    else:
        why = f"{day[:7]} has {calendar.monthrange(year, month)[1]} days"
    return f"there is no day {day} ({why})"


def _not_real(value: str) -> str | None:
    """What is wrong with a moment written in the right form that names no moment."""
    parts = _PARTS.match(value)
    if parts is None:  # pragma: no cover - the form was checked first
        return None
    fault = unreal_day(parts["day"])
    if fault is not None:
        return fault
    if int(parts["h"]) > 23 or int(parts["mi"]) > 59 or int(parts["s"] or 0) > 59:
        return f"there is no time {parts['time']} (a day runs from 00:00:00 to 23:59:59)"
    return None


def _written_out(value: Any) -> Any:
    if isinstance(value, dt.datetime):  # from Python: its offset is checked once read
        return value
    if isinstance(value, str):
        if _WITH_OFFSET.fullmatch(value):
            fault = _not_real(value)
            if fault is not None:
                raise ValueError(NOT_REAL % {"fault": fault})
            parts = _PARTS.match(value)
            if parts is not None and parts["sign"] is not None:
                hours, minutes = int(parts["oh"]), int(parts["om"])
                if hours > 23 or minutes > 59:  # pydantic reads none: say it as ``_on_a_clock``
                    raise ValueError(_far_offset(parts["offset"]))
            return value
        if _WITHOUT_OFFSET.fullmatch(value):
            raise ValueError(NO_OFFSET)
    raise ValueError(MOMENT_RULE)


def _hhmm(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _on_a_clock(value: dt.datetime) -> dt.datetime:
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(NO_OFFSET)
    if not EARLIEST_OFFSET <= offset <= LATEST_OFFSET:
        raise ValueError(_far_offset(_hhmm(offset)))
    return value


def _far_offset(written: str) -> str:
    return f"has the UTC offset {written}, which no clock keeps: offsets run from -12:00 to +14:00"


Moment = Annotated[
    dt.datetime,
    BeforeValidator(_written_out),
    AfterValidator(_on_a_clock),
    Field(description=DESCRIPTION, examples=[EXAMPLE], json_schema_extra={"pattern": PATTERN}),
]


def described(what: str) -> str:
    """A moment field's description: what it is, then the rule (``DESCRIPTION``)."""
    return f"{what} {DESCRIPTION}"
