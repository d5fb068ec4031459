"""A court's hearings on one day, from the sittings projection (court/models.py).

The day is taken in the court's time zone and read as an index range on
(court, starts_at) of ``Sitting`` rows, which ``court.hearing_projection`` keeps in step
with the hearing events (corrections applied). Dates that were moved elsewhere are
left out; a hearing held or not held stays on its day, saying so. Each case on the page
goes through ``disclose_many``, which keeps those the rules hide from the reader off the
page and logs the page's reads of hearings in one INSERT.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import cast
from zoneinfo import ZoneInfo

from expediente.access.disclosure import audiences_by_court, disclose_many
from expediente.access.policy import Actor
from expediente.court.models import Sitting as SittingRow
from expediente.court.pages.hearings import Sitting, Status
from expediente.court.pages.labels import HearingLine, hearing_line
from expediente.court.pages.visibility import visibility_q
from expediente.docket.models import Case, Court, Participation, Role


@dataclass(frozen=True)
class CalendarRow:
    case: Case
    hearing: HearingLine


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
    *, actor: Actor, court: Court, day: dt.date, named_judge: str = ""
) -> dict[str, list[CalendarRow]]:
    """The sittings set for ``day`` in ``court`` (cases the actor may see), by courtroom,
    each courtroom in time order. One query, and one INSERT in the access log.
    ``named_judge`` (a folded name) keeps only the cases naming that judge: a judge's own
    day."""
    start, end = day_bounds(day, ZoneInfo(court.timezone))
    rows = (
        SittingRow.objects.filter(court=court, starts_at__gte=start, starts_at__lt=end)
        .exclude(status="moved")
        .filter(case__in=Case.objects.filter(visibility_q(actor, [court])))
        .select_related("case__court")
    )
    if named_judge:
        judges = Participation.objects.filter(role=Role.JUDGE, person__search_name=named_judge)
        rows = rows.filter(case_id__in=judges.values("case_id"))
    sittings = list(rows)
    cases = list({row.case_id: row.case for row in sittings}.values())
    views = disclose_many(audiences_by_court(actor), cases, channel="web", shows=("hearings",))
    rooms: dict[str, list[CalendarRow]] = defaultdict(list)
    for row in sittings:
        view = views[row.case_id]
        if view.visible and view.shown.hearings:
            rooms[row.courtroom].append(CalendarRow(row.case, hearing_line(_sitting(row))))
    for found in rooms.values():
        found.sort(key=lambda r: (r.hearing.starts_at, r.case.number))
    return dict(sorted(rooms.items()))
