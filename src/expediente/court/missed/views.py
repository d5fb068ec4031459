"""The "What the court missed" page: the deadlines of the staff member's courts that
ended after running out in the last 30, 90 or 365 days (``custody.missed``), the latest
ended first: met late, not met at all (the person released without the review, an
overdue review's count restarted by the accused's request), or extended only after it had
run out (``rules.deadlines.Lapse``). The court's own first; below them, apart, those the
prosecution owed (``Deadline.owed_by``: Costa Rica's CPP art. 238 request for the custody
hearing), which the court supervises but did not miss; each list pages on by itself
(``owed`` and ``after`` in the "Earlier ones" link). Each line (``court/missed/lines.py``)
says who, which deadline and its law, when it was due, when and how it ended, and how
late. Thin: parse, ask ``custody.missed``, name each person as the disclosure rules let
the reader see them (``court.due.reads``: one access-log INSERT for the page), render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from expediente.access.disclosure import CaseView
from expediente.court.access import staff_required
from expediente.court.due.reads import page_views, seen_by
from expediente.court.missed.lines import OTHERS_HEADINGS, MissedLine, missed_line
from expediente.court.pages.visibility import courts_for
from expediente.custody.missed import Cursor, deadlines_missed
from expediente.custody.models import Deadline, OwedBy
from expediente.docket.models import Court

PAGE_SIZE = 50
PERIODS = (30, 90, 365)  # days back the page may look
DEFAULT_DAYS = 90


@dataclass(frozen=True)
class Section:
    """One list of the page: the deadlines one party owed (``OwedBy``) that ended late."""

    owed_by: str
    heading: str  # "" for the court's own: the page's heading is theirs
    lines: list[MissedLine]
    next_after: str | None  # the "Earlier ones" link's cursor, when there are more


# the court's own, then the prosecution's (``lines.OTHERS_HEADINGS``): not a person's
LISTED = (OwedBy.COURT, *OTHERS_HEADINGS)


@staff_required
def missed_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = courts_for(actor)
    days, refused = _days(request.GET.get("days"))
    after = _after(request.GET.get("after", ""))
    # an "Earlier ones" link pages one list on: the court's (by default) or another's
    owed = request.GET.get("owed", "")
    paging = owed if owed in LISTED else OwedBy.COURT
    now = timezone.now()
    since = now - dt.timedelta(days=days)
    wanted = [paging] if after is not None else list(LISTED)
    found = {
        owed_by: deadlines_missed(
            courts=courts,
            since=since,
            now=now,
            actor=actor,
            after=after,
            limit=PAGE_SIZE + 1,
            owed_by=owed_by,
        )
        for owed_by in wanted
    }
    shown = [row for rows in found.values() for row in rows[:PAGE_SIZE]]
    views = page_views(actor, [(d.case, d.participation) for d, _c in shown])
    sections = [
        _section(owed_by, rows, views)
        for owed_by, rows in found.items()
        if rows or owed_by == paging  # the list asked for, even empty, says so
    ]
    context = {
        "courts": courts,
        "sections": sections,
        "days": days,
        "periods": PERIODS,
        "refused": refused,
        "paged": after is not None,
    }
    return render(request, "court/missed/missed_list.html", context)


def _section(
    owed_by: str, found: list[tuple[Deadline, Court]], views: dict[int, CaseView]
) -> Section:
    rows = found[:PAGE_SIZE]
    lines = [
        missed_line(d, court, name)
        for d, court in rows
        if (name := seen_by(views, d.case, d.participation)) is not None
    ]
    last = rows[-1][0] if len(found) > PAGE_SIZE and rows else None
    next_after = f"{last.missed_at.isoformat()}~{last.pk}" if last and last.missed_at else None
    return Section(owed_by, str(OTHERS_HEADINGS.get(OwedBy(owed_by), "")), lines, next_after)


def _days(given: str | None) -> tuple[int, str]:
    """The period asked for, and the refusal to show when it is not one of ``PERIODS``."""
    if given is None or given == "":
        return DEFAULT_DAYS, ""
    if given in {str(p) for p in PERIODS}:  # not isdigit(): "²" is a digit, not a number
        return int(given), ""
    return DEFAULT_DAYS, _("days: choose %(choices)s; the last %(default)s days are shown.") % {
        "choices": ", ".join(str(p) for p in PERIODS),
        "default": DEFAULT_DAYS,
    }


def _after(text: str) -> Cursor | None:
    """The (missed_at, id) of the last line of the previous page, as the "more" link
    gives it; None (the first page) for anything else."""
    moment, _sep, pk = text.partition("~")
    try:
        at = dt.datetime.fromisoformat(moment)
        number = int(pk)
        if at.tzinfo is None:
            return None
        at = at.astimezone(dt.UTC)  # year 1 at +14:00 has no UTC moment
    except (ValueError, OverflowError):
        return None
    if not 0 < number < 2**63:
        return None
    return at, number
