"""The one write path: every change to a case goes through ``event_record``.

UI forms, the API, the importer and the demo generator all call these functions. Each
validates, checks permission, appends to the case's hash chain, updates the projections
and (later) queues notifications, all in one transaction. A retried call with the same
idempotency key changes nothing and returns what the first call returned.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from pydantic import ValidationError

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.docket import projection
from expediente.docket.core_payloads import CORE_PAYLOADS
from expediente.docket.errors import (
    IdempotencyConflict,
    InvalidInput,
    NotAllowedInStage,
    NotFound,
    PermissionDenied,
    SequenceConflict,
)
from expediente.docket.models import Case, CaseCounter, Court, Event, Participation, Person
from expediente.docket.projection import person_fields, person_payload
from expediente.integrity.chain import GENESIS, ChainedEvent
from expediente.rules.loader import load_pack
from expediente.rules.payloads import CLOCK_SKEW, PayloadError, errors_from, validate_payload
from expediente.rules.schema import Pack
from expediente.rules.stages import StageError, check_allowed

MAX_KEY_LENGTH = 200
PROJECTED_CASE_FIELDS = [
    "last_seq",
    "head_hash",
    "procedure",
    "confidentiality",
    "stage",
    "stage_since",
    "opened_at",
    "police_report",
    "summary",
    "updated_at",
]


@dataclass(frozen=True)
class Recorded:
    event: Event
    created: bool  # False when an idempotent retry returned the earlier event


def _digest(request: dict[str, Any]) -> str:
    """A fingerprint of the request as sent, before validation, so it must accept
    anything (NaN, lone surrogates, odd types): it only has to be stable."""
    text = json.dumps(request, sort_keys=True, ensure_ascii=True, default=repr)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _reject_nul(**fields: Any) -> None:
    """PostgreSQL cannot store or even compare text containing NUL: refuse it up front."""
    for name, value in fields.items():
        if isinstance(value, str) and "\x00" in value:
            raise InvalidInput(
                f"{name} may not contain NUL characters",
                errors=[{"field": name, "message": "may not contain NUL characters"}],
            )


def _check_key(idempotency_key: str | None) -> None:
    if idempotency_key is None:
        return
    if (
        not idempotency_key
        or len(idempotency_key) > MAX_KEY_LENGTH
        or not idempotency_key.isprintable()
    ):
        raise InvalidInput(
            "Idempotency-Key must be 1 to 200 printable characters",
            errors=[{"field": "Idempotency-Key", "message": "1 to 200 printable characters"}],
        )


def _replay(actor: Actor, idempotency_key: str | None, digest: str) -> Event | None:
    """The event an earlier call with this key recorded, if the request is the same."""
    if idempotency_key is None:
        return None
    earlier = Event.objects.filter(actor=actor.user, idempotency_key=idempotency_key).first()
    if earlier is None:
        return None
    if earlier.request_digest != digest:
        raise IdempotencyConflict(
            "this Idempotency-Key was already used for a different request; "
            "use a new key for a new request",
            errors=[{"field": "Idempotency-Key", "message": "already used for another request"}],
        )
    return earlier


def _check_occurred_at(occurred_at: Any, now: dt.datetime) -> dt.datetime:
    if not isinstance(occurred_at, dt.datetime):
        raise InvalidInput(
            "occurred_at must be a date and time",
            errors=[{"field": "occurred_at", "message": "must be a date and time"}],
        )
    if occurred_at.tzinfo is None or occurred_at.utcoffset() is None:
        raise InvalidInput(
            "occurred_at needs a timezone offset",
            errors=[{"field": "occurred_at", "message": "give a timezone offset, e.g. -06:00"}],
        )
    # Compare years first: comparing datetimes at the calendar's edges overflows.
    if occurred_at.year < 1950:
        raise InvalidInput(
            "occurred_at is implausibly old",
            errors=[{"field": "occurred_at", "message": "must be after 1950"}],
        )
    if occurred_at.year > now.year + 1 or occurred_at > now + CLOCK_SKEW:
        raise InvalidInput(
            "occurred_at may not be in the future: record what has happened",
            errors=[{"field": "occurred_at", "message": "may not be in the future"}],
        )
    return occurred_at.astimezone(dt.UTC)


def _validate_core(type_name: str, payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise InvalidInput(
            "payload must be a JSON object",
            errors=[{"field": "payload", "message": "must be a JSON object"}],
        )
    try:
        model = CORE_PAYLOADS[type_name].model_validate(payload)
    except ValidationError as exc:
        errs = errors_from(exc, "payload")
        for e in errs:
            if e["message"].startswith("Extra inputs"):
                e["message"] = "is not a field of this event type"
        raise InvalidInput("the payload does not match the event type", errors=errs) from exc
    return model.model_dump(mode="json", exclude_none=True)


def _participant(case: Case, uid: str, field: str, roles: list[str] | None) -> Participation:
    found = Participation.objects.filter(case=case, uid=uid).first()
    if found is None:
        raise InvalidInput(
            f"{field}: no participant {uid!r} in case {case.nuid}",
            errors=[{"field": field, "message": f"no participant {uid!r} in this case"}],
        )
    if roles and found.role not in roles:
        raise InvalidInput(
            f"{field}: participant {uid!r} is a {found.role}, not one of {roles}",
            errors=[{"field": field, "message": f"must be a participant with role {roles}"}],
        )
    return found


def _enrich_core(
    case: Case, pack: Pack, type_name: str, payload: dict[str, Any], original: Event | None
) -> dict[str, Any]:
    """Check references of a core payload and fill in generated ids and catalogue data."""
    if type_name == "participant.added":
        if original is not None:
            payload["participant"] = original.payload["participant"]
            # a correction restates the same person; it cannot re-point to another one
            payload["person"]["uid"] = original.payload["person"]["uid"]
        elif "participant" in payload:
            if Participation.objects.filter(case=case, uid=payload["participant"]).exists():
                raise InvalidInput(
                    f"participant {payload['participant']!r} already exists in this case",
                    errors=[
                        {"field": "payload.participant", "message": "already used in this case"}
                    ],
                )
        else:
            payload["participant"] = f"P{Participation.objects.filter(case=case).count() + 1}"
            while Participation.objects.filter(case=case, uid=payload["participant"]).exists():
                payload["participant"] += "x"
        payload["person"].setdefault("uid", uuid.uuid4().hex)
        if original is None:
            _check_person_link(payload["person"])
    elif type_name == "charge.filed":
        _participant(case, payload["accused"], "payload.accused", ["accused"])
        offence = pack.offence(payload["offence"])
        if offence is None:
            raise InvalidInput(
                f"offence {payload['offence']!r} is not in the {pack.pack!r} catalogue",
                errors=[{"field": "payload.offence", "message": "not in the offence catalogue"}],
            )
        payload["iccs"] = offence.iccs
        # The catalogue's flags are the default; the clerk may add a flag, never remove one.
        for flag, field in (
            ("firearm", "firearm"),
            ("vaw", "violence_against_women"),
            ("cyber", "cyber"),
        ):
            payload[field] = bool(payload.get(field)) or flag in offence.flags
        payload["offence_label"] = offence.label.get("es") or next(iter(offence.label.values()))
        if original is not None:
            payload["charge"] = original.payload["charge"]
        elif "charge" not in payload:
            payload["charge"] = f"C{case.charges.count() + 1}"
        elif case.charges.filter(uid=payload["charge"]).exists():
            raise InvalidInput(
                f"charge {payload['charge']!r} already exists in this case",
                errors=[{"field": "payload.charge", "message": "already used in this case"}],
            )
    return payload


def _check_person_link(person: dict[str, Any]) -> None:
    """A new participation may name an existing person's uid (the same person in another
    case) only by restating that person exactly: it can neither rename nor reveal them.
    Their details change only through a correction of the event that recorded them."""
    existing = Person.objects.filter(uid=person["uid"]).first()
    if existing is None:
        return
    if person_fields(person) != person_fields(person_payload(existing)):
        raise InvalidInput(
            "person.uid names a person recorded with other details; leave uid out to "
            "record a new person, or correct the event that recorded them",
            errors=[{"field": "payload.person.uid", "message": "already used for another person"}],
        )


def _check_references(case: Case, pack: Pack, type_name: str, payload: dict[str, Any]) -> None:
    for fname, spec in pack.event_types[type_name].fields.items():
        value = payload.get(fname)
        if value is None:
            continue
        if spec.type == "participant":
            _participant(case, value, f"payload.{fname}", spec.role)
        elif spec.type == "charge" and not case.charges.filter(uid=value).exists():
            raise InvalidInput(
                f"payload.{fname}: no charge {value!r} in this case",
                errors=[{"field": f"payload.{fname}", "message": "no such charge in this case"}],
            )
        elif spec.type == "offence" and pack.offence(value) is None:
            raise InvalidInput(
                f"payload.{fname}: offence {value!r} is not in the catalogue",
                errors=[{"field": f"payload.{fname}", "message": "not in the offence catalogue"}],
            )


def _append(
    *,
    case: Case,
    pack: Pack,
    type_name: str,
    payload: dict[str, Any],
    actor: Actor,
    occurred_at: dt.datetime,
    now: dt.datetime,
    corrects_seq: int | None,
    idempotency_key: str | None,
    digest: str,
) -> Event:
    seq = case.last_seq + 1
    version = pack.event_types[type_name].version
    chained = ChainedEvent(
        case=case.nuid,
        seq=seq,
        type=type_name,
        schema_version=version,
        occurred_at=occurred_at,
        recorded_at=now,
        actor=actor.label,
        payload=payload,
        corrects=corrects_seq,
        prev_hash=case.head_hash,
    )
    event = Event(
        case=case,
        seq=seq,
        type=type_name,
        schema_version=version,
        occurred_at=occurred_at,
        recorded_at=now,
        actor=actor.user,
        actor_label=actor.label,
        payload=payload,
        corrects_seq=corrects_seq,
        idempotency_key=idempotency_key,
        request_digest=digest,
        prev_hash=case.head_hash,
        hash=chained.hash(),
    )
    try:
        with transaction.atomic():
            event.save(force_insert=True)
    except IntegrityError as exc:
        if (
            idempotency_key is not None
            and Event.objects.filter(actor=actor.user, idempotency_key=idempotency_key).exists()
        ):
            raise  # a concurrent retry with this key won: the caller answers as it did
        raise SequenceConflict(
            f"event {seq} of case {case.nuid} was recorded by someone else at the same time; "
            "reload the case and try again"
        ) from exc
    projection.apply(case, event, pack)
    case.save(update_fields=PROJECTED_CASE_FIELDS)
    return event


def event_record(
    *,
    case: Case,
    type: str,
    payload: Any,
    actor: Actor,
    occurred_at: dt.datetime,
    idempotency_key: str | None = None,
    corrects_seq: int | None = None,
    expected_seq: int | None = None,
) -> Recorded:
    """Append one event to a case's docket, or explain precisely why not."""
    _check_key(idempotency_key)
    if not can(actor, Capability.EVENT_RECORD, court_code=case.court.code):
        raise PermissionDenied("this account may not record events in this court")
    digest = _digest(
        {
            "op": "event",
            "case": case.nuid,
            "type": type,
            "payload": payload,
            "occurred_at": occurred_at.isoformat()
            if isinstance(occurred_at, dt.datetime)
            else None,
            "corrects": corrects_seq,
            "expected_seq": expected_seq,
        }
    )
    earlier = _replay(actor, idempotency_key, digest)
    if earlier is not None:
        return Recorded(earlier, created=False)
    if type == "case.opened":
        raise InvalidInput(
            "open a case with case_open, not by recording case.opened",
            errors=[{"field": "type", "message": "use the open-case operation"}],
        )
    now = timezone.now()
    occurred = _check_occurred_at(occurred_at, now)
    pack = load_pack(case.court.rule_pack)
    try:
        with transaction.atomic():
            locked = Case.objects.select_for_update().get(pk=case.pk)
            locked.court = case.court
            earlier = _replay(actor, idempotency_key, digest)  # a retry that waited for the lock
            if earlier is not None:
                return Recorded(earlier, created=False)
            if expected_seq is not None and expected_seq != locked.last_seq + 1:
                raise SequenceConflict(
                    f"expected_seq {expected_seq} is stale: the next event of case "
                    f"{locked.nuid} is number {locked.last_seq + 1}",
                    errors=[
                        {
                            "field": "expected_seq",
                            "message": f"the next seq is {locked.last_seq + 1}",
                        }
                    ],
                )
            try:
                check_allowed(pack, type, stage=locked.stage, procedure=locked.procedure)
            except StageError as exc:
                if type not in pack.event_types:
                    raise InvalidInput(
                        str(exc), errors=[{"field": "type", "message": str(exc)}]
                    ) from exc
                raise NotAllowedInStage(
                    str(exc), errors=[{"field": "type", "message": str(exc)}]
                ) from exc
            original = _original(locked, type, corrects_seq)
            if pack.event_types[type].core:
                clean = _validate_core(type, payload)
                clean = _enrich_core(locked, pack, type, clean, original)
            else:
                try:
                    clean = validate_payload(pack, type, payload)
                except PayloadError as exc:
                    raise InvalidInput(
                        "the payload does not match the event type", errors=exc.errors
                    ) from exc
                _check_references(locked, pack, type, clean)
            event = _append(
                case=locked,
                pack=pack,
                type_name=type,
                payload=clean,
                actor=actor,
                occurred_at=occurred,
                now=now,
                corrects_seq=corrects_seq,
                idempotency_key=idempotency_key,
                digest=digest,
            )
    except IntegrityError:
        # A concurrent retry with the same key won the race: answer as it did.
        earlier = _replay(actor, idempotency_key, digest)
        if earlier is None:
            raise
        return Recorded(earlier, created=False)
    for name in PROJECTED_CASE_FIELDS:  # the caller's instance now shows the new state
        setattr(case, name, getattr(event.case, name))
    return Recorded(event, created=True)


def _original(case: Case, type_name: str, corrects_seq: int | None) -> Event | None:
    if corrects_seq is None:
        return None
    original = Event.objects.filter(case=case, seq=corrects_seq).first()
    if original is None:
        raise InvalidInput(
            f"corrects: case {case.nuid} has no event {corrects_seq}",
            errors=[{"field": "corrects", "message": "no such event in this case"}],
        )
    if original.type != type_name:
        raise InvalidInput(
            f"corrects: event {corrects_seq} is a {original.type}; a correction restates it "
            f"with the same type",
            errors=[{"field": "corrects", "message": f"must correct with type {original.type}"}],
        )
    return original


def _next_number(scope: str, year: int) -> int:
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(scope=scope, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def case_open(
    *,
    court: Court,
    actor: Actor,
    procedure: str,
    occurred_at: dt.datetime,
    confidentiality: str | None = None,
    number: str | None = None,
    police_report: str = "",
    summary: str = "",
    idempotency_key: str | None = None,
) -> Recorded:
    """Open a case in a court; its first event is ``case.opened``."""
    _check_key(idempotency_key)
    _reject_nul(number=number, police_report=police_report, summary=summary)
    if not can(actor, Capability.CASE_OPEN, court_code=court.code):
        raise PermissionDenied("this account may not open cases in this court")
    digest = _digest(
        {
            "op": "open",
            "court": court.code,
            "procedure": procedure,
            "confidentiality": confidentiality,
            "number": number,
            "police_report": police_report,
            "summary": summary,
            "occurred_at": occurred_at.isoformat()
            if isinstance(occurred_at, dt.datetime)
            else None,
        }
    )
    earlier = _replay(actor, idempotency_key, digest)
    if earlier is not None:
        return Recorded(earlier, created=False)
    now = timezone.now()
    occurred = _check_occurred_at(occurred_at, now)
    pack = load_pack(court.rule_pack)
    if procedure not in pack.procedures:
        raise InvalidInput(
            f"procedure {procedure!r} is not available in this court "
            f"(available: {', '.join(pack.procedures)})",
            errors=[{"field": "procedure", "message": f"one of {pack.procedures}"}],
        )
    if confidentiality is None:
        # Juvenile proceedings are closed (MISSION ¶27(d)); adult cases are public.
        confidentiality = "restricted" if procedure == "juvenile" else "public"
    local_year = occurred.astimezone(ZoneInfo(court.timezone)).year
    try:
        with transaction.atomic():
            if number is not None and Case.objects.filter(court=court, number=number).exists():
                raise InvalidInput(
                    f"number {number!r} is already used in {court.name}",
                    errors=[{"field": "number", "message": "already used in this court"}],
                )
            national = _next_number("national", local_year)
            nuid = pack.numbering.national_id.format(
                year=local_year,
                yy=f"{local_year % 100:02d}",
                seq=national,
                office=court.office_code,
                matter=pack.numbering.matter,
            )
            court_format = pack.numbering.court_number
            if number is None and court_format is None:
                number = nuid
            elif number is None:
                assert court_format is not None
                number = court_format.format(
                    year=local_year,
                    yy=f"{local_year % 100:02d}",
                    seq=_next_number(court.code, local_year),
                    office=court.office_code,
                    matter=pack.numbering.matter,
                )
            payload = _validate_core(
                "case.opened",
                {
                    "court": court.code,
                    "number": number,
                    "nuid": nuid,
                    "procedure": procedure,
                    "confidentiality": confidentiality,
                    "police_report": police_report,
                    "summary": summary,
                },
            )
            case = Case.objects.create(
                court=court,
                number=number,
                nuid=nuid,
                created_at=now,
                procedure=procedure,
                confidentiality=confidentiality,
                stage=pack.initial_stage,
                stage_since=occurred,
                opened_at=occurred,
                updated_at=now,
                last_seq=0,
                head_hash=GENESIS,
            )
            event = _append(
                case=case,
                pack=pack,
                type_name="case.opened",
                payload=payload,
                actor=actor,
                occurred_at=occurred,
                now=now,
                corrects_seq=None,
                idempotency_key=idempotency_key,
                digest=digest,
            )
    except IntegrityError:
        earlier = _replay(actor, idempotency_key, digest)
        if earlier is None:
            raise
        return Recorded(earlier, created=False)
    return Recorded(event, created=True)


def case_get(*, nuid: str, actor: Actor, capability: Capability = Capability.CASE_VIEW) -> Case:
    """The case with this national identifier, if the actor may use it for ``capability``
    (viewing, by default); else NotFound: a case you may not see does not exist for you."""
    if "\x00" in nuid:
        raise NotFound(f"no case {nuid!r}")
    case = Case.objects.select_related("court").filter(nuid=nuid).first()
    if case is None or not can(actor, capability, court_code=case.court.code):
        raise NotFound(f"no case {nuid!r}")
    return case


def court_get(*, code: str) -> Court:
    court = Court.objects.filter(code=code).first() if "\x00" not in code else None
    if court is None:
        raise NotFound(
            f"no court {code!r}", errors=[{"field": "court", "message": "unknown court"}]
        )
    return court
