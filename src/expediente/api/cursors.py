"""Page cursors: opaque to clients (URL-safe base64 of a short text such as ``seq:41``),
checked against the pattern of the route that gave them out, refused by name otherwise."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re

from expediente.docket import errors


def cursor_make(text: str) -> str:
    """The cursor a client is given for ``text`` (ASCII)."""
    return base64.urlsafe_b64encode(text.encode("ascii")).decode("ascii").rstrip("=")


def cursor_read(cursor: str, pattern: re.Pattern[str]) -> re.Match[str]:
    """What ``cursor`` says, matched whole against ``pattern``; anything that is not a
    cursor of that shape is refused (422) naming the ``cursor`` field."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (ValueError, binascii.Error):  # UnicodeDecodeError is a ValueError
        raw = ""
    found = pattern.fullmatch(raw)
    if found is None:
        raise cursor_refused()
    return found


def cursor_refused() -> errors.InvalidInput:
    return errors.InvalidInput(
        "cursor is not one this API gave out",
        errors=[{"field": "cursor", "message": "use next_cursor from the previous page"}],
    )


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# a moment and a row's id, as the deadline lists page: "<prefix>:<µs since 1970>:<id>"
MOMENT_AND_ID = r"(\d{1,17}):([1-9][0-9]{0,18})"


def moment_cursor(prefix: str, moment: dt.datetime, pk: int) -> str:
    """The cursor of a list ordered by a moment, then the row's id."""
    micros = (moment - EPOCH) // dt.timedelta(microseconds=1)
    return cursor_make(f"{prefix}:{micros}:{pk}")


def moment_cursor_read(cursor: str, prefix: str) -> tuple[dt.datetime, int]:
    """The (moment, id) of a ``moment_cursor``; anything else refused naming ``cursor``."""
    found = cursor_read(cursor, re.compile(re.escape(prefix) + ":" + MOMENT_AND_ID))
    if int(found[2]) > 2**63 - 1:
        raise cursor_refused()
    try:
        return EPOCH + dt.timedelta(microseconds=int(found[1])), int(found[2])
    except OverflowError as exc:
        raise cursor_refused() from exc
