"""Page cursors: opaque to clients (URL-safe base64 of a short text such as ``seq:41``),
checked against the pattern of the route that gave them out, refused by name otherwise."""

from __future__ import annotations

import base64
import binascii
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
