"""``event_record``: append one event to a case's docket, or say precisely why not.

In one transaction: lock the case (and look up the idempotency key in the same query),
check the stage, validate the payload and its references against the case's roster,
append, project. The lock, the insert and the update are written out in ``rows.py``;
on the happy path they, the projectors' own queries (the outbox's check for
subscribers, on every entry) and the commit are all the round trips.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.custody.confirmations import needed
from expediente.docket import appeal_verdicts, projection, standing
from expediente.docket.corrections import as_last_corrected
from expediente.docket.errors import (
    InvalidInput,
    NotAllowedInStage,
    PermissionDenied,
    SequenceConflict,
    Superseded,
    Words,
)
from expediente.docket.models import Case, Charge, Event, Person
from expediente.docket.projection import person_fields, person_payload
from expediente.docket.selectors import latest_version
from expediente.docket.services import rows, verdict_history
from expediente.docket.services.common import (
    MAX_KEY_LENGTH,
    PROJECTED_CASE_FIELDS,
    Recorded,
    append,
    check_key,
    check_occurred_at,
    check_replay,
    digest,
    replay,
    validate_core,
)
from expediente.docket.services.correction_reason import correction_reason as checked_reason
from expediente.docket.services.opening_correction import (
    BEFORE_OPENING,
    OPENED,
    check_opening_moment,
    restated_opening,
)
from expediente.docket.verdicts import VERDICT
from expediente.rules.loader import load_pack
from expediente.rules.payloads import ONE_OF, PayloadError, validate_payload
from expediente.rules.schema import EventType, Pack
from expediente.rules.stages import StageError, check_allowed


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
    capability: Capability = Capability.EVENT_RECORD,
    follow_ups: bool = True,
    correction_reason: Any = None,
) -> Recorded:
    """Append one event to a case's docket, or explain precisely why not.

    ``capability``: what the actor records under. ``EVENT_RECORD`` by default; a narrower
    one allows only its own event types (``NARROW``): a monitoring provider records
    device events with ``MEASURE_DEVICE_REPORT``, which passes a sealed case
    (access/policy.py) and records nothing else. ``follow_ups``: record the entries the
    projectors say follow from this one (``projection.consequences``); an import from
    another system carries its own and turns them off. ``correction_reason``: why the
    entry ``corrects_seq`` is corrected, required with it and only with it
    (``correction_reason.py``). The warnings the caller confirmed
    (``custody/confirmations.confirmed``) that this entry needed are stored on it
    (``Event.confirmed``); they are not part of the request's digest: a retry with the
    same key is answered with the entry as recorded, ``confirm`` sent again or not."""
    check_key(idempotency_key)
    if capability != Capability.EVENT_RECORD and type not in NARROW.get(capability, ()):
        raise PermissionDenied(f"{capability} does not record {type} entries")
    if not can(actor, capability, case=case):
        raise PermissionDenied("this account may not record events in this court")
    if corrects_seq is not None and not can(actor, Capability.EVENT_CORRECT, case=case):
        raise PermissionDenied("this account may not correct entries in this court")
    if type in projection.CONFIDENTIALITY_ORDERS and not can(
        actor, Capability.CASE_SEAL, case=case
    ):
        raise PermissionDenied(
            f"this account may not record {type}: sealing, unsealing and expunction orders "
            f"are recorded by the court's staff, or by a token with the {Capability.CASE_SEAL} "
            "capability (scope cases:seal)"
        )
    if type == OPENED and corrects_seq is None:
        raise InvalidInput(
            "open a case with case_open, not by recording case.opened",
            errors=[{"field": "type", "message": "use the open-case operation"}],
        )
    fingerprint = digest(
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
            # only when given, so that a request recorded before reasons keeps its digest
            **({"correction_reason": correction_reason} if correction_reason is not None else {}),
        }
    )
    request = _Request(
        case=case,
        type=type,
        payload=payload,
        actor=actor,
        occurred_at=occurred_at,
        idempotency_key=idempotency_key,
        corrects_seq=corrects_seq,
        expected_seq=expected_seq,
        capability=capability,
        follow_ups=follow_ups,
        correction_reason=correction_reason,
        fingerprint=fingerprint,
        now=timezone.now(),
        pack=load_pack(case.court.rule_pack),
    )
    attempted: int | None = None
    try:
        if _unlocked_first(request):
            read = _read_unlocked(request)
            if read is not None:
                locked, earlier, unlocked = read
                attempted = locked.last_seq + 1
                try:
                    return _recorded_on(request, locked, earlier, unlocked)
                except rows.NeedsLock:
                    pass  # the case changed since it was read, or a projector needs the lock
        with transaction.atomic():
            locked, earlier = _lock(case, actor, idempotency_key)
            attempted = locked.last_seq + 1
            return _recorded_on(request, locked, earlier, None)
    except IntegrityError as exc:
        # A concurrent retry with the same key won the race: answer as it did.
        earlier = replay(actor, idempotency_key, fingerprint)
        if earlier is not None:
            return _replayed(earlier, idempotency_key)
        if attempted is None or not Event.objects.filter(case=case, seq=attempted).exists():
            raise
        raise SequenceConflict(
            f"another event was recorded in case {case.nuid} at the same time; "
            "reload the case and try again",
            extensions={
                "next_seq": Case.objects.values_list("last_seq", flat=True).get(pk=case.pk) + 1
            },
        ) from exc


@dataclass(frozen=True)
class _Request:
    """What ``event_record`` was asked, checked as far as it can be without the case."""

    case: Case
    type: str
    payload: Any
    actor: Actor
    occurred_at: dt.datetime
    idempotency_key: str | None
    corrects_seq: int | None
    expected_seq: int | None
    capability: Capability
    follow_ups: bool
    correction_reason: Any
    fingerprint: str
    now: dt.datetime
    pack: Pack


def _recorded_on(
    request: _Request, locked: Case, earlier: Event | None, unlocked: rows.Unlocked | None
) -> Recorded:
    """The entry recorded on the case as read: under its lock (``unlocked`` None, inside
    the caller's transaction), or on condition that the row is still the one read
    (``rows.NeedsLock`` when it is not, or a projector turns out to need the lock;
    nothing written)."""
    r = request
    case, type, payload, actor = r.case, r.type, r.payload, r.actor
    idempotency_key, corrects_seq, expected_seq = r.idempotency_key, r.corrects_seq, r.expected_seq
    fingerprint, now, pack = r.fingerprint, r.now, r.pack
    if check_replay(earlier, fingerprint) is not None:
        assert earlier is not None
        return _replayed(earlier, idempotency_key)
    # after the replay: a retry of a correction recorded before reasons were asked
    # for (same key, same body, no reason) is answered with what was recorded
    reason = checked_reason(r.correction_reason, corrects_seq)
    occurred = check_occurred_at(r.occurred_at, now)
    if type != OPENED:
        _check_not_before_opening(locked, occurred)
    if expected_seq is not None and expected_seq != locked.last_seq + 1:
        # On PostgreSQL the key lookup in the locking query ran on a snapshot taken
        # before the lock was granted: a retry that waited for its twin sees the
        # twin's event only in a fresh query.
        earlier = replay(actor, idempotency_key, fingerprint)
        if earlier is not None:
            return _replayed(earlier, idempotency_key)
    _check_expected_seq(locked, expected_seq)
    _check_stage(pack, type, locked, correction=corrects_seq is not None)
    original = _original(locked, type, corrects_seq)
    if type == OPENED and original is not None:
        payload = restated_opening(locked, pack, original.payload, payload)
        check_opening_moment(locked, pack, occurred)
    clean = _validated(locked, pack, type, payload, original)
    _check_payload_after_opening(locked, pack, type, clean, now)
    _check_changes_something(original, clean, occurred)
    if type == VERDICT:
        verdict_history.check(locked, pack, clean, occurred, corrects_seq)
    elif type == appeal_verdicts.FINAL and corrects_seq is None:
        appeal_verdicts.check_final(locked)
    elif type == appeal_verdicts.CLOSED:
        appeal_verdicts.check_closed(locked, clean.get("reason"), corrects_seq)
    else:
        verdict_history.check_opener(locked, pack, type, occurred, corrects_seq, clean)
    with needed() as confirmed:  # the warnings the checks found this entry needs
        projection.check(locked, type, clean, occurred, corrects_seq=corrects_seq)
    event = append(
        case=locked,
        pack=pack,
        type_name=type,
        payload=clean,
        actor=actor,
        occurred_at=occurred,
        now=now,
        corrects_seq=corrects_seq,
        idempotency_key=idempotency_key,
        digest=fingerprint,
        correction_reason=reason,
        confirmed=tuple(sorted(confirmed)),
        unlocked=unlocked,
    )
    follows = projection.consequences(locked, event, pack) if r.follow_ups else []
    brought: list[Event] = []
    for then_type, then_payload in follows:
        then = event_record(  # updates ``locked`` to the case after it
            case=locked,
            type=then_type,
            payload=then_payload,
            actor=actor,
            occurred_at=occurred,
            idempotency_key=derived_key(idempotency_key, then_type),
            capability=follow_up_capability(r.capability, then_type),
        )
        brought += [then.event, *then.follow_ups]
    for name in PROJECTED_CASE_FIELDS:  # the caller's instance now shows the new state
        setattr(case, name, getattr(locked, name))
    return Recorded(event, created=True, follow_ups=tuple(brought))


# More than any entry brings (a revocation brings one custody entry).
MOST_FOLLOW_UPS = 8


def _replayed(earlier: Event, key: str | None) -> Recorded:
    """A retry's answer: the entry the first call recorded and those that followed from
    it, found as they were recorded: right after it, by the same actor, each under a key
    derived from the key of an entry before it (``derived_key``)."""
    brought: list[Event] = []
    if key is not None and projection.may_bring(earlier.type):
        keys: set[str | None] = {key}
        later = Event.objects.filter(case_id=earlier.case_id, seq__gt=earlier.seq).order_by("seq")
        for entry in later[:MOST_FOLLOW_UPS]:
            derived = {derived_key(k, entry.type) for k in keys}
            if entry.actor_id != earlier.actor_id or entry.idempotency_key not in derived:
                break
            brought.append(entry)
            keys.add(entry.idempotency_key)
    return Recorded(earlier, created=False, follow_ups=tuple(brought))


def derived_key(key: str | None, what: str) -> str | None:
    """The idempotency key of an entry that follows from the one recorded with ``key``:
    ``key:what``, or a digest of both where that would pass the 200 characters a key may
    have (a client's valid 190-character key refused the whole revocation)."""
    if key is None:
        return None
    derived = f"{key}:{what}"
    if len(derived) <= MAX_KEY_LENGTH:
        return derived
    return "derived:sha256:" + hashlib.sha256(f"{key}\x00{what}".encode()).hexdigest()


# The capabilities narrower than EVENT_RECORD that record entries, and the types each may.
NARROW: dict[Capability, frozenset[str]] = {
    Capability.MEASURE_DEVICE_REPORT: frozenset({"measure.device_event"}),
    # a detention petition, and the request for a review it brings where the pack has
    # one (petitions/detention.py: cr CPP art. 253)
    Capability.DETENTION_PETITION_FILE: frozenset({"petition.filed", "custody.review_requested"}),
}


def follow_up_capability(capability: Capability, then_type: str) -> Capability:
    """What an entry that follows from another is recorded under: the narrow capability
    the first was, where it allows that type too (a detention petition filed into a
    sealed case brings the request for a review that the law attaches to it); else as any
    entry."""
    return capability if then_type in NARROW.get(capability, ()) else Capability.EVENT_RECORD


def _unlocked_first(request: _Request) -> bool:
    """Whether to try recording the entry without the case lock (``rows.read_case``):
    on PostgreSQL, for a new entry (not a correction, not an opening) that changes
    nothing but the case row and the entry itself: no people or charges to write
    (``projection.writes_rows``), no entry it brings with it, no projector that needs
    the lock (``projection.lock_free``: asked here of the caller's copy of the case, and
    again of the row as read, with what the probes found, in ``_read_unlocked``). Outside a
    transaction of the caller's the entry is then one autocommitted statement; inside
    one, that statement is taken back alone if it fails (a savepoint), as the locked
    append is."""
    return (
        rows.one_statement_append()
        and request.corrects_seq is None
        and request.type != OPENED
        and not projection.writes_rows(request.type)
        and not (request.follow_ups and projection.may_bring(request.type))
        # as the caller's copy of the case stands; the row as read decides
        and projection.lock_free(request.case, request.type, request.pack)
    )


def _read_unlocked(request: _Request) -> tuple[Case, Event | None, rows.Unlocked] | None:
    """The case read without its lock, the earlier event with the request's key, and
    the row's version with the guards' answers; None when a projector needs the lock for
    the entry (a probe found someone following the case, or ``projection.lock_free``
    says no of the row as read): the entry is then recorded under the lock."""
    probes = projection.probes(request.type)
    locked, earlier_pk, unlocked, found = rows.read_case(
        request.case.pk,
        request.actor.user.pk,
        request.idempotency_key,
        [sql for _name, sql in probes],
        _questions(request),
    )
    locked.court = request.case.court
    if any(found) or not projection.lock_free(locked, request.type, request.pack):
        return None
    return locked, (Event.objects.get(pk=earlier_pk) if earlier_pk else None), unlocked


def _questions(request: _Request) -> list[tuple[str, tuple[Any, ...]]]:
    """The guards' questions for the payload as sent, to ask with the read (SQL and
    parameters; ``rows.check_guards`` uses the answers only if the payload validated
    gives the same questions). None for a payload no guard can read yet: validation will
    name what is wrong with it."""
    if not isinstance(request.payload, dict) or not isinstance(request.occurred_at, dt.datetime):
        return []
    try:
        guards = projection.guards(
            request.case, request.type, request.payload, request.occurred_at, None
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return []
    questions = [(sql, tuple(values)) for sql, values, _error in guards]
    if not all(_sendable(v) for _sql, values in questions for v in values):
        return []  # validation refuses it, naming the field, before anything is asked
    return questions


def _sendable(value: Any) -> bool:
    """Whether the database takes the value as a parameter: not text with a NUL or a
    lone surrogate (psycopg refuses them, and the request would end in a 500)."""
    if not isinstance(value, str):
        return True
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _lock(case: Case, actor: Actor, idempotency_key: str | None) -> tuple[Case, Event | None]:
    """Lock the case row; in the same query, find an earlier event with this key."""
    locked, earlier_pk = rows.lock_case(case.pk, actor.user.pk, idempotency_key)
    locked.court = case.court
    return locked, (Event.objects.get(pk=earlier_pk) if earlier_pk else None)


def _check_expected_seq(case: Case, expected_seq: int | None) -> None:
    if expected_seq is not None and expected_seq != case.last_seq + 1:
        # behind: someone recorded since the client read the case; ahead: the client
        # counted entries that are not there
        how = "is stale" if expected_seq <= case.last_seq else "is ahead of the case"
        raise SequenceConflict(
            f"expected_seq {expected_seq} {how}: the next event of case "
            f"{case.nuid} is number {case.last_seq + 1}",
            errors=[{"field": "expected_seq", "message": f"the next seq is {case.last_seq + 1}"}],
            extensions={"next_seq": case.last_seq + 1},
        )


def _check_stage(pack: Pack, type_name: str, case: Case, *, correction: bool) -> None:
    try:
        check_allowed(
            pack, type_name, stage=case.stage, procedure=case.procedure, correction=correction
        )
    except StageError as exc:
        errors = [{"field": "type", "message": str(exc)}]
        if type_name not in pack.event_types:
            raise InvalidInput(str(exc), errors=errors) from exc
        raise NotAllowedInStage(str(exc), errors=errors, extensions={"stage": case.stage}) from exc


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
    latest = latest_version(case, corrects_seq)
    if latest != corrects_seq:
        # The latest correction restates the entry: correcting an earlier version would
        # start from what it said and silently undo the correction made since (a form
        # left open while a colleague corrected the entry, an API client's stale number).
        raise Superseded(
            f"corrects: entry {corrects_seq} was corrected by entry {latest}; correct entry "
            f"{latest}, which is what the case now holds",
            latest=latest,
            errors=[{"field": "corrects", "message": f"superseded: correct entry {latest}"}],
            words={
                "corrects": Words(
                    gettext_noop(
                        "Entry #%(seq)s was corrected by #%(latest)s since this page was "
                        "opened: open the correction of #%(latest)s to change what the case "
                        "now holds."
                    ),
                    {"seq": corrects_seq, "latest": latest},
                )
            },
        )
    return original


def _check_changes_something(
    original: Event | None, payload: dict[str, Any], occurred: dt.datetime
) -> None:
    """A correction restates its entry with something changed: one that says what the
    latest version says, on the same moment, would be a second copy of it on the record."""
    if original is None or original.payload != payload or original.occurred_at != occurred:
        return
    raise InvalidInput.of(
        "payload",
        Words(
            gettext_noop(
                "the correction changes nothing: entry %(seq)s already says this, on the "
                "same date; change what is wrong before saving"
            ),
            {"seq": original.seq},
        ),
        f"the correction changes nothing: entry {original.seq} already has this payload "
        "and occurred_at",
    )


def _validated(
    case: Case, pack: Pack, type_name: str, payload: Any, original: Event | None
) -> dict[str, Any]:
    if pack.event_types[type_name].core:
        return _enrich_core(case, pack, type_name, validate_core(type_name, payload), original)
    try:
        clean = validate_payload(pack, type_name, payload)
    except PayloadError as exc:
        event_type = pack.event_types[type_name]
        words = {
            field: _one_of_words(event_type, context)
            if rule == ONE_OF
            else _only_if_words(event_type, context)
            for field, (rule, context) in exc.broken.items()
        }
        raise InvalidInput(
            "the payload does not match the event type", errors=exc.errors, words=words
        ) from exc
    if type_name == standing.STANDS_FOR:  # before the roles: say "herself", not "a guardian"
        standing.check(clean)
    _check_references(case, pack, type_name, clean)
    return clean


def _field_label(event_type: EventType, name: str) -> dict[str, str]:
    spec = event_type.fields.get(name)
    return dict(spec.label) if spec is not None and spec.label else {"en": name}


def _one_of_words(event_type: EventType, context: dict[str, Any]) -> Words:
    """A second field true in a ``one_of`` group, in a court form's words: the group's
    question and its fields, as the pack labels them."""
    group = event_type.one_of.get(str(context.get("group", "")))
    names = group.fields if group is not None else []
    return Words(
        gettext_noop("choose one answer only: %(fields)s cannot be chosen together"),
        {"fields": [_field_label(event_type, name) for name in names]},
    )


def _only_if_words(event_type: EventType, context: dict[str, Any]) -> Words:
    """A field given where the pack's ``only_if`` says it has no place, in a court form's
    words: the field it depends on and its values, as the pack labels them."""
    other = str(context.get("other", ""))
    spec = event_type.fields.get(other)
    labels = (spec.option_labels if spec is not None else None) or {}
    values = [
        Words(gettext_noop("yes") if value else gettext_noop("no"), {})
        if isinstance(value, bool)
        else dict(labels.get(value) or {"en": str(value)})
        for value in context.get("values", [])
    ]
    field = dict(spec.label) if spec is not None and spec.label else {"en": other}
    if len(values) == 1:
        return Words(
            gettext_noop("only applies when %(field)s is %(value)s"),
            {"field": field, "value": values[0]},
        )
    return Words(
        gettext_noop("only applies when %(field)s is one of: %(values)s"),
        {"field": field, "values": values},
    )


def _participants(case: Case) -> dict[str, str]:
    return dict(case.roster.get("participants", {}))


def _charges(case: Case) -> list[str]:
    return list(case.roster.get("charges", []))


def _check_participant(case: Case, uid: str, field: str, roles: list[str] | None) -> None:
    role = _participants(case).get(uid)
    if role is None:
        raise InvalidInput(
            f"{field}: no participant {uid!r} in case {case.nuid}",
            errors=[{"field": field, "message": f"no participant {uid!r} in this case"}],
        )
    if roles and role not in roles:
        raise InvalidInput(
            f"{field}: participant {uid!r} is a {role}, not one of {roles}",
            errors=[{"field": field, "message": f"must be a participant with role {roles}"}],
        )


def _new_id(prefix: str, taken: set[str]) -> str:
    n = len(taken) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _enrich_core(
    case: Case, pack: Pack, type_name: str, payload: dict[str, Any], original: Event | None
) -> dict[str, Any]:
    """Check references of a core payload and fill in generated ids and catalogue data."""
    if type_name == "participant.added":
        _enrich_participant(case, pack, payload, original)
    elif type_name == "charge.filed":
        _enrich_charge(case, pack, payload, original)
    return payload


def _enrich_participant(
    case: Case, pack: Pack, payload: dict[str, Any], original: Event | None
) -> None:
    taken = set(_participants(case))
    if original is not None:
        uid = payload["participant"] = original.payload["participant"]
        # a correction restates the same person; it cannot re-point to another one
        payload["person"]["uid"] = original.payload["person"]["uid"]
        was = _participants(case).get(uid)
        if was is not None and was != payload["role"]:
            _check_still_accused(case, payload)
            # custody, measures, …: what their projections hold for this role
            projection.role_change(case, pack, uid, was, payload["role"])
            _check_still_named(case, pack, uid, payload["role"])
        return
    if "participant" not in payload:
        payload["participant"] = _new_id("P", taken)
    elif payload["participant"] in taken:
        raise InvalidInput(
            f"participant {payload['participant']!r} already exists in this case",
            errors=[{"field": "payload.participant", "message": "already used in this case"}],
        )
    payload["person"].setdefault("uid", uuid.uuid4().hex)
    _check_person_link(payload["person"])


def _check_still_accused(case: Case, payload: dict[str, Any]) -> None:
    """A correction may not make someone a charge names as the accused into a victim, a
    witness, …: the charge would accuse a person the case no longer calls accused."""
    uid = payload["participant"]
    if payload["role"] == "accused" or _participants(case).get(uid) != "accused":
        return
    charges = sorted(
        Charge.objects.filter(case=case, accused__uid=uid).values_list("uid", flat=True)
    )
    if not charges:
        return
    raise InvalidInput.of(
        "payload.role",
        Words(
            gettext_noop(
                "may not change from accused while a charge names this participant as the "
                "accused (%(charges)s): correct the charge first"
            ),
            {"charges": ", ".join(charges)},
        ),
        f"participant {uid!r} is the accused in charge {', '.join(charges)}: correct the "
        "charge to name another accused before correcting the role",
    )


def _check_still_named(case: Case, pack: Pack, uid: str, becomes: str) -> None:
    """A correction may not give a participant a role that an entry on the record could
    not have named them in: the pack's participant fields take only some roles (an
    indictment's and a verdict's ``accused``, an appeal's ``appellant``), and
    ``_check_references`` held each entry to them when it was recorded. The projectors'
    ``role_change`` speak first for what they hold (custody entries, measures); this reads
    the rest (one query, only for a correction that changes a role)."""
    refusing = {
        name: [f for f, spec in et.fields.items() if _excludes(spec, becomes)]
        for name, et in pack.event_types.items()
        if not et.core
    }
    refusing = {name: found for name, found in refusing.items() if found}
    if not refusing:
        return
    rows = (
        Event.objects.filter(case=case, type__in=sorted(refusing))
        .order_by("seq")
        .values_list("seq", "type", "payload", "corrects_seq")
    )
    latest, _ = as_last_corrected(
        (seq, corrects, (type_name, payload or {})) for seq, type_name, payload, corrects in rows
    )
    named = [
        (seq, type_name, field)
        for seq, (type_name, payload) in sorted(latest.items())
        for field in refusing[type_name]
        if payload.get(field) == uid
    ]
    if not named:
        return
    entries = ", ".join(sorted({str(seq) for seq, _, _ in named}, key=int))
    where = "; ".join(f"entry {seq} ({t}) names them as {field}" for seq, t, field in named)
    role = pack.roles.get(becomes) or {"en": becomes}
    raise InvalidInput.of(
        "payload.role",
        Words(
            gettext_noop(
                "may not change to %(role)s while entries %(entries)s name this participant "
                "where the rule pack does not take that role: correct those entries first"
            ),
            {"role": dict(role), "entries": entries},
        ),
        f"participant {uid!r} may not become a {becomes}: {where}, which the rule pack "
        "does not allow for that role; correct those entries before correcting the role",
    )


def _excludes(spec: Any, role: str) -> bool:
    """Whether a pack field names a participant and does not take ``role``."""
    return spec.type == "participant" and bool(spec.role) and role not in spec.role


def _enrich_charge(case: Case, pack: Pack, payload: dict[str, Any], original: Event | None) -> None:
    _check_participant(case, payload["accused"], "payload.accused", ["accused"])
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
    taken = set(_charges(case))
    if original is not None:
        payload["charge"] = original.payload["charge"]
    elif "charge" not in payload:
        payload["charge"] = _new_id("C", taken)
    elif payload["charge"] in taken:
        raise InvalidInput(
            f"charge {payload['charge']!r} already exists in this case",
            errors=[{"field": "payload.charge", "message": "already used in this case"}],
        )


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


# What happened in the month before the court opened a case (the arrest, the complaint)
# is recorded in it. An entry dated earlier (``BEFORE_OPENING``, 30 days, kept in
# opening_correction.py, which holds a corrected opening date to it too) is almost always
# a mistyped year, and it sets a detention clock years back and sends notices about it:
# refused. A guard on typing, not law; a case that truly began earlier is opened with its
# real date. Likewise a date the pack marks ``after_opening`` (a hearing's start) set more than five
# years ahead: a mistyped year, not a court's calendar (a guard on typing, not law).
FAR_AHEAD = dt.timedelta(days=5 * 365 + 1)


def _opened_on(case: Case) -> dt.date:
    return case.opened_at.astimezone(ZoneInfo(case.court.timezone)).date()


def _check_not_before_opening(case: Case, occurred: dt.datetime) -> None:
    if occurred >= case.opened_at - BEFORE_OPENING:
        return
    opened = _opened_on(case)
    raise InvalidInput.of(
        "occurred_at",
        Words(
            gettext_noop(
                "may not be more than %(days)s days before the case was opened on %(opened)s"
            ),
            {"days": BEFORE_OPENING.days, "opened": opened},
        ),
        f"occurred_at is more than {BEFORE_OPENING.days} days before case {case.nuid} was "
        f"opened ({opened.isoformat()}): check the year",
    )


def _check_payload_after_opening(
    case: Case, pack: Pack, type_name: str, payload: dict[str, Any], now: dt.datetime
) -> None:
    """Payload dates the pack marks ``after_opening`` (a hearing's start) may not lie
    before the case was opened (a hearing set for 1999 in a case opened in 2026 went out
    to the family by email and SMS), nor more than ``FAR_AHEAD`` after the entry is
    recorded (a hearing typed for 2099 became the case's next hearing)."""
    event_type = pack.event_types.get(type_name)
    latest = (now + FAR_AHEAD).date()
    for name, spec in event_type.fields.items() if event_type is not None else ():
        value = payload.get(name)
        if not spec.after_opening or not isinstance(value, str):
            continue
        try:
            if spec.type == "datetime":
                moment = dt.datetime.fromisoformat(value)
                early, day = moment < case.opened_at, moment.date()
            else:
                day = dt.date.fromisoformat(value)
                early = day < _opened_on(case)
        except (ValueError, TypeError):
            continue  # the payload's own validation speaks for its format
        if early:
            opened = _opened_on(case)
            raise InvalidInput.of(
                f"payload.{name}",
                Words(
                    gettext_noop("may not be before the case was opened on %(opened)s"),
                    {"opened": opened},
                ),
                f"payload.{name} is before case {case.nuid} was opened ({opened.isoformat()})",
            )
        if day > latest:
            years = FAR_AHEAD.days // 365
            raise InvalidInput.of(
                f"payload.{name}",
                Words(
                    gettext_noop(
                        "may not be later than %(last)s (%(years)s years from now): check the year"
                    ),
                    {"last": latest, "years": years},
                ),
                f"payload.{name} is more than {years} years ahead",
            )


def _check_references(case: Case, pack: Pack, type_name: str, payload: dict[str, Any]) -> None:
    for fname, spec in pack.event_types[type_name].fields.items():
        value = payload.get(fname)
        if value is None:
            continue
        where = f"payload.{fname}"
        if spec.type == "participant":
            _check_participant(case, value, where, spec.role)
        elif spec.type == "charge" and value not in _charges(case):
            raise InvalidInput(
                f"{where}: no charge {value!r} in this case",
                errors=[{"field": where, "message": "no such charge in this case"}],
            )
        elif spec.type == "offence" and pack.offence(value) is None:
            raise InvalidInput(
                f"{where}: offence {value!r} is not in the catalogue",
                errors=[{"field": where, "message": "not in the offence catalogue"}],
            )
