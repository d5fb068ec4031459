"""Route: the docket feed, every entry the token may read across its courts' cases, in
the log's order (GET /feed; ``api/feed.py`` says why that order misses nothing)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.api.auth import lacks_scope
from expediente.api.feed import cursor_decode, cursor_encode, feed_page
from expediente.api.present import json_response
from expediente.api.schemas import EventOut, PageLimit, QueryIn

router = Router(tags=["feed"])


class FeedQuery(QueryIn):
    cursor: str | None = Field(
        default=None,
        max_length=100,
        description="next_cursor from the previous page; none: from the first entry of the log",
    )
    limit: PageLimit = 50


class FeedItemOut(Schema):
    position: int = Field(description="The entry's position in the Merkle log")
    case: str = Field(description="The case's national identifier (nuid)")
    court: str
    event: EventOut


class FeedPageOut(Schema):
    items: list[FeedItemOut]
    next_cursor: str = Field(
        description="Where the next page starts: keep it, and ask again with it (now if "
        "`more`, later otherwise). Always given, even for an empty page."
    )
    more: bool = Field(
        description="The log already holds entries past this page (a page may be short, "
        "even empty, when the entries it looked at were in cases this token does not read)"
    )
    log_size: int = Field(description="Entries in the log when this page was read")


@router.get(
    "/feed",
    response=FeedPageOut,
    summary="Every entry this token may read, across its courts' cases, in the log's order",
    description=(
        "Follow the docket of your courts without asking for each case: start without a "
        "cursor (from the first entry) and ask again with `next_cursor`. No entry is "
        "missed or given twice. An entry appears once the court's worker has taken it "
        "into the Merkle log, within seconds (`EXPEDIENTE_FEED_SECONDS`). Each entry is "
        "shown as `GET /cases/{nuid}/events` shows it to this token; entries of cases it "
        "may not read are passed over, and not given again later: an item whose event is "
        "`case.unsealed` (the case was sealed until then), or an item of a case your "
        "system has not seen before (after your token's courts were widened, say), "
        "means: read this case's events from the start with `GET /cases/{nuid}/events`. "
        "Needs `cases:read`. To be sent the same pages as they fill, register a webhook "
        "(`POST /webhooks`); dedupe its items on (case, event.seq)."
    ),
)
def read_feed(request: HttpRequest, q: Query[FeedQuery]) -> HttpResponse:
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    if not can(actor, Capability.CASE_VIEW):
        raise lacks_scope(Capability.CASE_VIEW)
    page = feed_page(actor=actor, start=cursor_decode(q.cursor), limit=q.limit)
    body: dict[str, Any] = {
        "items": page.items,
        "next_cursor": cursor_encode(page.next_start),
        "more": page.more,
        "log_size": page.log_size,
    }
    return json_response(body)
