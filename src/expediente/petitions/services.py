"""Filing and deciding petitions: both append through ``event_record``, the one way in.

``petition_file`` records ``petition.filed`` (from the portal for the participant whose
code opened the session, or by a clerk on someone's behalf); ``petition_decide`` records
``petition.decided``. The payload schema in the rule pack checks the text (required,
at most 2000 characters) and the choices; the projector's check asks for at least
``TEXT_MIN`` (10) characters once trimmed; the projector refuses a decision for a
petition that does not exist or is already decided. A retry with the same idempotency
key records nothing new, and so does the same request sent again while the court has not
answered it (``repeats.py``: same petitioner, kind and text, under another key, as a
form the browser's Back button brought back with a new token): ``petition_file`` records
inside ``repeats.guarded()`` and answers with the petition already on the record
(``Filed.repeated``), whose receipt the portal shows saying so.

A petition about a detention reaches the detention clock through the projector's
``then`` (``detention.py``), in the same transaction: a review petition of the accused's
side brings the review request (cr), and a decision saying what it does to the detention
(``detention``, ``person``, ``measures``) brings the custody entry. ``concerns`` names
whose detention a filing is about.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from expediente.access.capabilities import SCOPES, Capability
from expediente.access.models import User
from expediente.access.policy import Actor
from expediente.docket.errors import IdempotencyConflict
from expediente.docket.models import Case, Event
from expediente.docket.services.recording import event_record
from expediente.petitions.models import Petition
from expediente.petitions.offer import WHILE_HELD
from expediente.petitions.repeats import AlreadyFiled, guarded

FILED = "petition.filed"
DECIDED = "petition.decided"
PORTAL_USER = "portal"


@dataclass(frozen=True)
class Filed:
    event: Event
    petition: Petition
    created: bool  # False when a retry returned the earlier filing
    # True when the same request was already on the record, awaiting an answer
    # (``repeats.py``): ``event`` and ``petition`` are that earlier filing's
    repeated: bool = False


def portal_actor(case: Case) -> Actor:
    """Who records what a participant files from the portal: the portal's system account,
    allowed to write in the case's court only. The participant is named in the payload
    (``petitioner``, ``filed_via: portal``)."""
    user, _ = User.objects.get_or_create(username=PORTAL_USER, defaults={"is_system": True})
    return Actor(
        user=user,
        scopes=frozenset({"cases:write"} & set(SCOPES)),
        courts=frozenset({case.court.code}),
        channel="portal",
    )


def petition_file(
    *,
    case: Case,
    petitioner: str,
    kind: str,
    text: str,
    filed_via: str,
    actor: Actor,
    received_from: str = "",
    concerns: str = "",
    occurred_at: dt.datetime | None = None,
    idempotency_key: str | None = None,
) -> Filed:
    payload: dict[str, Any] = {
        "kind": kind,
        "text": text,
        "petitioner": petitioner,
        "filed_via": filed_via,
    }
    if received_from.strip():
        payload["received_from"] = received_from
    if concerns:
        payload["concerns"] = concerns
    earlier = _filed_with_key(case, actor, idempotency_key)
    if earlier is not None:
        return earlier
    try:
        with guarded():  # the portal's and /my/'s forms: the same petition sent again
            recorded = event_record(
                case=case,
                type=FILED,
                payload=payload,
                actor=actor,
                occurred_at=occurred_at or timezone.now(),
                idempotency_key=idempotency_key,
                capability=_capability(case, kind),
            )
    except IdempotencyConflict:
        # The same form sent twice at once: the other request recorded it, a moment apart.
        earlier = _filed_with_key(case, actor, idempotency_key)
        if earlier is None:
            raise
        return earlier
    except AlreadyFiled as e:
        event = Event.objects.get(case=case, seq=e.petition.filed_seq)
        return Filed(event=event, petition=e.petition, created=False, repeated=True)
    petition = Petition.objects.get(case=case, filed_seq=recorded.event.seq)
    return Filed(event=recorded.event, petition=petition, created=recorded.created)


def _capability(case: Case, kind: str) -> Capability:
    """What a filing records under: in a sealed case, a detention petition under the
    narrow capability that passes the seal for the portal's account (``access.policy``:
    the person held keeps the way to a court); anything else as any entry."""
    if case.confidentiality == "sealed" and kind in WHILE_HELD:
        return Capability.DETENTION_PETITION_FILE
    return Capability.EVENT_RECORD


def _filed_with_key(case: Case, actor: Actor, key: str | None) -> Filed | None:
    """The petition already filed with this idempotency key: a form is filed once, even
    when it is sent again later (its moment of sending differs, so ``event_record``
    alone would call the second sending a conflict)."""
    if key is None:
        return None
    event = Event.objects.filter(
        case=case, actor=actor.user, idempotency_key=key, type=FILED
    ).first()
    if event is None:
        return None
    petition = Petition.objects.get(case=case, filed_seq=event.seq)
    return Filed(event=event, petition=petition, created=False)


def petition_decide(
    *,
    case: Case,
    petition: int,
    outcome: str,
    reasons: str,
    actor: Actor,
    detention: str = "",
    person: str = "",
    measures: str = "",
    in_hearing: bool | None = None,
    occurred_at: dt.datetime | None = None,
    idempotency_key: str | None = None,
) -> Event:
    """``detention``: what the decision does to the detention (maintained, lifted,
    replaced, none; "" says nothing), ``person`` whose, ``measures`` what replaces it,
    ``in_hearing`` whether a decision that maintains it was taken in a hearing (None:
    not said; required where the pack's review entry asks it, cl)."""
    payload: dict[str, Any] = {"petition": petition, "outcome": outcome, "reasons": reasons}
    for name, value in (("detention", detention), ("person", person), ("measures", measures)):
        if value:
            payload[name] = value
    if in_hearing is not None:
        payload["in_hearing"] = in_hearing
    recorded = event_record(
        case=case,
        type=DECIDED,
        payload=payload,
        actor=actor,
        occurred_at=occurred_at or timezone.now(),
        idempotency_key=idempotency_key,
    )
    return recorded.event
