"""A court's hearings on one day, from the sittings projection (court/models.py).

The day is taken in the court's time zone and read as an index range on
(court, starts_at) of ``Sitting`` rows, which ``court.hearing_projection`` keeps in step
with the hearing events (corrections applied). Dates that were moved elsewhere are
left out; a hearing held or not held stays on its day, saying so. Each case on the page
goes through ``disclose_many``, which keeps those the rules hide from the reader off the
page, names the accused as the reader may see them, and logs the page's reads of
hearings and names in one INSERT. Each accused is marked when in custody (an open
``custody.CustodyPeriod``): someone the prison must bring to the hearing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import cast
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Prefetch, Q

from expediente.access.disclosure import audiences_by_court, disclose_many, name_classes
from expediente.access.policy import Actor
from expediente.court.models import Sitting as SittingRow
from expediente.court.pages.hearings import Sitting, Status
from expediente.court.pages.judges import JudgeMatch
from expediente.court.pages.labels import HearingLine, hearing_line
from expediente.court.pages.visibility import visibility_q
from expediente.custody.models import CustodyPeriod
from expediente.docket.models import Case, Court, Participation, Role


@dataclass(frozen=True)
class Accused:
    name: str  # as the reader may see it (``CaseView.name``)
    in_custody: bool  # an open custody period (``custody.CustodyPeriod``): to be brought


@dataclass(frozen=True)
class CalendarRow:
    case: Case
    hearing: HearingLine
    accused: tuple[Accused, ...] = ()


@dataclass(frozen=True)
class Room:
    court: Court
    name: str  # the courtroom, "" if none was given
    rows: list[CalendarRow]


@dataclass(frozen=True)
class Today:
    """What a calendar of some courts calls today: the day in ``zone``, and whether the
    courts shown keep different clocks (the page then says in which zone it is)."""

    day: dt.date
    zone: ZoneInfo
    zones_differ: bool


def calendar_today(courts: list[Court], now: dt.datetime) -> Today:
    """Today in the time zone of the courts shown: of the one court shown; of several,
    the zone most of them keep (the first court's, by name, on a tie). A calendar of
    one Brazilian court opened at 23:30 in San José (02:30 in São Paulo) shows
    São Paulo's day, not the day of whichever of the reader's courts sorts first."""
    zones = Counter(c.timezone for c in courts)
    # most_common keeps the first seen first among equal counts (courts are by name)
    name = zones.most_common(1)[0][0]
    zone = ZoneInfo(name)
    return Today(now.astimezone(zone).date(), zone, len(zones) > 1)


def zone_label(tz: ZoneInfo, now: dt.datetime) -> str:
    """A time zone as a clerk can place it: "America/Sao_Paulo (UTC−03:00)"."""
    offset = now.astimezone(tz).strftime("%z")
    sign = "+" if offset.startswith("+") else "−"
    return f"{tz.key} (UTC{sign}{offset[1:3]}:{offset[3:]})"


def day_bounds(day: dt.date, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The day in the court's time zone, as a half-open UTC interval."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=tz).astimezone(dt.UTC)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return start, end.astimezone(dt.UTC)


def _sitting(row: SittingRow) -> Sitting:
    return Sitting(
        hearing=row.hearing,
        kind=row.kind,
        starts_at=row.starts_at,
        courtroom=row.courtroom,
        status=cast(Status, row.status),
        set_by_seq=row.set_by_seq,
        closed_by_seq=row.closed_by_seq,
        reason=row.reason,
    )


def day_hearings(
    *, actor: Actor, courts: list[Court], day: dt.date, named_judge: JudgeMatch | None = None
) -> list[Room]:
    """The sittings set for ``day`` (each court's own local day) in ``courts`` (cases the
    actor may see), by court and courtroom, each courtroom in time order, each row with
    the case's accused as the reader may see them and whether each is in custody now.
    Three queries whatever the number of rows (the sittings with their cases, the accused
    with their custody, the access log's one INSERT). ``named_judge`` keeps only the
    cases naming that judge (``court.pages.judges``): a judge's own day."""
    if not courts:
        return []
    when = Q()
    for court in courts:
        start, end = day_bounds(day, ZoneInfo(court.timezone))
        when |= Q(court=court, starts_at__gte=start, starts_at__lt=end)
    held = CustodyPeriod.objects.filter(participation_id=OuterRef("pk"), ended_at__isnull=True)
    accused = (
        Participation.objects.filter(role=Role.ACCUSED)
        .select_related("person")
        .annotate(held=Exists(held))
        .order_by("added_seq")
    )
    rows = (
        SittingRow.objects.filter(when)
        .exclude(status="moved")
        .filter(case__in=Case.objects.filter(visibility_q(actor, courts)))
        .select_related("case__court")
        .prefetch_related(Prefetch("case__participations", accused, to_attr="accused"))
    )
    if named_judge is not None:
        rows = rows.filter(case_id__in=named_judge.case_ids())
    sittings = list(rows)
    cases = list({row.case_id: row.case for row in sittings}.values())
    people = [p for case in cases for p in case.accused]  # type: ignore[attr-defined]
    views = disclose_many(
        audiences_by_court(actor),
        cases,
        channel="web",
        shows=("hearings", *name_classes(people)),
    )
    found: dict[tuple[str, str], list[CalendarRow]] = defaultdict(list)
    order = {c.pk: i for i, c in enumerate(courts)}
    by_key: dict[tuple[str, str], Court] = {}
    for row in sittings:
        view = views[row.case_id]
        if not (view.visible and view.shown.hearings):
            continue
        named = tuple(
            Accused(name, p.held)
            for p in row.case.accused  # type: ignore[attr-defined]
            if (name := view.name(p))
        )
        key = (f"{order[row.court_id]:04d}", row.courtroom)
        by_key[key] = row.case.court
        found[key].append(CalendarRow(row.case, hearing_line(_sitting(row)), named))
    rooms = []
    for key in sorted(found):
        listed = sorted(found[key], key=lambda r: (r.hearing.starts_at, r.case.number))
        rooms.append(Room(by_key[key], key[1], listed))
    return rooms
