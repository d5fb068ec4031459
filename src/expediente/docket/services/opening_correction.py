"""Correcting a case's opening entry (``case.opened``): what may change, and what not.

A correction of the opening may change when the case was opened (``occurred_at``), the
police report number and the summary. It may not change:

* ``court``, ``number``, ``nuid``: they are the case's identity. The number is printed
  on summonses, portal codes' notices and petition receipts, and the national
  identifier is given by the national counter; a case heard by another court is moved
  by that court's own entries, not by rewriting where it was opened.
* ``procedure``: the stages, the deadlines (a juvenile's shorter limits) and who may see
  the case follow from it, and every entry already recorded was checked against it.
* ``confidentiality``: it changes by a sealing or unsealing order, which the record shows
  as an order of the court (``docket/projection._confidentiality`` already keeps a later
  order over the opening).

A field left out of a correction keeps the opening's value; one sent with another value
is refused, naming the field. These are the project's safety rules, not a law's.

Moving the opening date must keep the record's own date rules true of the entries
already on it (``recording.BEFORE_OPENING``: none more than 30 days before the opening;
dates the pack marks ``after_opening``, a hearing's start, not before the opening day),
as they were checked when each was recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_noop

from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case
from expediente.docket.selectors import latest_versions
from expediente.rules.schema import Pack

OPENED = "case.opened"
FIXED = ("court", "number", "nuid", "procedure", "confidentiality")

_WHY: dict[str, tuple[str, str]] = {
    "court": (
        gettext_noop("the court of a case cannot be corrected: it is part of the case's identity"),
        "is part of the case's identity",
    ),
    "number": (
        gettext_noop(
            "the case number cannot be corrected: it is printed on summonses, notices and receipts"
        ),
        "is part of the case's identity (printed on summonses, notices and receipts)",
    ),
    "nuid": (
        gettext_noop("the national identifier of a case cannot be corrected"),
        "is part of the case's identity (given by the national counter)",
    ),
    "procedure": (
        gettext_noop(
            "the procedure cannot be corrected: the stages, deadlines and who may see the "
            "case follow from it, and the entries already recorded were checked against it"
        ),
        "cannot be corrected: stages, deadlines and disclosure follow from it",
    ),
    "confidentiality": (
        gettext_noop(
            "the confidentiality cannot be corrected here: record a sealing or unsealing order"
        ),
        "cannot be corrected: record a sealing or unsealing order (case.sealed, case.unsealed)",
    ),
}


def restated_opening(original: dict[str, Any], payload: Any) -> Any:
    """The corrected opening's payload: the identity and procedure fields as the opening
    has them (refusing another value), the rest as sent. A payload that is not an object
    is left to the payload's own validation."""
    if not isinstance(payload, dict):
        return payload
    for name in FIXED:
        if name in payload and payload[name] != original.get(name):
            text, english = _WHY[name]
            raise InvalidInput.of(f"payload.{name}", Words(text, {}), f"payload.{name} {english}")
    return {**payload, **{name: original[name] for name in FIXED if name in original}}


# An entry more than this before the opening is refused as a mistyped year (a guard on
# typing, not law; ``recording._check_not_before_opening``).
BEFORE_OPENING = dt.timedelta(days=30)


def check_opening_moment(case: Case, pack: Pack, opened: dt.datetime) -> None:
    """Refuse an opening date that would put an entry already on the record more than
    ``BEFORE_OPENING`` before it, or a date the pack marks ``after_opening`` before its
    day (each entry as last corrected). One query, only for such a correction."""
    if opened <= case.opened_at:
        return  # an earlier opening keeps every rule the entries kept
    day = opened.astimezone(ZoneInfo(case.court.timezone)).date()
    entries, _origin = latest_versions(case, None)
    for origin, entry in entries.items():
        if entry.type == OPENED:
            continue
        if entry.at < opened - BEFORE_OPENING:
            _too_late(origin, day, f"entry {origin} happened more than 30 days before it")
        event_type = pack.event_types.get(entry.type)
        for name, spec in event_type.fields.items() if event_type is not None else ():
            if spec.after_opening and _before(entry.payload.get(name), spec.type, opened, day):
                _too_late(origin, day, f"entry {origin} has {name} before it")


def _before(value: Any, kind: str, opened: dt.datetime, day: dt.date) -> bool:
    """Whether a payload's date or moment lies before the opening (as
    ``recording._check_payload_after_opening`` reads it)."""
    if not isinstance(value, str):
        return False
    try:
        if kind == "datetime":
            return dt.datetime.fromisoformat(value) < opened
        return dt.date.fromisoformat(value) < day
    except (ValueError, TypeError):
        return False


def _too_late(seq: int, day: dt.date, english: str) -> NoReturn:
    raise InvalidInput.of(
        "occurred_at",
        Words(
            gettext_noop(
                "the case cannot have been opened on %(day)s: entry %(seq)s, already on the "
                "record, would then be dated too early (more than 30 days before the "
                "opening, or a hearing before it); correct that entry first"
            ),
            {"day": day, "seq": seq},
        ),
        f"occurred_at: the case cannot have been opened on {day.isoformat()}: {english}",
    )
