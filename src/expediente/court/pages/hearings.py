"""A case's hearings, folded from its events. Pure: no database, no Django.

A hearing (payload ``hearing``: its id within the case) is scheduled once and may be
rescheduled; each date it was set for is a *sitting*. ``hearing.held`` and
``hearing.not_held`` close the current sitting; ``hearing.rescheduled`` moves a sitting
still pending to a new date (the old one becomes ``moved``) or, after a sitting that was
not held, sets the next one. A correction (``corrects_seq``) restates the event it
corrects: its payload is used in the original's place, so the fold reads as if the
mistake had never been made, while the timeline still shows both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol, TypeVar

from expediente.rules.moments import parse_when

SCHEDULED = "hearing.scheduled"
RESCHEDULED = "hearing.rescheduled"
HELD = "hearing.held"
NOT_HELD = "hearing.not_held"
HEARING_TYPES = (SCHEDULED, RESCHEDULED, HELD, NOT_HELD)
DATE_SETTING_TYPES = (SCHEDULED, RESCHEDULED)

Status = Literal["scheduled", "held", "not_held", "moved"]


class HearingEvent(Protocol):
    @property
    def type(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def payload(self) -> Mapping[str, Any]: ...
    @property
    def corrects_seq(self) -> int | None: ...


E = TypeVar("E", bound=HearingEvent)


@dataclass(frozen=True)
class Sitting:
    """One date a hearing was set for, and what became of it."""

    hearing: str
    kind: str
    starts_at: dt.datetime
    courtroom: str
    status: Status
    set_by_seq: int  # the event that set this date
    closed_by_seq: int | None = None  # held / not held / moved by this event
    reason: str = ""  # why it was not held, or why it was moved


def latest_versions(events: Iterable[E]) -> list[tuple[E, E]]:
    """The events that are not corrections, in order, each with its latest version (the
    last correction that restates it, or itself)."""
    ordered = sorted(events, key=lambda e: e.seq)
    root: dict[int, int] = {}  # a correction of a correction restates the first original
    restated: dict[int, E] = {}
    for e in ordered:
        if e.corrects_seq is None:
            root[e.seq] = e.seq
        else:
            root[e.seq] = root.get(e.corrects_seq, e.corrects_seq)
            restated[root[e.seq]] = e
    return [(e, restated.get(e.seq, e)) for e in ordered if e.corrects_seq is None]


def hearing_sittings(events: Iterable[HearingEvent]) -> list[Sitting]:
    """Every sitting of every hearing of one case, in the order they were set."""
    sittings: list[Sitting] = []
    current: dict[str, int] = {}  # hearing id -> index of its latest sitting
    effective = latest_versions(e for e in events if e.type in HEARING_TYPES)
    for event, p in ((event, latest.payload) for event, latest in effective):
        hid = str(p.get("hearing", ""))
        at = current.get(hid)
        latest = sittings[at] if at is not None else None
        if event.type in DATE_SETTING_TYPES:
            when = parse_when(p.get("starts_at"))
            if when is None:
                continue
            if latest is not None and latest.status == "scheduled":
                assert at is not None
                sittings[at] = replace(
                    latest, status="moved", closed_by_seq=event.seq, reason=p.get("reason", "")
                )
            kind = p.get("kind") or (latest.kind if latest else "")
            courtroom = p.get("courtroom") or (latest.courtroom if latest else "")
            sittings.append(Sitting(hid, str(kind), when, str(courtroom), "scheduled", event.seq))
            current[hid] = len(sittings) - 1
        elif latest is not None and at is not None:
            status: Status = "held" if event.type == HELD else "not_held"
            reason = "" if event.type == HELD else str(p.get("reason", ""))
            sittings[at] = replace(latest, status=status, closed_by_seq=event.seq, reason=reason)
    return sittings


def hearing_states(events: Iterable[HearingEvent]) -> dict[str, Sitting]:
    """Each hearing's latest sitting: where it stands now."""
    states: dict[str, Sitting] = {}
    for s in hearing_sittings(events):
        if s.status != "moved":
            states[s.hearing] = s
    return states


def next_sitting(sittings: Iterable[Sitting], now: dt.datetime) -> Sitting | None:
    """The earliest sitting still to come."""
    ahead = [s for s in sittings if s.status == "scheduled" and s.starts_at >= now]
    return min(ahead, key=lambda s: s.starts_at, default=None)


def awaiting_outcome(sittings: Iterable[Sitting], now: dt.datetime) -> list[Sitting]:
    """Sittings whose time has passed with neither 'held' nor 'not held' recorded."""
    return sorted(
        (s for s in sittings if s.status == "scheduled" and s.starts_at < now),
        key=lambda s: s.starts_at,
    )
