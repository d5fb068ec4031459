"""Projections of the event log: the case's stage and summary, its people and charges.

``apply`` is called by ``event_record`` in the same transaction as the append, and by
``rebuild`` when replaying the log; both paths run exactly this code, so a rebuild gives
exactly the live state.

Other apps (custody, measures, …) own projections of their own: they ``register`` a
``Projector`` (usually in their AppConfig.ready), and ``apply`` runs it after the
docket's own projection, in the same transaction. A projector reads the case's state
from the ``case`` object it is given (during a rebuild the row is saved only at the end).

Two optional attributes keep a projector off the append's bill when it has nothing to do
(docs/performance.md):

- ``handles``: a set of event types; the projector's ``check`` and ``apply`` are called
  only for those (without it, for every event);
- ``probe``: an SQL boolean expression over the one-row relation ``probe(case_id, seq)``
  (the case and the number of the entry being recorded), e.g. ``EXISTS (SELECT 1 FROM t
  WHERE t.case_id = probe.case_id)``. On PostgreSQL ``event_record`` evaluates it in the
  statement that inserts the entry, after the case lock is held, and skips the
  projector's ``apply`` when it is false; for an entry it may record without the lock,
  first in the read of the case (``lock_free`` below), where a true value sends the
  entry to the lock. It must therefore be false only when ``apply``
  would change nothing. Elsewhere (SQLite, rebuild) ``apply`` always runs. A probe may
  instead give a value, NULL when there is nothing to do (e.g. the JSON of the rows
  ``apply`` would read): a projector that has ``apply_found(case, event, pack, value)``
  is given it instead of ``apply``, sparing the round trip that would read the rows
  again. (Without ``apply_found`` any true value just means "apply".)

And one that spares the append a round trip when the projector has work to do:

- ``inline(case, event)``: the whole of ``apply``'s work for this event as a list of
  common table expressions ``(name, SQL, parameters)``, or None when it cannot be said
  so (``apply`` then runs as usual); an empty list means there is nothing to do. On
  PostgreSQL ``event_record`` puts them in the statement that inserts the entry and does
  not call ``apply``. They run on that statement's snapshot, after the case lock is
  held (or, without the lock, in the statement that writes only if the case row is
  unchanged since it was read, and is undone whole otherwise), before the entry has an
  id (they may use its ``seq``), and must not read rows the statement itself writes.
  Names must be unique among projectors.

And one that spares the append the round trip of a check:

- ``guard(case, type_name, payload, occurred_at, corrects_seq)``: on PostgreSQL,
  instead of a query of its own in ``check``, a refusal the append's statement decides:
  ``(SQL, parameters, error)``, the SQL an expression over ``probe(case_id, seq)`` that
  is true when the entry must be refused, or None when there is nothing to check. It
  sees the statement's snapshot (what was there before the entry, after the case lock;
  without the lock, asked with the read of the case for the payload as sent, or again in
  a query of its own when the validated payload asks otherwise; the answer holds because
  the write requires the case row unchanged), and when it is true ``event_record``
  raises ``error``, which rolls the whole append back. ``error`` may instead be a
  function of the expression's value (what the statement found: a hearing's latest
  sitting), returning the refusal or None; the expression then gives any value that is
  not false or empty. A projector with a
  ``guard`` leaves that check out of ``check`` when ``rows.one_statement_append()`` (it
  is the same condition).

And one for an entry that brings another with it:

- ``then(case, event, pack)``: entries the law or the pack makes follow from ``event``
  at the same moment, as ``(type, payload)`` pairs (a measure revoked with a return to
  custody puts the person back in custody). ``event_record`` records each through
  itself, in the same transaction, after ``event`` (a refusal of one undoes both), with
  the same actor and moment; a replay of ``event`` records nothing again. A projector
  with ``then`` says in ``brings`` (a set of event types) which types it may bring
  entries for, so that a replay of another type does not look for them.

And one that lets an entry be recorded without the case lock:

- ``quiet(case, type_name, pack)``: true when ``apply`` changes nothing for a new entry
  of this type in this case (the custody projection for an entry that is not about
  custody); its ``check`` still runs. When every projector taking part is quiet, has
  only a ``probe`` that finds nothing, or does its work ``inline`` (its ``guard`` then
  asked with the read), PostgreSQL records the entry in one statement on
  condition that the case row has not changed since it was read
  (docket/services/rows.py, ``read_case``). What a probe, a guard, a check or an inline
  expression reads must therefore change only with the case row, or through a change
  that writes the row (a subscription does: ``rows.hold_case``).

And one that lets ``rebuild --check`` name what differs:

- ``columns``: the names of the values of the rows ``snapshot`` gives (what it reads,
  e.g. ``values_list`` field names), in order: one tuple for every row, or a mapping
  from the kind of row (the first element of its key, e.g. ``"period"`` in
  ``("period", nuid, uid, seq)``) to its tuple. Without it (or for a row it does not
  name) ``rebuild --check`` names the values by position and says so.

And one for what a participant's role holds up:

- ``role_change(case, pack, participant, was, becomes)``: a correction of a
  ``participant.added`` entry would change ``participant``'s role from ``was`` to
  ``becomes``; raise ``InvalidInput`` naming ``payload.role`` when the projection holds
  something the new role may not have (a custody period binding an accused, a measure
  binding an accused or protecting a victim). ``event_record`` calls it before the
  append, in the same transaction, only for such corrections, never for any other
  entry. The docket's own refusals frame it: a charge naming the accused before, any
  other entry whose pack field would no longer take the new role after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Hashable, Mapping
from typing import Any, Protocol

from expediente.docket import ages, counsel, standing
from expediente.docket.errors import DocketError
from expediente.docket.models import Case, Charge, Event, Participation, Person
from expediente.docket.selectors import correction_root
from expediente.docket.text import fold
from expediente.docket.upsert import upsert
from expediente.rules.schema import Pack
from expediente.rules.stages import next_stage


class Projector(Protocol):
    """A projection owned by another app, kept in step with the event log."""

    name: str

    def check(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> None:
        """Refuse an event this projection cannot accept (e.g. a release before any
        arrest) by raising docket.errors.InvalidInput naming the field; runs before the
        append, so nothing is written. (A refusal given as a ``guard`` instead is decided
        by the append's statement and undone with it: see the module's docstring.)"""

    def apply(self, case: Case, event: Event, pack: Pack) -> None: ...

    def reset(self) -> None:
        """Delete every row of the projection (a rebuild replays the log into it)."""

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        """The projection's rows keyed by natural keys (not ids), for ``rebuild --check``
        (which names the values by the projector's ``columns``: see the module's
        docstring)."""


_PROJECTORS: dict[str, Projector] = {}


def register(projector: Projector) -> None:
    _PROJECTORS[projector.name] = projector


def projectors() -> list[Projector]:
    return list(_PROJECTORS.values())


def _handling(type_name: str) -> list[Projector]:
    """The projectors that take part in an event of this type (see ``handles``)."""
    return [
        p
        for p in _PROJECTORS.values()
        if (handles := getattr(p, "handles", None)) is None or type_name in handles
    ]


def probes(type_name: str) -> list[tuple[str, str]]:
    """(name, SQL expression) of each projector taking part in this type with a ``probe``."""
    return [(p.name, probe) for p in _handling(type_name) if (probe := getattr(p, "probe", None))]


Inline = list[tuple[str, str, list[Any]]]
# the refusal, or a function of what the guard's expression found that returns it (or None)
GuardError = DocketError | Callable[[Any], DocketError | None]
Guard = tuple[str, list[Any], GuardError]


def guards(
    case: Case,
    type_name: str,
    payload: dict[str, Any],
    occurred_at: dt.datetime,
    corrects_seq: int | None,
) -> list[Guard]:
    """The ``guard`` of each projector taking part in this type that has one to check."""
    found: list[Guard] = []
    for projector in _handling(type_name):
        guard = getattr(projector, "guard", None)
        got = (
            guard(case, type_name, payload, occurred_at, corrects_seq)
            if guard is not None
            else None
        )
        if got is not None:
            found.append(got)
    return found


def inlined(case: Case, event: Event) -> tuple[Inline, set[str]]:
    """The ``inline`` expressions of the projectors taking part in this event, and the
    names of the projectors they stand for (whose ``apply`` is then not called)."""
    parts: Inline = []
    names: set[str] = set()
    for projector in _handling(event.type):
        inline = getattr(projector, "inline", None)
        got = inline(case, event) if inline is not None else None
        if got is not None:
            parts.extend(got)
            names.add(projector.name)
    return parts, names


def writes_rows(type_name: str) -> bool:
    """Whether the docket's own projection of this type writes rows besides the case's
    (people, charges, standing, counsel, ages): such an entry is recorded under the case
    lock, in one transaction with them."""
    return type_name in _HANDLERS


def lock_free(case: Case, type_name: str, pack: Pack) -> bool:
    """Whether a new entry of this type may be recorded without the case lock
    (docket/services/rows.py, ``read_case``) as far as the projectors say before the
    case is read: each one taking part in the type is ``quiet`` for it, or has only a
    ``probe`` (the caller reads it with the case), or may do its work ``inline``
    (``waits_for_lock`` then asks of the entry itself)."""
    return all(_lock_free(p, case, type_name, pack) for p in _handling(type_name))


def _lock_free(projector: Projector, case: Case, type_name: str, pack: Pack) -> bool:
    if _quiet(projector, case, type_name, pack):
        return True
    return bool(getattr(projector, "probe", None)) or hasattr(projector, "inline")


def _quiet(projector: Projector, case: Case, type_name: str, pack: Pack) -> bool:
    hook = getattr(projector, "quiet", None)
    return hook is not None and bool(hook(case, type_name, pack))


def waits_for_lock(case: Case, event: Event, pack: Pack, done: Collection[str]) -> bool:
    """For an entry read without the lock, whose probes found nothing: does a projector
    still need its ``apply``? One that is not quiet, has no probe, and could not say its
    work ``inline`` (``done`` names those that did). The entry must then be recorded
    under the lock."""
    return any(
        projector.name not in done
        and not _quiet(projector, case, event.type, pack)
        and not getattr(projector, "probe", None)
        for projector in _handling(event.type)
    )


def consequences(case: Case, event: Event, pack: Pack) -> list[tuple[str, dict[str, Any]]]:
    """The entries the projectors say follow from ``event`` (see ``then``)."""
    found: list[tuple[str, dict[str, Any]]] = []
    for projector in _handling(event.type):
        then = getattr(projector, "then", None)
        if then is not None:
            found.extend(then(case, event, pack))
    return found


def may_bring(type_name: str) -> bool:
    """Whether an entry of this type may bring others with it (see ``then``)."""
    return any(type_name in getattr(p, "brings", ()) for p in _handling(type_name))


def role_change(case: Case, pack: Pack, participant: str, was: str, becomes: str) -> None:
    """Let every projector with a ``role_change`` refuse a correction that changes a
    participant's role (see the module's docstring)."""
    for projector in _PROJECTORS.values():
        hook = getattr(projector, "role_change", None)
        if hook is not None:
            hook(case, pack, participant, was, becomes)


def check(
    case: Case,
    type_name: str,
    payload: dict[str, Any],
    occurred_at: dt.datetime,
    corrects_seq: int | None = None,
) -> None:
    """Let every registered projection refuse an event before it is appended."""
    for projector in _handling(type_name):
        projector.check(case, type_name, payload, occurred_at, corrects_seq=corrects_seq)


def apply(case: Case, event: Event, pack: Pack) -> None:
    """Bring the projections up to date with one new event (the case row is saved by the caller)."""
    apply_docket(case, event, pack)
    apply_projectors(case, event, pack)


def apply_projectors(
    case: Case,
    event: Event,
    pack: Pack,
    *,
    idle: Collection[str] = (),
    found: Mapping[str, Any] | None = None,
) -> None:
    """The registered projections' part of ``apply``, for an event that is in the database
    (it has its id). ``idle``: projectors whose ``probe`` said they have nothing to do;
    ``found``: what the others' probes found, for their ``apply_found``."""
    for projector in _handling(event.type):
        if projector.name in idle:
            continue
        apply_found = getattr(projector, "apply_found", None)
        if apply_found is not None and found and projector.name in found:
            apply_found(case, event, pack, found[projector.name])
        else:
            projector.apply(case, event, pack)


def apply_docket(case: Case, event: Event, pack: Pack) -> None:
    """The docket's own part of ``apply``: the case row's columns (in memory), its people
    and charges. It does not need the event's id, so the append runs it before the insert."""
    handler = _HANDLERS.get(event.type)
    if handler is not None:
        handler(case, event, pack)
    if event.type != "case.opened" and event.corrects_seq is None:
        # A correction restates an entry: the stage moved when the entry was first
        # recorded, and a judged case whose retrial order is corrected stays judged.
        new_stage = next_stage(pack, event.type, stage=case.stage)
        if new_stage != case.stage:
            case.stage = new_stage
            case.stage_since = event.occurred_at
    case.last_seq = event.seq
    case.head_hash = event.hash
    case.updated_at = event.recorded_at


def _case_opened(case: Case, event: Event, pack: Pack) -> None:
    p = event.payload
    case.procedure = p["procedure"]
    case.confidentiality = (
        p["confidentiality"] if event.corrects_seq is None else _confidentiality(case, event)
    )
    case.police_report = p.get("police_report", "")
    case.summary = p.get("summary", "")
    if event.corrects_seq is not None and (case.stage, case.stage_since) == (
        pack.initial_stage,
        case.opened_at,
    ):
        # still in the stage the opening began: it began on the corrected date (a case
        # that has moved on keeps the date of the entry that moved it)
        case.stage_since = event.occurred_at
    case.opened_at = event.occurred_at
    if event.corrects_seq is None:
        case.roster = {"participants": {}, "charges": []}
        case.stage = pack.initial_stage
        case.stage_since = event.occurred_at
    else:
        # a new date or procedure: every accused's age is judged against it again
        ages.refresh_case(case, pack, event=event)


def person_payload(person: Person) -> dict[str, Any]:
    """A person row as the payload that would record it (the inverse of person_fields)."""
    data: dict[str, Any] = {
        "uid": person.uid,
        "kind": person.kind,
        "given_names": person.given_names,
        "family_names": person.family_names,
        "legal_name": person.legal_name,
        "sex": person.sex,
        "id_number": person.id_number,
    }
    if person.date_of_birth:
        data["date_of_birth"] = person.date_of_birth.isoformat()
    if person.nationality:
        data["nationality"] = person.nationality
    return data


def person_fields(data: dict[str, Any]) -> dict[str, Any]:
    dob = data.get("date_of_birth")
    given, family, legal = (data.get(k, "") for k in ("given_names", "family_names", "legal_name"))
    return {
        "kind": data.get("kind", "natural"),
        "given_names": given,
        "family_names": family,
        "legal_name": legal,
        "sex": data.get("sex", "unknown"),
        "date_of_birth": dt.date.fromisoformat(dob) if dob else None,
        "id_number": data.get("id_number", ""),
        "nationality": data.get("nationality") or "",
        "search_name": fold(" ".join(x for x in (given, family, legal) if x)),
    }


def _participant_added(case: Case, event: Event, pack: Pack) -> None:
    p = event.payload
    fields = person_fields(p["person"])
    restated = event.corrects_seq is not None
    # a correction may change the person's date of birth, which every case naming them
    # judges their age by; only a new participation may not (``_check_person_link``)
    born_before = _date_of_birth(p["person"]["uid"]) if restated else None
    person = upsert(Person, key={"uid": p["person"]["uid"]}, values=fields)
    participants = case.roster.setdefault("participants", {})
    participants[p["participant"]] = p["role"]
    # a new participant cannot have been arrested in the case yet: no query for them
    arrests = ages.arrest_days(case, before_seq=event.seq) if restated else {}
    age_flag = ages.flag(
        case, pack, p["role"], fields["date_of_birth"], arrests.get(p["participant"], [])
    )
    row = upsert(
        Participation,
        key={"case": case, "uid": p["participant"]},
        values={
            "person": person,
            "role": p["role"],
            "pseudonym": p.get("pseudonym", ""),
            "protected": p.get("protected", False),
            # the number the participant was first recorded under, however often corrected
            "added_seq": event.seq
            if event.corrects_seq is None
            else correction_root(case, event.corrects_seq),
            "age_flag": age_flag,
        },
    )
    if restated and born_before != fields["date_of_birth"]:
        # the person as restated here is the person in every case that names them; a
        # correction that leaves the date of birth alone changes no other case's flag
        ages.refresh_person(person, besides=row.pk)


def _date_of_birth(uid: str) -> dt.date | None:
    return Person.objects.filter(uid=uid).values_list("date_of_birth", flat=True).first()


def _charge_filed(case: Case, event: Event, pack: Pack) -> None:
    p = event.payload
    charges = case.roster.setdefault("charges", [])
    if p["charge"] not in charges:
        charges.append(p["charge"])
    accused = Participation.objects.get(case=case, uid=p["accused"])
    upsert(
        Charge,
        key={"case": case, "uid": p["charge"]},
        values={
            "accused": accused,
            "offence_code": p["offence"],
            "offence_label": p["offence_label"],
            "iccs": p["iccs"],
            "attempted": p.get("attempted", False),
            "firearm": p.get("firearm", False),
            "violence_against_women": p.get("violence_against_women", False),
            "cyber": p.get("cyber", False),
            # the number the charge was first recorded under, however often corrected
            "filed_seq": event.seq
            if event.corrects_seq is None
            else correction_root(case, event.corrects_seq),
            "filed_at": event.occurred_at,
        },
    )


# Orders that change a case's confidentiality after its opening (their payloads come from
# the pack: ``case.unsealed`` names the confidentiality from then on). An expunction is a
# sealing for good (access/sealing.py keeps which cases are expunged).
CONFIDENTIALITY_ORDERS = ("case.sealed", "case.unsealed", "case.expunged")


def order_effect(type_name: str, payload: dict[str, Any]) -> str:
    if type_name == "case.opened":
        return str(payload["confidentiality"])
    if type_name == "case.unsealed":
        return str(payload.get("confidentiality") or "restricted")
    return "sealed"


def _confidentiality(case: Case, event: Event) -> str:
    """The confidentiality the whole history gives, up to and including ``event``: the
    opening and every order in recording order, each as last corrected. So correcting
    the opening (or an old order) never undoes a later sealing, unsealing or expunction.
    Reads the entries before ``event`` (one query, only for such corrections); a rebuild
    replays in recording order, so it reads the same entries."""
    rows = (
        Event.objects.filter(
            case_id=case.pk, seq__lt=event.seq, type__in=("case.opened", *CONFIDENTIALITY_ORDERS)
        )
        .order_by("seq")
        .values_list("seq", "type", "payload", "corrects_seq")
    )
    latest: dict[int, tuple[str, dict[str, Any]]] = {}
    for seq, type_name, payload, corrects in [
        *rows,
        (event.seq, event.type, event.payload, event.corrects_seq),
    ]:
        latest[corrects or seq] = (type_name, payload)  # a correction restates its entry
    value = case.confidentiality
    for key in sorted(latest):
        value = order_effect(*latest[key])
    return value


def _confidentiality_order(case: Case, event: Event, pack: Pack) -> None:
    case.confidentiality = (
        order_effect(event.type, event.payload)
        if event.corrects_seq is None
        else _confidentiality(case, event)
    )


def _stands_for(case: Case, event: Event, pack: Pack) -> None:
    standing.apply(case, event)


def _acts_for(case: Case, event: Event, pack: Pack) -> None:
    counsel.apply(case, event)


def _arrested(case: Case, event: Event, pack: Pack) -> None:
    """An arrest dated before the opening moves the day that stands for the acts
    (docket/ages.py), and a correction of an arrest may move it or name someone else;
    any other arrest (after the opening) cannot: nothing to do, and no query."""
    if event.corrects_seq is not None or event.occurred_at < case.opened_at:
        ages.refresh_case(case, pack, event=event)


_HANDLERS = {
    "case.opened": _case_opened,
    standing.STANDS_FOR: _stands_for,
    counsel.ACTS_FOR: _acts_for,
    "participant.added": _participant_added,
    "charge.filed": _charge_filed,
    ages.ARRESTED: _arrested,
    **dict.fromkeys(CONFIDENTIALITY_ORDERS, _confidentiality_order),
}
