"""Which hearing an entry may name, and when. Pure: no database, no Django.

An entry about a hearing already scheduled names it by its id, and finds it where its
latest sitting left it (``court.pages.hearings``):

* ``hearing.held`` and ``hearing.not_held`` close a sitting still *scheduled*: a
  hearing already held was recorded twice, and one not held takes a new date first;
* ``hearing.rescheduled`` sets a new date for a hearing still scheduled or not held: a
  hearing held is over (a new one is scheduled);
* ``hearing.held`` and ``hearing.not_held`` are dated on the hearing's day or later,
  by the court's clock: a hearing is not held, nor found not to be held, days before
  it was to sit. (The hour does not count: a hearing may start early. A hearing called
  off ahead of its day is moved: ``hearing.rescheduled``.)

``refusal`` answers for a new entry, given the hearing's latest sitting. ``refusals``
answers for every entry of a case's history at once, corrections applied, so that a
correction is refused only where it makes an entry break a rule that it did not break
before (entries recorded before these rules existed stay as they are, and can still be
corrected in other respects).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo

from expediente.court.pages.hearings import (
    DATE_SETTING_TYPES,
    HEARING_TYPES,
    HELD,
    NOT_HELD,
    RESCHEDULED,
    HearingEvent,
    latest_versions,
)
from expediente.rules.moments import parse_when

# the statuses of the hearing's latest sitting that each entry may find
OPEN_FOR: dict[str, tuple[str, ...]] = {
    HELD: ("scheduled",),
    NOT_HELD: ("scheduled",),
    RESCHEDULED: ("scheduled", "not_held"),
}
ON_OR_AFTER_ITS_DAY = (HELD, NOT_HELD)

Rule = Literal["unknown", "closed", "early"]


@dataclass(frozen=True)
class Found:
    """A hearing's latest sitting, as an entry about it finds it."""

    status: str  # scheduled, held, not_held (never moved: a move sets a new sitting)
    starts_at: dt.datetime
    closed_by_seq: int | None = None  # the entry that held it or found it not held


@dataclass(frozen=True)
class Refusal:
    rule: Rule  # never scheduled; not open for this entry; dated before its day
    hearing: str
    status: str = ""  # "closed": what the hearing is
    closed_by_seq: int | None = None  # "closed": the entry that made it so
    day: dt.date | None = None  # "early": the hearing's day, on the court's clock
    on: dt.date | None = None  # "early": the entry's day, on the court's clock


def refusal(
    type_name: str, hearing: str, found: Found | None, occurred_at: dt.datetime, tz: ZoneInfo
) -> Refusal | None:
    """Why an entry of ``type_name`` about ``hearing``, dated ``occurred_at``, may not be
    recorded where the hearing's latest sitting is ``found`` (None: never scheduled)."""
    if type_name not in OPEN_FOR:
        return None
    if found is None:
        return Refusal("unknown", hearing)
    if found.status not in OPEN_FOR[type_name]:
        return Refusal("closed", hearing, status=found.status, closed_by_seq=found.closed_by_seq)
    if type_name in ON_OR_AFTER_ITS_DAY:
        day = found.starts_at.astimezone(tz).date()
        on = occurred_at.astimezone(tz).date()
        if day > on:
            return Refusal("early", hearing, day=day, on=on)
    return None


class HearingEntry(HearingEvent, Protocol):
    """A hearing entry with its moment (the rules compare it with the hearing's day)."""

    @property
    def occurred_at(self) -> dt.datetime: ...


@dataclass(frozen=True)
class Entry:
    """An entry not yet recorded (a correction being checked), as ``refusals`` reads it."""

    type: str
    seq: int
    payload: Mapping[str, Any]
    corrects_seq: int | None
    occurred_at: dt.datetime


def refusals(entries: Iterable[HearingEntry], tz: ZoneInfo) -> dict[int, Refusal]:
    """Each entry of the history (by its original's number, corrections applied) that
    breaks a rule where it stands, with why. The walk is the fold of
    ``court.pages.hearings.hearing_sittings``: an entry refused today (recorded before the
    rules) still moves its hearing as it did."""
    latest: dict[str, Found] = {}
    out: dict[int, Refusal] = {}
    for original, version in latest_versions(e for e in entries if e.type in HEARING_TYPES):
        p = version.payload
        hearing = str(p.get("hearing", ""))
        found = latest.get(hearing)
        why = refusal(original.type, hearing, found, version.occurred_at, tz)
        if why is not None:
            out[original.seq] = why
        if original.type in DATE_SETTING_TYPES:
            when = parse_when(p.get("starts_at"))
            if when is not None:
                latest[hearing] = Found("scheduled", when)
        elif found is not None:
            status = "held" if original.type == HELD else "not_held"
            latest[hearing] = Found(status, found.starts_at, original.seq)
    return out


def made_by_correction(
    entries: Sequence[HearingEntry], correction: Entry, tz: ZoneInfo
) -> dict[int, Refusal]:
    """The rules ``correction`` would make entries break that they did not break before
    (by entry number; the corrected entry under its original's number)."""
    before = refusals(entries, tz)
    after = refusals([*entries, correction], tz)
    return {
        seq: why for seq, why in after.items() if seq not in before or before[seq].rule != why.rule
    }
