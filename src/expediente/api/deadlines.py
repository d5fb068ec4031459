"""Route: a court's open deadlines, most urgent first (GET /courts/{code}/deadlines).

The page's cases go through ``disclosure.disclose_many`` as the token's audience: a case
the rules hide from it is left out, each person is named as the rules let the token see
them (a protected person by pseudonym), and each case shown is a line in the access log
(channel ``api``), all written in one INSERT for the page."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from ninja import Query, Router, Schema
from pydantic import Field

from expediente.access.capabilities import Capability
from expediente.access.disclosure import (
    CaseView,
    audiences_by_court,
    disclose_many,
    name_classes,
)
from expediente.access.policy import Actor, can
from expediente.api.auth import lacks_scope
from expediente.api.cursors import moment_cursor, moment_cursor_read
from expediente.api.present import localized
from expediente.api.schemas import PageLimit, QueryIn
from expediente.custody.models import Deadline
from expediente.custody.selectors import deadline_list_due
from expediente.docket import errors
from expediente.docket.models import Court
from expediente.docket.selectors import court_get

router = Router(tags=["deadlines"])


class DeadlineQuery(QueryIn):
    status: Literal["overdue", "due_soon", "pending"] | None = Field(
        default=None,
        description="overdue (past its due moment), due_soon (due within 7 days, 30 for a "
        "legal maximum: rules.deadlines.DUE_SOON_WITHIN), "
        "pending (not yet); every open deadline when omitted",
    )
    cursor: str | None = Field(
        default=None, max_length=100, description="next_cursor from the previous page"
    )
    limit: PageLimit = 50


class LawOut(Schema):
    text: str
    article: str
    flag: str = Field(description="V checked; P partly checked (to confirm)")


class HeldPersonOut(Schema):
    """Whom a deadline is about. (Its own name: the OpenAPI document keeps one schema per
    class name, and ``schemas.PersonOut``, a case's participant's person, is another.)"""

    participant: str
    name: str


class DeadlineOut(Schema):
    key: str = Field(description="Stable id of this deadline (rule, person, starting event).")
    rule: str
    label: str | None
    law: LawOut
    effect: Literal["alert", "legal_consequence"]
    case: str = Field(description="National identifier of the case.")
    person: HeldPersonOut
    status: Literal["overdue", "due_soon", "pending"]
    start: dt.datetime
    due_at: dt.datetime = Field(description="From this moment on the deadline is overdue.")
    due_on: dt.date = Field(description="The last day in time, in the court's time zone.")
    alert_roles: list[str]
    computed_from: list[int] = Field(description="Seqs of the case's events it counts from.")
    explanation: str


class DeadlinePage(Schema):
    items: list[DeadlineOut]
    next_cursor: str | None


def _actor(request: HttpRequest) -> Actor:
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    return actor


@router.get(
    "/courts/{code}/deadlines",
    response=DeadlinePage,
    summary="A court's open deadlines, most urgent first",
)
def list_deadlines(request: HttpRequest, code: str, q: Query[DeadlineQuery]) -> dict[str, Any]:
    actor = _actor(request)
    court = readable_court(actor, code)
    now = timezone.now()
    rows = deadline_list_due(
        court=court,
        until=None,
        now=now,
        actor=actor,
        status=q.status,
        after=_decode(q.cursor),
        limit=q.limit + 1,
    )
    more = len(rows) > q.limit
    rows = rows[: q.limit]
    views = page_views(actor, rows)
    return {
        "items": [
            deadline_item(d, now, views[d.case_id]) for d in rows if views[d.case_id].visible
        ],
        "next_cursor": _encode(rows[-1]) if more and rows else None,
    }


def readable_court(actor: Actor, code: str, capability: Capability = Capability.CASE_VIEW) -> Court:
    """The court a route of one court asks about (its deadlines, event types, offences):
    403 naming the scope when the token lacks ``capability``; an unknown court and one
    the token may not see get the same 404."""
    if not can(actor, capability):
        raise lacks_scope(capability)
    unknown = errors.NotFound(f"no court {code!r}")
    if not can(actor, capability, court_code=code):
        raise unknown
    try:
        return court_get(code=code)
    except errors.NotFound as exc:
        raise unknown from exc


def page_views(actor: Actor, rows: list[Deadline]) -> dict[int, CaseView]:
    """Each case of the page as the token may see it (one INSERT in the access log)."""
    cases = list({d.case_id: d.case for d in rows}.values())
    shows = name_classes(d.participation for d in rows)
    return disclose_many(audiences_by_court(actor), cases, channel="api", shows=shows, narrow=True)


def deadline_item(d: Deadline, now: dt.datetime, view: CaseView) -> dict[str, Any]:
    """One item; ``view``: the case as the token sees it (the person named through it)."""
    p = d.participation
    name = view.name(p)
    return {
        "key": d.key,
        "rule": d.rule_id,
        "label": localized(d.label),
        "law": d.law,
        "effect": d.effect,
        "case": d.case.nuid,
        "person": {"participant": p.uid, "name": name},
        "status": d.status(now),
        "start": d.start_at,
        "due_at": d.due_at,
        "due_on": d.due_on,
        "alert_roles": d.alert_roles,
        "computed_from": d.fact_seqs,
        "explanation": d.explain(_lang()),
    }


def _lang() -> str:
    return (get_language() or "es")[:2]


def _encode(d: Deadline) -> str:
    return moment_cursor("due", d.due_at, d.pk)


def _decode(cursor: str | None) -> tuple[dt.datetime, int] | None:
    return moment_cursor_read(cursor, "due") if cursor else None
