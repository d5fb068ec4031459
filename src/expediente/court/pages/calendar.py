"""A court's hearings on one day, found in the event log.

There is no hearing table yet, so the day's hearings are read from the events that set a
hearing's date (``hearing.scheduled``, ``hearing.rescheduled``) whose ``starts_at`` falls
in the day. ``starts_at`` is stored as ISO 8601 text in UTC ("2026-03-14T15:30:00Z"),
so a text range on ``payload->>'starts_at'`` finds them; it is widened by the largest
UTC offset so that any stored offset is caught, and the exact day is decided after
parsing. Without an index on that expression this reads every date-setting event of the
court's cases; a hearing projection (one row per sitting: case, hearing, starts_at,
courtroom, status, indexed on (court, starts_at)) maintained by ``event_record`` is the
better fix, and would also serve "next hearing" for whole lists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import CharField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from expediente.access.policy import Actor
from expediente.court.pages.hearings import (
    DATE_SETTING_TYPES,
    HEARING_TYPES,
    Sitting,
    hearing_sittings,
)
from expediente.court.pages.labels import HearingLine, hearing_line
from expediente.court.pages.visibility import visibility_q
from expediente.docket.models import Case, Court, Event

WIDEST_OFFSET = dt.timedelta(hours=14)  # UTC+14 (Kiribati); no offset is larger


@dataclass(frozen=True)
class CalendarRow:
    case: Case
    hearing: HearingLine


def day_bounds(day: dt.date, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The day in the court's time zone, as a half-open UTC interval."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=tz).astimezone(dt.UTC)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return start, end.astimezone(dt.UTC)


def _text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def day_hearings(*, actor: Actor, court: Court, day: dt.date) -> dict[str, list[CalendarRow]]:
    """The sittings set for ``day`` in ``court`` (cases the actor may see), by courtroom,
    each courtroom in time order. Two queries: the hearing events, the cases."""
    start, end = day_bounds(day, ZoneInfo(court.timezone))
    candidates = (
        Event.objects.filter(
            case__in=Case.objects.filter(visibility_q(actor, [court])),
            type__in=DATE_SETTING_TYPES,
        )
        # compared as text (a JSON key lookup would compare JSON values)
        .annotate(starts_at=Cast(KT("payload__starts_at"), CharField()))
        .filter(
            starts_at__gte=_text(start - WIDEST_OFFSET), starts_at__lt=_text(end + WIDEST_OFFSET)
        )
        .values("case_id")
    )
    events = (
        Event.objects.filter(case_id__in=candidates, type__in=HEARING_TYPES)
        .only("case_id", "seq", "type", "payload", "corrects_seq")
        .order_by("case_id", "seq")
    )
    by_case: dict[int, list[Event]] = defaultdict(list)
    for e in events:
        by_case[e.case_id].append(e)
    found: list[tuple[int, Sitting]] = [
        (case_id, s)
        for case_id, evs in by_case.items()
        for s in hearing_sittings(evs)
        if s.status != "moved" and start <= s.starts_at < end
    ]
    cases = Case.objects.select_related("court").in_bulk({case_id for case_id, _ in found})
    rooms: dict[str, list[CalendarRow]] = defaultdict(list)
    for case_id, s in found:
        rooms[s.courtroom].append(CalendarRow(cases[case_id], hearing_line(s)))
    for rows in rooms.values():
        rows.sort(key=lambda r: (r.hearing.starts_at, r.case.number))
    return dict(sorted(rooms.items()))
