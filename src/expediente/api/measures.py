"""Route: a monitoring provider posts batches of device events
(POST /courts/{code}/measures/device-events), with a token of scope ``measures:device``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Header, Router, Schema
from pydantic import Field

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.api.auth import lacks_scope
from expediente.api.schemas import In, refuse_query_parameters
from expediente.docket import errors
from expediente.docket.core_payloads import NoNul
from expediente.docket.selectors import court_get
from expediente.measures.device_batch import DeviceItem, device_batch_record
from expediente.rules.written_moments import Moment, described

router = Router(tags=["measures"])

BatchKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        default=None,
        description="Optional: the batch id already makes a resend a no-op. If you send "
        "this header too, it must be the batch id.",
    ),
]


class DeviceEventIn(In):
    # no device id holds a NUL, and PostgreSQL cannot even look one up (it was a 500)
    device: Annotated[str, NoNul] = Field(
        min_length=1, max_length=80, description="The device's id, as in the court's order"
    )
    kind: Literal["zone_breach", "tamper", "battery", "signal_lost"]
    occurred_at: Moment = Field(description=described("When it happened."))
    item: str = Field(
        default="", max_length=100, description="Your id for this item, unique in the batch"
    )


class DeviceBatchIn(In):
    batch: str = Field(
        min_length=1,
        max_length=100,
        pattern=r"^[A-Za-z0-9._:-]+$",
        description="Your id for this batch, in this court. Sending the same batch again to "
        "this court records nothing new.",
    )
    events: list[DeviceEventIn] = Field(min_length=1, max_length=1000)


class ItemOut(Schema):
    index: int
    status: Literal["recorded", "duplicate", "refused"]
    case: str = Field(description="National identifier of the case (empty if refused before)")
    measure: str
    seq: int | None = Field(description="The docket entry recorded for this item")
    errors: list[dict[str, str]]


class BatchOut(Schema):
    batch: str
    recorded: int
    duplicate: int
    refused: int
    items: list[ItemOut]


@router.post(
    "/courts/{code}/measures/device-events",
    response=BatchOut,
    summary="Report a batch of monitoring-device events",
    description=(
        "For monitoring providers (token scope `measures:device`). Each event is recorded "
        "on the docket of the measure its device belongs to, in `occurred_at` order; an "
        "event older than what is on the record is placed at its own time. Sending a batch "
        "again is a no-op (every item comes back `duplicate`). An unknown device, or a "
        "measure that had ended, refuses that item only, naming the field; the others are "
        "recorded. A zone breach or tampering is a breach: the supervising judge sees it "
        "at the top of the list and the protected person is told."
    ),
)
def post_device_events(
    request: HttpRequest, code: str, body: DeviceBatchIn, idempotency_key: BatchKey = None
) -> dict[str, Any]:
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    refuse_query_parameters(request)
    if idempotency_key is not None and idempotency_key != body.batch:
        message = "send the batch id as the Idempotency-Key, or leave the header out"
        raise errors.InvalidInput(
            f"Idempotency-Key: {message}", errors=[{"field": "Idempotency-Key", "message": message}]
        )
    if not can(actor, Capability.MEASURE_DEVICE_REPORT):
        # a token of other scopes: 403 naming the scope, as on every route (it was a 404
        # "no court" for a court GET /courts lists)
        raise lacks_scope(Capability.MEASURE_DEVICE_REPORT)
    unknown = errors.NotFound(f"no court {code!r}")
    try:
        court = court_get(code=code)
    except errors.NotFound as exc:
        raise unknown from exc
    items = [DeviceItem(e.device, e.kind, e.occurred_at, e.item) for e in body.events]
    results = device_batch_record(court=court, batch=body.batch, items=items, actor=actor)
    return {
        "batch": body.batch,
        "recorded": sum(r.status == "recorded" for r in results),
        "duplicate": sum(r.status == "duplicate" for r in results),
        "refused": sum(r.status == "refused" for r in results),
        "items": [r.__dict__ for r in results],
    }
