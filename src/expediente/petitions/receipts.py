"""The receipt a petitioner can quote: which court, which year, which case and which
entry of the case's record, and the first characters of that entry's hash.

The hash prefix ties the receipt to the hash chain: ``expediente verify`` recomputes
every case's chain, so a receipt whose fingerprint matches the recorded entry proves the
petition is on the record as it was filed.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

FINGERPRINT_LENGTH = 12


def receipt_number(
    *, court_code: str, case_number: str, seq: int, filed_at: dt.datetime, tz: str
) -> str:
    """E.g. ``SJ-PENAL-2026-2026-000123-7``: court, year of filing (court's clock), case
    number, entry number."""
    year = filed_at.astimezone(ZoneInfo(tz)).year
    return f"{court_code.upper()}-{year}-{case_number}-{seq}"


def fingerprint(event_hash: str) -> str:
    return event_hash[:FINGERPRINT_LENGTH]
