"""Writes for measures. Every one goes through ``event_record``: the projection, the
notifications and the hash chain follow from the events.

``measure_respond`` records the judge's response to a breach; a revocation that orders
a return to custody also records the custody event the pack defines (an arrest on the
court's warrant, or the start of the sentence once the judgment is final), in the same
transaction, so the detention clock runs again from that moment. A ``measure.revoked``
entry with ``return_to_custody`` brings the same custody entry, whatever records it
(the projector's ``then``, docket/projection.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from expediente.access.policy import Actor
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case
from expediente.docket.services import event_record
from expediente.docket.services.common import Recorded
from expediente.docket.services.recording import derived_key
from expediente.measures.models import Measure

RESPONSES = ("warning", "modification", "revocation")


def measure_check_in(
    *,
    case: Case,
    measure: str,
    actor: Actor,
    occurred_at: dt.datetime,
    place: str = "",
    idempotency_key: str | None = None,
) -> Recorded:
    payload: dict[str, Any] = {"measure": measure}
    if place:
        payload["place"] = place
    return event_record(
        case=case,
        type="measure.checked_in",
        payload=payload,
        actor=actor,
        occurred_at=occurred_at,
        idempotency_key=idempotency_key,
    )


def measure_respond(
    *,
    case: Case,
    measure: str,
    response: str,
    actor: Actor,
    occurred_at: dt.datetime,
    details: str = "",
    return_to_custody: bool = False,
    idempotency_key: str | None = None,
) -> list[Recorded]:
    """Record the response to a breach; with a revocation and ``return_to_custody``,
    also the custody event that puts the person back on the detention clock."""
    if response not in RESPONSES:
        raise InvalidInput(
            f"response: {response!r} is not one of {', '.join(RESPONSES)}",
            errors=[{"field": "response", "message": f"choose one of {', '.join(RESPONSES)}"}],
        )
    if return_to_custody and response != "revocation":
        message = "only a revocation can order a return to custody"
        raise InvalidInput(
            f"return_to_custody: {message}",
            errors=[{"field": "return_to_custody", "message": message}],
        )
    payload: dict[str, Any] = {"measure": measure, "response": response}
    if details:
        payload["details"] = details
    with transaction.atomic():
        out = [
            event_record(
                case=case,
                type="measure.violation_responded",
                payload=payload,
                actor=actor,
                occurred_at=occurred_at,
                idempotency_key=idempotency_key,
            )
        ]
        if return_to_custody:
            case.refresh_from_db()
            custody_type, custody_payload = back_to_custody(case, measure)
            out.append(
                event_record(
                    case=case,
                    type=custody_type,
                    payload=custody_payload,
                    actor=actor,
                    occurred_at=occurred_at,
                    idempotency_key=derived_key(idempotency_key, "custody"),
                )
            )
    return out


def back_to_custody(case: Case, measure: str) -> tuple[str, dict[str, Any]]:
    """The custody entry a revocation ordering a return to custody brings: an arrest on
    the court's warrant, or the start of the sentence once the judgment is final."""
    person = Measure.objects.get(case=case, uid=measure).participation.uid
    if case.stage == "enforcement":
        return "custody.sentence_started", {"person": person}
    return "custody.arrested", {"person": person, "warrant": True}
