"""The access log for pages that show many cases at once (search result lists, court
calendars): one multi-row INSERT for the whole page, not one per row.

It writes the same ``AccessRecord`` rows as ``access_log.access_record`` does for a single
read (who, as what, the reader's court, channel, time, classes of data), so "who viewed my
case" and the court's access log read both alike. ``disclosure.disclose_many`` calls it in
the same call that decides what each row may show, so no list can show protected data
without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from expediente.access.access_log import AccessRecord, reader_columns

if TYPE_CHECKING:
    from expediente.access.disclosure import Audience


@dataclass(frozen=True)
class ListRead:
    """One case of a page shown to one reader: ``court_code`` is the case's court."""

    case_id: int
    court_code: str
    audience: Audience
    classes: list[str]


def _record(read: ListRead, channel: str, at: dt.datetime) -> AccessRecord:
    return AccessRecord(
        case_id=read.case_id,
        at=at,
        **reader_columns(read.audience, read.court_code),
        channel=channel,
        classes=read.classes,
    )


def access_records_write(reads: Sequence[ListRead], *, channel: str) -> list[AccessRecord]:
    """Write a line for each read of a page, all at the same time, in one INSERT (none
    for an empty page)."""
    if not reads:
        return []
    at = timezone.now()
    return AccessRecord.objects.bulk_create([_record(r, channel, at) for r in reads])
