"""Routes: open cases, add participants and charges, append and list events."""

from __future__ import annotations

import re
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router
from ninja.responses import Status
from pydantic import Field

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.api import writes
from expediente.api.auth import lacks_scope
from expediente.api.cursors import cursor_make, cursor_read, cursor_refused
from expediente.api.present import (
    case_body,
    case_out,
    case_view,
    event_out,
    json_response,
    localized,
    sealed_out,
)
from expediente.api.schemas import (
    CaseOpenIn,
    CaseOut,
    ChargeIn,
    CourtOut,
    EventIn,
    EventPage,
    EventTypeOut,
    PageLimit,
    ParticipantIn,
    QueryIn,
    RecordedOut,
    SealedCaseOut,
    refuse_query_parameters,
)
from expediente.docket import errors
from expediente.docket.models import Case
from expediente.docket.selectors import case_get, court_get, court_list, event_page
from expediente.docket.services import Recorded
from expediente.rules.loader import load_pack
from expediente.rules.payloads import payload_json_schema

router = Router(tags=["cases"])
courts_router = Router(tags=["courts"])

IdemKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        default=None,
        description="Retry-safe key: the same key and body return the first result.",
    ),
]


def _actor(request: HttpRequest) -> Actor:
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    return actor


def _need(actor: Actor, capability: Capability) -> None:
    if not can(actor, capability):
        raise lacks_scope(capability)


def _replayed(response: HttpResponse, recorded: Recorded) -> None:
    if not recorded.created:
        response.headers["Idempotent-Replayed"] = "true"


class CursorQuery(QueryIn):
    cursor: str | None = Field(
        default=None, max_length=100, description="next_cursor from the previous page"
    )
    limit: PageLimit = 50


CURSOR = re.compile(r"seq:([1-9][0-9]{0,9})")


def _decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    seq = int(cursor_read(cursor, CURSOR)[1])
    if seq >= 2**31:  # seq is a 32-bit integer
        raise cursor_refused()
    return seq


def _encode_cursor(seq: int) -> str:
    return cursor_make(f"seq:{seq}")


@router.post(
    "/cases",
    response={200: CaseOut | SealedCaseOut, 201: CaseOut | SealedCaseOut},
    summary="Open a case",
)
def open_case(
    request: HttpRequest, response: HttpResponse, body: CaseOpenIn, idempotency_key: IdemKey = None
) -> Status[dict[str, Any]]:
    actor = _actor(request)
    refuse_query_parameters(request)
    _need(actor, Capability.CASE_OPEN)
    recorded = writes.open_case(body, actor, idempotency_key)
    _replayed(response, recorded)
    opened = recorded.event.case
    status = 201 if recorded.created else 200
    if not can(actor, Capability.CASE_VIEW, case=opened):
        # Opened sealed by a token with cases:seal, which may not read sealed cases: it
        # is told the case exists (a 404 here made retries open more hidden cases).
        return Status(status, sealed_out(opened))
    return Status(status, case_out(opened, case_view(opened, actor)))


@router.get("/cases/{nuid}", response=CaseOut, summary="A case with its stage and last events")
def get_case(request: HttpRequest, nuid: str) -> HttpResponse:
    actor = _actor(request)
    refuse_query_parameters(request)
    _need(actor, Capability.CASE_VIEW)
    return json_response(case_body(nuid, actor))


def _case(request: HttpRequest, nuid: str) -> tuple[Actor, Case]:
    """The actor and the case it records in (404 if it may not)."""
    actor = _actor(request)
    refuse_query_parameters(request)
    _need(actor, Capability.EVENT_RECORD)
    return actor, case_get(nuid=nuid, actor=actor, capability=Capability.EVENT_RECORD)


def _answer(response: HttpResponse, recorded: Recorded) -> Status[Any]:
    _replayed(response, recorded)
    body = {
        **event_out(recorded.event),
        "follow_ups": [event_out(e) for e in recorded.follow_ups],
    }
    return Status(201 if recorded.created else 200, body)


@router.post(
    "/cases/{nuid}/participants",
    response={200: RecordedOut, 201: RecordedOut},
    summary="Add a participant (accused, victim, witness, lawyer…)",
)
def add_participant(
    request: HttpRequest,
    response: HttpResponse,
    nuid: str,
    body: ParticipantIn,
    idempotency_key: IdemKey = None,
) -> Status[Any]:
    actor, case = _case(request, nuid)
    return _answer(response, writes.add_participant(case, body, actor, idempotency_key))


@router.post(
    "/cases/{nuid}/charges",
    response={200: RecordedOut, 201: RecordedOut},
    summary="File a charge against an accused",
)
def add_charge(
    request: HttpRequest,
    response: HttpResponse,
    nuid: str,
    body: ChargeIn,
    idempotency_key: IdemKey = None,
) -> Status[Any]:
    actor, case = _case(request, nuid)
    return _answer(response, writes.add_charge(case, body, actor, idempotency_key))


@router.post(
    "/cases/{nuid}/events",
    response={200: RecordedOut, 201: RecordedOut},
    summary="Append an event to a case's docket",
)
def append_event(
    request: HttpRequest,
    response: HttpResponse,
    nuid: str,
    body: EventIn,
    idempotency_key: IdemKey = None,
) -> Status[Any]:
    actor, case = _case(request, nuid)
    return _answer(response, writes.append_event(case, body, actor, idempotency_key))


@router.get("/cases/{nuid}/events", response=EventPage, summary="A case's events, oldest first")
def list_events(request: HttpRequest, nuid: str, q: Query[CursorQuery]) -> HttpResponse:
    actor = _actor(request)
    _need(actor, Capability.CASE_VIEW)
    case = case_get(nuid=nuid, actor=actor)
    view = case_view(case, actor)
    after = _decode_cursor(q.cursor)
    rows = event_page(case=case, after=after, limit=q.limit + 1)
    more = len(rows) > q.limit
    rows = rows[: q.limit]
    return json_response(
        {
            "items": [event_out(e, view) for e in rows],
            "next_cursor": _encode_cursor(rows[-1].seq) if more and rows else None,
        }
    )


@courts_router.get("/courts", response=list[CourtOut], summary="Courts")
def list_courts(request: HttpRequest) -> list[dict[str, Any]]:
    actor = _actor(request)
    refuse_query_parameters(request)
    _need(actor, Capability.COURT_LIST)
    return [
        {
            "code": c.code,
            "name": c.name,
            "jurisdiction": c.jurisdiction.code,
            "timezone": c.timezone,
            "rule_pack": c.rule_pack,
            "procedures": c.hears(load_pack(c.rule_pack).procedures),
        }
        for c in court_list()
        if can(actor, Capability.COURT_LIST, court_code=c.code)
    ]


@courts_router.get(
    "/courts/{code}/event-types",
    response=list[EventTypeOut],
    summary="The event types a court records, with their payload schemas",
)
def list_event_types(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    actor = _actor(request)
    refuse_query_parameters(request)
    _need(actor, Capability.COURT_LIST)
    # An unknown court and one this token may not see get the same answer.
    unknown = errors.NotFound(f"no court {code!r}")
    if not can(actor, Capability.COURT_LIST, court_code=code):
        raise unknown
    try:
        court = court_get(code=code)
    except errors.NotFound as exc:
        raise unknown from exc
    pack = load_pack(court.rule_pack)
    return [
        {
            "type": name,
            "label": localized(et.label),
            "stages": et.stages,
            "procedures": et.procedures,
            "to_stage": et.to_stage,
            "payload_schema": payload_json_schema(pack, name),
        }
        for name, et in sorted(pack.event_types.items())
        if not et.core
    ]
