"""Route: the deadlines a court missed (GET /courts/{code}/deadlines/missed): those that
ended after their time had run out, met late or not met at all (``custody.missed``), the
latest ended first: the court's own, unless ``owed_by`` asks for the prosecution's (or
anyone's), each item saying whose it was. A defence office's system learns that a
detention review came five weeks late, or never came before the person was released; a
statistician's, how often.

Cases go through ``disclosure.disclose_many`` as for the open deadlines
(``api/deadlines.py``): a case the rules hide from the token is left out, each person is
named as the token may see them, and the page's reads are one INSERT in the access log."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from expediente.access.policy import Actor
from expediente.api.cursors import moment_cursor, moment_cursor_read
from expediente.api.deadlines import DeadlineOut, deadline_item, page_views, readable_court
from expediente.api.schemas import PageLimit, QueryIn
from expediente.custody.missed import Cursor, deadlines_missed, missed_due
from expediente.custody.models import Deadline
from expediente.docket import errors
from expediente.rules.written_moments import Moment, described

router = Router(tags=["deadlines"])

DEFAULT_BACK = dt.timedelta(days=90)
AnyStatus = Literal["satisfied", "stopped", "overdue", "due_soon", "pending", "suspended"]


class MissedQuery(QueryIn):
    since: Moment | None = Field(
        default=None,
        description=described(
            "Deadlines that ended from this moment on; 90 days before now when left out."
        ),
    )
    cursor: str | None = Field(
        default=None, max_length=100, description="next_cursor from the previous page"
    )
    owed_by: Literal["court", "prosecution", "person", "any"] = Field(
        default="court",
        description="Whose deadlines: the court's own (the default: what the court "
        "missed), the prosecution's (Costa Rica's CPP art. 238 request for the custody "
        "hearing, which the court supervises), the person's, or `any`.",
    )
    limit: PageLimit = 50


class EndedByOut(Schema):
    type: str = Field(description="The event type of the entry that ended it.")
    seq: int | None = Field(description="Its seq in the case.")


class MissedDeadlineOut(DeadlineOut):
    status: AnyStatus = Field(  # type: ignore[assignment]  # a closed deadline's too
        description="Where the deadline stands now: satisfied (met, late) or stopped "
        "(ended without being met); an extended one runs on (overdue, due_soon, pending)."
    )
    missed_due_at: dt.datetime = Field(
        description="The due moment the court missed (for `extended_late`, the one the "
        "extension came after; `due_at` is then the new one)."
    )
    ended_at: dt.datetime = Field(
        description="When it was met, ended or extended, after `missed_due_at`."
    )
    outcome: Literal["met_late", "not_met", "extended_late"] = Field(
        description="met_late: met after it was due; not_met: ended without being met "
        "(the person released without it, a new count started while it was overdue); "
        "extended_late: its term extended only after it had run out (the person held "
        "past it until then)."
    )
    ended_by: EndedByOut
    late_seconds: int = Field(description="How long after `missed_due_at` it ended.")
    owed_by: Literal["court", "prosecution", "person"] = Field(
        description="Whose act the deadline awaited, as the court's rule pack says "
        "(`owed_by`): the court's own, the prosecution's (the judge may be alerted of it "
        "too, but it is not the court's miss) or the person's."
    )


class MissedPage(Schema):
    items: list[MissedDeadlineOut]
    next_cursor: str | None
    owed_by: Literal["court", "prosecution", "person", "any"] = Field(
        description="Whose deadlines the page lists: the query's `owed_by`, `court` when "
        "it was left out (so a client counting every miss learns it was given the "
        "court's own only)."
    )
    since: dt.datetime = Field(
        description="The moment the list reaches back to: the query's `since`, or 90 days "
        "before the request when it was left out."
    )


@router.get(
    "/courts/{code}/deadlines/missed",
    response=MissedPage,
    summary="Deadlines a court missed: ended after their time had run out",
    description=(
        "The deadlines of the court that ended after their due moment, met late "
        "(`met_late`) or not met at all (`not_met`), the latest ended first; `since` "
        "bounds how far back (90 days when left out). Only the court's own unless "
        "`owed_by` asks for another's (the prosecution's) or `any`; each item says whose "
        "it was (`owed_by`). Open deadlines, overdue or not, are at "
        "`GET /courts/{code}/deadlines`."
    ),
)
def list_missed(request: HttpRequest, code: str, q: Query[MissedQuery]) -> dict[str, Any]:
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    court = readable_court(actor, code)
    now = timezone.now()
    try:  # year 1 at +14:00 has no moment in UTC, where the database compares
        since = q.since.astimezone(dt.UTC) if q.since is not None else now - DEFAULT_BACK
    except OverflowError:
        raise errors.InvalidInput(
            "since is out of range",
            errors=[{"field": "since", "message": "must be a moment after the year 1 in UTC"}],
        ) from None
    if since > now:
        raise errors.InvalidInput(
            "since is in the future",
            errors=[{"field": "since", "message": "must not be after now"}],
        )
    found = deadlines_missed(
        courts=[court],
        since=since,
        now=now,
        actor=actor,
        after=_decode(q.cursor),
        limit=q.limit + 1,
        owed_by=None if q.owed_by == "any" else q.owed_by,
    )
    more = len(found) > q.limit
    rows = [d for d, _court in found[: q.limit]]
    views = page_views(actor, rows)
    return {
        "items": [_missed(d, now, views[d.case_id]) for d in rows if views[d.case_id].visible],
        "next_cursor": _encode(rows[-1]) if more and rows else None,
        "owed_by": q.owed_by,
        "since": since,
    }


def _missed(d: Deadline, now: dt.datetime, view: Any) -> dict[str, Any]:
    assert d.missed_at is not None
    due = missed_due(d)
    lapse = (d.detail or {}).get("lapse")
    if lapse:
        outcome, ended_by = "extended_late", {"type": lapse.get("type"), "seq": lapse.get("seq")}
    elif d.satisfied_at is not None:
        outcome, ended_by = "met_late", {"type": d.satisfied_type, "seq": d.satisfied_seq}
    else:
        outcome, ended_by = "not_met", {"type": d.stopped_type, "seq": d.stopped_seq}
    return {
        **deadline_item(d, now, view),
        "missed_due_at": due,
        "ended_at": d.missed_at,
        "outcome": outcome,
        "ended_by": ended_by,
        "late_seconds": int((d.missed_at - due).total_seconds()),
        "owed_by": d.owed_by,
    }


def _encode(d: Deadline) -> str:
    assert d.missed_at is not None
    return moment_cursor("missed", d.missed_at, d.pk)


def _decode(cursor: str | None) -> Cursor | None:
    return moment_cursor_read(cursor, "missed") if cursor else None
