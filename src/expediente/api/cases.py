"""Routes: open cases, add participants and charges, append and list events."""

from __future__ import annotations

import re
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_noop
from ninja import Header, Query, Router
from pydantic import Field

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.api import writes
from expediente.api.auth import lacks_scope
from expediente.api.cursors import cursor_make, cursor_read, cursor_refused
from expediente.api.deadlines import readable_court
from expediente.api.present import (
    case_body,
    case_out,
    case_view,
    event_out,
    json_response,
    localized,
    recorded_out,
    sealed_out,
)
from expediente.api.problems import HeaderRefused, english
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
from expediente.docket.core_payloads import CORE_PAYLOADS
from expediente.docket.models import Case
from expediente.docket.selectors import case_get, court_list, event_page
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
        description="Retry-safe key: the same key and body return the first result. One "
        "key, sent once, without a comma (a header sent twice reaches the server as one "
        "value with a comma: refused, 400).",
    ),
]


def one_key(key: str | None) -> str | None:
    """The request's one ``Idempotency-Key``. HTTP servers hand a header sent twice to the
    application as one value, the two joined by a comma (gunicorn, Django's ``runserver``
    and its ASGI handler alike): ``a1`` and ``a2`` arrived as the key ``a1,a2``, and a
    retry under ``a1`` recorded the entry twice. A key with a comma is refused, 400,
    before anything is read or written."""
    if key is not None and "," in key:
        raise HeaderRefused(
            english(
                gettext_noop(
                    "Idempotency-Key must be one key, sent once and without a comma: "
                    "a header sent twice arrives as its values joined by commas"
                )
            ),
            errors=[
                {
                    "field": "Idempotency-Key",
                    "message": english(gettext_noop("one key, sent once, without a comma")),
                }
            ],
        )
    return key


def _location(description: str) -> dict[str, Any]:
    """The OpenAPI note of a 201's ``Location`` header."""
    header = {"description": description, "schema": {"type": "string", "format": "uri-reference"}}
    return {"responses": {201: {"headers": {"Location": header}}}}


ENTRY_LOCATION = _location(
    "The entry in the case's events: GET it for a page whose items are this entry and its "
    "follow_ups, as the events list gives them."
)


def _actor(request: HttpRequest) -> Actor:
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    return actor


def _need(actor: Actor, capability: Capability) -> None:
    if not can(actor, capability):
        raise lacks_scope(capability)


def _answer(body: dict[str, Any], recorded: Recorded, location: str) -> HttpResponse:
    """A write's answer: 201 with ``Location`` when it recorded, 200 with
    ``Idempotent-Replayed`` when a retry found what its key recorded. Sent as it is, as
    the reads are (``json_response``): through the response schema ninja wrote its
    timestamps in milliseconds, and a client could not recompute the entry's hash."""
    if recorded.created:
        response = json_response(body, 201)
        response["Location"] = location
    else:
        response = json_response(body, 200)
        response["Idempotent-Replayed"] = "true"
    return response


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
    openapi_extra=_location("The case's URL (GET /api/v1/cases/{nuid})."),
)
def open_case(
    request: HttpRequest, body: CaseOpenIn, idempotency_key: IdemKey = None
) -> HttpResponse:
    key = one_key(idempotency_key)
    actor = _actor(request)
    refuse_query_parameters(request)
    _need(actor, Capability.CASE_OPEN)
    recorded = writes.open_case(body, actor, key)
    opened = recorded.event.case
    location = reverse("api-v1:get_case", kwargs={"nuid": opened.nuid})
    if not can(actor, Capability.CASE_VIEW, case=opened):
        # Opened sealed by a token with cases:seal, which may not read sealed cases: it
        # is told the case exists (a 404 here made retries open more hidden cases).
        return _answer(sealed_out(opened), recorded, location)
    return _answer(case_out(opened, case_view(opened, actor)), recorded, location)


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


def _recorded(case: Case, recorded: Recorded) -> HttpResponse:
    """The answer to a write that recorded an entry (``present.recorded_out``); its
    ``Location`` is the events list from that entry, one page of the entry and its
    follow-ups (there is no route for one entry)."""
    event = recorded.event
    entries = 1 + len(recorded.follow_ups)
    query = f"limit={entries}"
    if event.seq > 1:
        query = f"cursor={_encode_cursor(event.seq - 1)}&{query}"
    events = reverse("api-v1:list_events", kwargs={"nuid": case.nuid})
    return _answer(recorded_out(recorded), recorded, f"{events}?{query}")


@router.post(
    "/cases/{nuid}/participants",
    response={200: RecordedOut, 201: RecordedOut},
    summary="Add a participant (accused, victim, witness, lawyer…)",
    openapi_extra=ENTRY_LOCATION,
)
def add_participant(
    request: HttpRequest,
    nuid: str,
    body: ParticipantIn,
    idempotency_key: IdemKey = None,
) -> HttpResponse:
    key = one_key(idempotency_key)
    actor, case = _case(request, nuid)
    return _recorded(case, writes.add_participant(case, body, actor, key))


@router.post(
    "/cases/{nuid}/charges",
    response={200: RecordedOut, 201: RecordedOut},
    summary="File a charge against an accused",
    openapi_extra=ENTRY_LOCATION,
)
def add_charge(
    request: HttpRequest,
    nuid: str,
    body: ChargeIn,
    idempotency_key: IdemKey = None,
) -> HttpResponse:
    key = one_key(idempotency_key)
    actor, case = _case(request, nuid)
    return _recorded(case, writes.add_charge(case, body, actor, key))


@router.post(
    "/cases/{nuid}/events",
    response={200: RecordedOut, 201: RecordedOut},
    summary="Append an event to a case's docket",
    openapi_extra=ENTRY_LOCATION,
)
def append_event(
    request: HttpRequest,
    nuid: str,
    body: EventIn,
    idempotency_key: IdemKey = None,
) -> HttpResponse:
    key = one_key(idempotency_key)
    actor, case = _case(request, nuid)
    return _recorded(case, writes.append_event(case, body, actor, key))


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


# The docket's own types that POST /cases/{nuid}/events records as new entries, and the
# route that records the same entry with the payload's fields at the top level of its
# body. ``case.opened`` is not one: POST /cases records it, /events only corrects it.
CORE_AT_EVENTS = {
    "participant.added": "/api/v1/cases/{nuid}/participants",
    "charge.filed": "/api/v1/cases/{nuid}/charges",
}


def _core_schema(name: str) -> dict[str, Any]:
    """The payload schema /events holds a core type's payload to (``CORE_PAYLOADS``,
    ``docket.services.common.validate_core``), saying the other route that records it."""
    schema = CORE_PAYLOADS[name].model_json_schema()
    schema["description"] = (
        f"Recorded by POST /api/v1/cases/{{nuid}}/events with this payload, or by POST "
        f"{CORE_AT_EVENTS[name]} with these fields at the top level of the body (and "
        "occurred_at)."
    )
    return schema


@courts_router.get(
    "/courts/{code}/event-types",
    response=list[EventTypeOut],
    summary="The event types a court records, with their payload schemas",
    description="Every type POST /cases/{nuid}/events records as a new entry: the rule "
    "pack's, and participant.added and charge.filed, which /participants and /charges "
    "record too (their payload schema's description says so). case.opened is recorded by "
    "POST /cases, and /events only corrects it.",
)
def list_event_types(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    actor = _actor(request)
    refuse_query_parameters(request)
    court = readable_court(actor, code, Capability.COURT_LIST)
    pack = load_pack(court.rule_pack)
    return [
        {
            "type": name,
            "label": localized(et.label),
            "stages": et.stages,
            "procedures": et.procedures,
            "to_stage": et.to_stage,
            "payload_schema": _core_schema(name) if et.core else payload_json_schema(pack, name),
        }
        for name, et in sorted(pack.event_types.items())
        if not et.core or name in CORE_AT_EVENTS
    ]
