"""The API's write requests, whether they come over HTTP (``cases.py``) or from a file
(``importer.py``, ``expediente import``): one meaning for each body, one set of errors.

Each function takes a validated body and the actor, and calls the docket's one write
path (``case_open``, ``event_record``). Permission to use the route itself (the token's
scope) is the caller's to check; permission in a court or case is checked here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.api.schemas import CaseOpenIn, ChargeIn, EventIn, ParticipantIn
from expediente.custody.confirmations import confirmed
from expediente.docket import errors
from expediente.docket.models import Case
from expediente.docket.selectors import court_get
from expediente.docket.services import Recorded, case_open, event_record

# What ``docket.services.common.validate_core`` says of a payload its model refused.
PAYLOAD_REFUSED = "the payload does not match the event type"


@contextmanager
def fields_at_top_level() -> Iterator[None]:
    """Requests whose body *is* the event's payload name its fields as the client sent
    them.

    The docket names a payload field ``payload.accused``; a client that posted
    ``{"accused": ...}`` to /charges must read ``accused``.
    """
    try:
        yield
    except errors.DocketError as exc:
        exc.message = exc.message.removeprefix("payload.")
        for e in exc.errors:
            e["field"] = e["field"].removeprefix("payload.")
        if exc.message == PAYLOAD_REFUSED and exc.errors:
            # The docket's summary of a payload its model refused (``validate_core``)
            # speaks of a payload these bodies do not have: say each field and its rule,
            # as the errors do (``role: Input should be 'accused', …``).
            exc.message = "; ".join(f"{e['field']}: {e['message']}" for e in exc.errors)
        raise


def open_case(body: CaseOpenIn, actor: Actor, idempotency_key: str | None) -> Recorded:
    """Open a case in the body's court, if the actor may open cases there."""
    unknown = errors.InvalidInput(
        f"no court {body.court!r} in which this account may open cases",
        errors=[{"field": "court", "message": "unknown court"}],
    )
    # A court the actor may not act in does not exist for it, as in GET /courts.
    if not can(actor, Capability.CASE_OPEN, court_code=body.court):
        raise unknown
    try:
        court = court_get(code=body.court)
    except errors.NotFound as exc:
        raise unknown from exc
    with fields_at_top_level():
        return case_open(
            court=court,
            actor=actor,
            procedure=body.procedure,
            occurred_at=body.occurred_at,
            confidentiality=body.confidentiality,
            number=body.number,
            police_report=body.police_report,
            summary=body.summary,
            idempotency_key=idempotency_key,
        )


def add_participant(
    case: Case, body: ParticipantIn, actor: Actor, idempotency_key: str | None
) -> Recorded:
    payload = body.model_dump(mode="json", exclude={"occurred_at"}, exclude_none=True)
    with fields_at_top_level():
        return _record(case, "participant.added", payload, body, actor, idempotency_key)


def add_charge(case: Case, body: ChargeIn, actor: Actor, idempotency_key: str | None) -> Recorded:
    payload = body.model_dump(mode="json", exclude={"occurred_at"}, exclude_none=True)
    with fields_at_top_level():
        return _record(case, "charge.filed", payload, body, actor, idempotency_key)


def append_event(
    case: Case,
    body: EventIn,
    actor: Actor,
    idempotency_key: str | None,
    *,
    follow_ups: bool = True,
) -> Recorded:
    """``follow_ups``: off for an import, whose file carries the entries that follow from
    another (a revocation's return to custody: the other system's own arrest line).

    An extension past the number its term admits, and an order whose stated term goes
    past the legal maximum, are recorded only when the body confirms them (``confirm``:
    ``extension_past_limit``, ``order_past_maximum``), as the record form asks first: a
    422 on ``confirm`` naming the rule and its article otherwise
    (``custody.extension_limit``, ``custody.foresight``, checked inside ``event_record``
    after the replay and the payload's validation)."""
    with confirmed(body.confirm):
        return _record(
            case,
            body.type,
            body.payload,
            body,
            actor,
            idempotency_key,
            corrects=body.corrects,
            expected_seq=body.expected_seq,
            follow_ups=follow_ups,
            correction_reason=body.correction_reason,
        )


def _record(
    case: Case,
    type_name: str,
    payload: dict[str, Any],
    body: ParticipantIn | ChargeIn | EventIn,
    actor: Actor,
    idempotency_key: str | None,
    corrects: int | None = None,
    expected_seq: int | None = None,
    follow_ups: bool = True,
    correction_reason: str | None = None,
) -> Recorded:
    return event_record(
        case=case,
        type=type_name,
        payload=payload,
        actor=actor,
        occurred_at=body.occurred_at,
        idempotency_key=idempotency_key,
        corrects_seq=corrects,
        expected_seq=expected_seq,
        follow_ups=follow_ups,
        correction_reason=correction_reason,
    )
