"""What every write shares: request fingerprints, key and date checks, the append itself.

``append`` is the only code that inserts into ``docket_event``: it chains the hash,
inserts, and applies the projections to the (locked) case row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from expediente.access.policy import Actor
from expediente.days import FIRST_DAY
from expediente.docket import projection
from expediente.docket.core_payloads import CORE_PAYLOADS
from expediente.docket.errors import IdempotencyConflict, InvalidInput
from expediente.docket.models import Case, Event
from expediente.docket.services import rows
from expediente.integrity.chain import ChainedEvent
from expediente.rules.payloads import CLOCK_SKEW, errors_from
from expediente.rules.schema import Pack
from expediente.rules.written_moments import NO_OFFSET

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
    "roster",
]


@dataclass(frozen=True)
class Recorded:
    event: Event
    created: bool  # False when an idempotent retry returned the earlier event
    # the entries recorded with ``event`` because they follow from it (projectors' ``then``)
    follow_ups: tuple[Event, ...] = ()


def digest(request: dict[str, Any]) -> str:
    """A fingerprint of the request as sent, before validation, so it must accept
    anything (NaN, lone surrogates, odd types): it only has to be stable."""
    text = json.dumps(request, sort_keys=True, ensure_ascii=True, default=repr)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def reject_nul(**fields: Any) -> None:
    """PostgreSQL cannot store or even compare text containing NUL: refuse it up front."""
    for name, value in fields.items():
        if isinstance(value, str) and "\x00" in value:
            raise InvalidInput(
                f"{name} may not contain NUL characters",
                errors=[{"field": name, "message": "may not contain NUL characters"}],
            )


def check_key(idempotency_key: str | None) -> None:
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


def check_replay(earlier: Event | None, digest: str) -> Event | None:
    """The earlier event if the request is the same; a conflict if the key was reused."""
    if earlier is not None and earlier.request_digest != digest:
        raise IdempotencyConflict(
            "this Idempotency-Key was already used for a different request; "
            "use a new key for a new request",
            errors=[{"field": "Idempotency-Key", "message": "already used for another request"}],
        )
    return earlier


def replay(actor: Actor, idempotency_key: str | None, digest: str) -> Event | None:
    """The event an earlier call with this key recorded, if the request is the same."""
    if idempotency_key is None:
        return None
    # Not ``Event.objects.filter(...).first()``: its ORDER BY (case, seq) LIMIT 1 let
    # PostgreSQL cache a plan that read all of the account's events at every opening
    # (docs/performance.md, "The demo load").
    pk = rows.event_with_key(actor.user.pk, idempotency_key)
    return check_replay(None if pk is None else Event.objects.get(pk=pk), digest)


def check_occurred_at(occurred_at: Any, now: dt.datetime) -> dt.datetime:
    if not isinstance(occurred_at, dt.datetime):
        raise InvalidInput(
            "occurred_at must be a date and time",
            errors=[{"field": "occurred_at", "message": "must be a date and time"}],
        )
    if occurred_at.tzinfo is None or occurred_at.utcoffset() is None:
        raise InvalidInput(
            f"occurred_at {NO_OFFSET}",
            errors=[{"field": "occurred_at", "message": NO_OFFSET}],
        )
    # Compare years first: comparing datetimes at the calendar's edges overflows.
    if occurred_at.year < FIRST_DAY.year:
        raise InvalidInput(
            "occurred_at is implausibly old",
            errors=[{"field": "occurred_at", "message": f"must be in {FIRST_DAY.year} or later"}],
        )
    if occurred_at.year > now.year + 1 or occurred_at > now + CLOCK_SKEW:
        raise InvalidInput(
            "occurred_at may not be in the future: record what has happened",
            errors=[{"field": "occurred_at", "message": "may not be in the future"}],
        )
    return occurred_at.astimezone(dt.UTC)


def validate_core(type_name: str, payload: Any) -> dict[str, Any]:
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


def append(
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
    correction_reason: str | None = None,
    confirmed: tuple[str, ...] = (),
    unlocked: rows.Unlocked | None = None,
) -> Event:
    """Insert the next event of a locked case and project it. An IntegrityError (a
    concurrent append of the same seq, or a retry with the same key) is left to the
    caller, whose transaction it rolls back. ``confirmed``: the warnings read and
    confirmed that the entry needed (``custody/confirmations.py``), sorted.
    ``unlocked``: the case was read without its lock, at that row version, and no
    projector's probe found work (``recording._read_unlocked``): the guards' answers are
    those given with the read (or asked now), and the entry, the case's new head and
    the projectors' inline work are written in one statement if the row is still at
    that version; else ``rows.NeedsLock`` is raised (a projector needs its ``apply``,
    or the row moved: ``rows.CaseMoved``) and nothing is written."""
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
        reason=correction_reason,
        confirmed=confirmed,
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
        correction_reason=correction_reason,
        confirmed=list(confirmed) or None,
        idempotency_key=idempotency_key,
        request_digest=digest,
        prev_hash=case.head_hash,
        hash=chained.hash(),
    )
    names = tuple(PROJECTED_CASE_FIELDS)
    locked = _projected(case, names)
    projection.apply_docket(case, event, pack)
    docket = _projected(case, names)
    changed = _changed(names, locked, docket)  # the head and last_seq, at least
    if unlocked is not None:
        # read without the lock: the guards answered with the read, the inline work in
        # the write
        guards = projection.guards(case, type_name, payload, occurred_at, corrects_seq)
        if guards:
            rows.check_guards(case.pk, seq, guards, unlocked)
        inline, done = projection.inlined(case, event)
        if projection.waits_for_lock(case, event, pack, done):
            raise rows.NeedsLock(f"a projector has work for {type_name} that needs the lock")
        rows.append_if_unchanged(event, case, changed, unlocked, inline)
        return event
    if not rows.one_statement_append():
        rows.insert_event(event)
        projection.apply_projectors(case, event, pack)
        rows.update_case(case, _changed(names, locked, _projected(case, names)))
        return event
    # PostgreSQL: the insert, the case's new head, the projectors' probes and their
    # inline work in one statement; a projector that then changed the case row would
    # cost a second update (none does today: sealing orders are the docket's own).
    inline, done = projection.inlined(case, event)
    guards = projection.guards(case, type_name, payload, occurred_at, corrects_seq)
    probed = rows.append_event(event, case, changed, projection.probes(type_name), inline, guards)
    idle = {name for name, value in probed.items() if not value}
    found = {name: value for name, value in probed.items() if value}
    projection.apply_projectors(case, event, pack, idle=idle | done, found=found)
    later = _changed(names, docket, _projected(case, names))
    if later:
        rows.update_case(case, later)
    return event


def _projected(case: Case, names: tuple[str, ...]) -> tuple[Any, ...]:
    """The case's projected columns as they stand (the roster copied: it is mutable)."""
    return tuple(_copied(getattr(case, n)) if n == "roster" else getattr(case, n) for n in names)


def _changed(
    names: tuple[str, ...], before: tuple[Any, ...], after: tuple[Any, ...]
) -> tuple[str, ...]:
    """The columns whose value differs: only those are written. Unchanged columns keep
    the value the case lock read, so the row ends the same, and the statement is smaller
    (the roster's JSON, in particular, is sent only when someone joins or is charged)."""
    return tuple(n for n, old, new in zip(names, before, after, strict=True) if old != new)


def _copied(value: Any) -> Any:
    """A copy of JSON data (dicts, lists, scalars): what ``copy.deepcopy`` gives for it,
    at a fraction of the cost (it was 3% of an append's time)."""
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copied(v) for v in value]
    return value
