"""The "What the court missed" page: the deadlines of the staff member's courts that
ended after running out in the last 30, 90 or 365 days (``custody.missed``), the latest
ended first: met late, not met at all (the person released without the review, an
overdue review's count restarted by the accused's request), or extended only after it had
run out (``rules.deadlines.Lapse``). Each line (``court/missed/lines.py``) says who, which
deadline and its law, when it was due, when and how it ended, and how late. Thin: parse,
ask ``custody.missed``, name each person as the disclosure rules let the reader see them
(``court.due.reads``: one access-log INSERT for the page), render."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from expediente.court.access import staff_required
from expediente.court.due.reads import page_views, seen_by
from expediente.court.missed.lines import missed_line
from expediente.court.pages.visibility import courts_for
from expediente.custody.missed import Cursor, deadlines_missed

PAGE_SIZE = 50
PERIODS = (30, 90, 365)  # days back the page may look
DEFAULT_DAYS = 90


@staff_required
def missed_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = courts_for(actor)
    days, refused = _days(request.GET.get("days"))
    after = _after(request.GET.get("after", ""))
    now = timezone.now()
    since = now - dt.timedelta(days=days)
    found = deadlines_missed(
        courts=courts, since=since, now=now, actor=actor, after=after, limit=PAGE_SIZE + 1
    )
    more = len(found) > PAGE_SIZE
    found = found[:PAGE_SIZE]
    views = page_views(actor, [(d.case, d.participation) for d, _c in found])
    lines = [
        missed_line(d, court, name)
        for d, court in found
        if (name := seen_by(views, d.case, d.participation)) is not None
    ]
    last = found[-1][0] if more and found else None
    next_after = f"{last.missed_at.isoformat()}~{last.pk}" if last and last.missed_at else None
    context = {
        "courts": courts,
        "lines": lines,
        "days": days,
        "periods": PERIODS,
        "refused": refused,
        "next_after": next_after,
        "paged": after is not None,
    }
    return render(request, "court/missed/missed_list.html", context)


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
