"""Keeps ``Sitting`` rows (court/models.py) in step with the hearing events.

Registered with ``docket.projection`` in ``CourtConfig.ready``: ``apply`` runs inside
``event_record``'s transaction and inside ``rebuild``, and only for hearing events
(``handles``). A new hearing event takes one step of the fold of
``pages.hearings.hearing_sittings`` (the fold the case page uses) from the hearing's
latest sitting: one query for that sitting, then the new sitting inserted and the old
one closed. A correction may change any earlier step, so it refolds the case's hearing
events up to this one and writes the case's rows again.

It refuses (``check``, and on PostgreSQL a ``guard`` in the append's own statement)
scheduling an id the case already has, and an entry about a scheduled hearing that the
hearing's latest sitting does not allow (``court.hearing_rules``: never scheduled,
already held, not held without a new date, held or not held before its day on the
court's clock); a correction, where it would make an entry break one of those rules
(one query for the case's hearing entries). The payload's shape is the rule pack's.
``check`` also refuses a hearing not held because the detained person was not brought
(reason ``transport_failed``) when nobody in the case was in custody, at the hearing's
time or at the entry's (``custody.selectors.anyone_held_at``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils.translation import gettext_noop

from expediente.court.hearing_refusals import made_to_break, refused, taken
from expediente.court.hearing_rules import Entry, Found, made_by_correction, refusal
from expediente.court.models import Sitting
from expediente.court.pages.hearings import (
    DATE_SETTING_TYPES,
    HEARING_TYPES,
    HELD,
    HearingEvent,
    hearing_sittings,
    parse_when,
)
from expediente.custody.selectors import anyone_held_at
from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case, Event
from expediente.docket.projection import Guard
from expediente.docket.services.rows import one_statement_append
from expediente.rules.schema import Pack

# the entries that name a hearing already scheduled
OF_A_SCHEDULED_HEARING = frozenset(HEARING_TYPES) - {"hearing.scheduled"}
FIELDS = ("hearing", "kind", "starts_at", "courtroom", "status", "closed_by_seq", "reason")
NOT_HELD = "hearing.not_held"
NOT_BROUGHT = "transport_failed"  # the reason: the detained person was not brought


def sitting_rows(case: Case, events: Iterable[HearingEvent]) -> list[Sitting]:
    """The case's sittings as unsaved rows."""
    return [
        Sitting(
            case_id=case.pk,
            court_id=case.court_id,
            hearing=s.hearing,
            set_by_seq=s.set_by_seq,
            kind=s.kind,
            starts_at=s.starts_at,
            courtroom=s.courtroom,
            status=s.status,
            closed_by_seq=s.closed_by_seq,
            reason=s.reason,
        )
        for s in hearing_sittings(events)
    ]


class HearingProjector:
    name = "court.sittings"
    columns = ("court__code", *FIELDS)  # of ``snapshot``'s rows (docket/projection.py)
    handles = frozenset(HEARING_TYPES)

    def check(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> None:
        """A hearing is scheduled once: its id names it from then on, and a new date is
        a ``hearing.rescheduled`` (recorded as such, and told as such to the family).
        Scheduling an id again silently moved the hearing and said "scheduled". And an
        entry about a hearing finds it open for it, on or after its day
        (``court.hearing_rules``): "held" of an id never scheduled was recorded and told
        to the family, and no calendar showed it; a hearing was held twice, or days
        before its date."""
        hearing = str(payload.get("hearing", ""))
        if type_name == NOT_HELD and payload.get("reason") == NOT_BROUGHT:
            _refuse_not_brought_unless_held(case, hearing, occurred_at)
        if corrects_seq is not None:
            if type_name == "hearing.scheduled":
                _refuse_taking_another_id(case, hearing, corrects_seq)
            _refuse_a_correction_that_breaks_a_rule(
                case, type_name, payload, occurred_at, corrects_seq
            )
            return
        if one_statement_append():
            return  # PostgreSQL: the ``guard`` asks, in the append's own statement
        if type_name in OF_A_SCHEDULED_HEARING:
            why = refusal(
                type_name, hearing, _latest_sitting(case.pk, hearing), occurred_at, _tz(case)
            )
            if why is not None:
                raise refused(case, type_name, why, _tz(case))
        elif type_name == "hearing.scheduled" and _latest_sitting(case.pk, hearing) is not None:
            raise taken(case, hearing)

    def guard(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> Guard | None:
        """PostgreSQL: ``check``'s question asked by the append's own statement rather
        than by a query of its own (docket/projection.py, ``guard``): is this id taken;
        or, for an entry about a scheduled hearing, where its latest sitting stands (then
        ``hearing_rules.refusal`` says whether that refuses the entry)."""
        if corrects_seq is not None:
            return None
        hearing = str(payload.get("hearing", ""))
        if type_name == "hearing.scheduled":
            return _taken_guard_sql(), [hearing], taken(case, hearing)
        if type_name not in OF_A_SCHEDULED_HEARING:
            return None
        tz = _tz(case)

        def why_not(found: Any) -> InvalidInput | None:
            why = refusal(type_name, hearing, _found(found[0]), occurred_at, tz)
            return refused(case, type_name, why, tz) if why is not None else None

        return _latest_guard_sql(), [hearing], why_not

    def apply(self, case: Case, event: Event, pack: Pack) -> None:
        if event.type not in HEARING_TYPES:
            return
        if event.corrects_seq is not None:
            _refold(case, event)
        else:
            _step(case, event)

    def inline(self, case: Case, event: Event) -> list[tuple[str, str, list[Any]]] | None:
        """PostgreSQL: a new hearing event's step as part of the append's own statement
        (docket/projection.py, ``inline``); a correction refolds in ``apply``."""
        if event.type not in HEARING_TYPES or event.corrects_seq is not None:
            return None
        if connection.vendor != "postgresql":
            return None
        return _step_parts(case, event)

    def reset(self) -> None:
        Sitting.objects.all().delete()

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        rows = Sitting.objects.values_list("case__nuid", "set_by_seq", *self.columns)
        return {(nuid, seq): tuple(rest) for nuid, seq, *rest in rows.iterator()}


@cache
def _latest_sql() -> str:
    table = connection.ops.quote_name(Sitting._meta.db_table)
    return (
        f"SELECT status, starts_at, closed_by_seq FROM {table} "  # noqa: S608
        "WHERE case_id = %s AND hearing = %s ORDER BY set_by_seq DESC LIMIT 1"
    )


@cache
def _taken_guard_sql() -> str:
    """True when a ``hearing.scheduled`` must be refused: its id is taken."""
    table = connection.ops.quote_name(Sitting._meta.db_table)
    return (
        f"EXISTS (SELECT 1 FROM {table} t "  # noqa: S608
        "WHERE t.case_id = probe.case_id AND t.hearing = %s)"
    )


@cache
def _latest_guard_sql() -> str:
    """The hearing's latest sitting as ``[[status, starts at, closed by]]``, or ``[null]``
    when it was never scheduled: never empty, so the append hands it to the guard's
    error function, which decides."""
    table = connection.ops.quote_name(Sitting._meta.db_table)
    return (
        "json_build_array((SELECT json_build_array(t.status, t.starts_at, t.closed_by_seq) "  # noqa: S608
        f"FROM {table} t WHERE t.case_id = probe.case_id AND t.hearing = %s "
        "ORDER BY t.set_by_seq DESC LIMIT 1))"
    )


def _found(row: Any) -> Found | None:
    """A latest sitting as the guard (JSON) or ``_latest_sitting`` (a row) gives it."""
    if not row:
        return None
    status, starts_at, closed_by_seq = row
    when = starts_at if isinstance(starts_at, dt.datetime) else parse_when(starts_at)
    if when is None:
        return None
    return Found(str(status), when, closed_by_seq)


def _latest_sitting(case_id: int, hearing: str) -> Found | None:
    """The hearing's latest sitting. One prepared statement, no ORM (the ORM's query
    cost twice the append's own time): on SQLite for every hearing entry, on PostgreSQL
    never for a new entry (the ``guard`` asks)."""
    with connection.cursor() as cursor:
        cursor.execute(_latest_sql(), [case_id, hearing])
        row = cursor.fetchone()
    if row is None:
        return None
    return _found((row[0], _stored_moment(row[1]), row[2]))


def _stored_moment(value: Any) -> dt.datetime:
    """A ``starts_at`` as the cursor gives it: an aware datetime (PostgreSQL), or SQLite's
    text of the moment in UTC, as Django stores it with ``USE_TZ``."""
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _tz(case: Case) -> ZoneInfo:
    return ZoneInfo(case.court.timezone)


def _refuse_taking_another_id(case: Case, hearing: str, corrects_seq: int) -> None:
    """A correction may restate its own hearing's id, not take another hearing's."""
    original = Event.objects.filter(case_id=case.pk, seq=corrects_seq).first()
    if original is None or str((original.payload or {}).get("hearing", "")) == hearing:
        return
    if _latest_sitting(case.pk, hearing) is not None:
        raise taken(case, hearing)


def _refuse_a_correction_that_breaks_a_rule(
    case: Case,
    type_name: str,
    payload: dict[str, Any],
    occurred_at: dt.datetime,
    corrects_seq: int,
) -> None:
    """A correction may not make an entry break a hearing rule it kept before: the
    entry it restates, or a later one (a new date set after the hearing was held). The
    case's hearing entries are read once (corrections are rare)."""
    entries = list(
        Event.objects.filter(case_id=case.pk, type__in=HEARING_TYPES)
        .only("seq", "type", "payload", "corrects_seq", "occurred_at")
        .order_by("seq")
    )
    correction = Entry(type_name, case.last_seq + 1, payload, corrects_seq, occurred_at)
    broken = made_by_correction(entries, correction, _tz(case))
    if not broken:
        return
    root = _root(entries, corrects_seq)
    if root in broken:
        raise refused(case, type_name, broken[root], _tz(case))
    seq, why = min(broken.items())
    other = next(e.type for e in entries if e.seq == seq)
    raise made_to_break(case, seq, other, why, _tz(case))


def _root(entries: list[Event], seq: int) -> int:
    """The original entry a correction of entry ``seq`` restates."""
    corrects = {e.seq: e.corrects_seq for e in entries}
    while (earlier := corrects.get(seq)) is not None:
        seq = earlier
    return seq


def _refuse_not_brought_unless_held(case: Case, hearing: str, occurred_at: dt.datetime) -> None:
    """ "Not held: the detained person was not brought" says someone was held. Refuse it
    when nobody in the case was in custody at the hearing's time (its latest sitting)
    nor at the entry's own moment. Two small queries, only for this reason."""
    starts = (
        Sitting.objects.filter(case_id=case.pk, hearing=hearing)
        .order_by("-set_by_seq")
        .values_list("starts_at", flat=True)
        .first()
    )
    moments = [m for m in (starts, occurred_at) if m is not None]
    if anyone_held_at(case, *moments):
        return
    when = starts or occurred_at
    raise InvalidInput.of(
        "payload.reason",
        Words(
            gettext_noop(
                "“The detained person was not brought” fits only a hearing where someone in "
                "the case was in custody, and nobody was at %(when)s (time at large is not "
                "custody): choose the reason that applies"
            ),
            {"when": when},
        ),
        f"payload.reason: transport_failed (the detained person was not brought) needs "
        f"someone in custody in case {case.nuid}, and nobody was at {when.isoformat()}",
    )


def _refold(case: Case, event: Event) -> None:
    """Write the case's sittings again from its hearing events up to ``event``."""
    events = Event.objects.filter(case_id=case.pk, type__in=HEARING_TYPES, seq__lte=event.seq).only(
        "seq", "type", "payload", "corrects_seq"
    )
    Sitting.objects.filter(case_id=case.pk).delete()
    Sitting.objects.bulk_create(sitting_rows(case, events))


def _step(case: Case, event: Event) -> None:
    """One step of ``hearing_sittings`` for a new (not correcting) hearing event, the last
    of the case: what it does to the hearing's latest sitting, and the sitting it sets.
    One statement (on SQLite two for a new date), whatever the case's history."""
    if connection.vendor == "postgresql":
        parts = _step_parts(case, event)
        if parts:
            head = ", ".join(f"{name} AS ({sql})" for name, sql, _values in parts[:-1])
            sql = (f"WITH {head} " if head else "") + parts[-1][1]
            _execute(sql, [value for _name, _sql, values in parts for value in values])
        return
    p = event.payload
    hearing = str(p.get("hearing", ""))
    if event.type not in DATE_SETTING_TYPES:  # held or not held: closes the latest sitting
        _execute(_close_sql(only_scheduled=False), [*_closing(event), case.pk, hearing])
        return
    new = _new_sitting(case, event)
    if new is None:
        return  # the fold skips a date it cannot read
    moved = ["moved", event.seq, p.get("reason", "")]
    _execute(_close_sql(only_scheduled=True), [*moved, case.pk, hearing])
    _execute(_insert_sql(), [*new[:5], case.pk, hearing, *new[5:], case.pk, hearing])


def _closing(event: Event) -> list[Any]:
    """The status, closing entry and reason that a held / not held entry gives."""
    held = event.type == HELD
    reason = "" if held else str(event.payload.get("reason", ""))
    return ["held" if held else "not_held", event.seq, reason]


def _new_sitting(case: Case, event: Event) -> list[Any] | None:
    """The new sitting's values (case id, court id, hearing id, entry, kind, starts at,
    courtroom), or None when the date cannot be read."""
    p = event.payload
    when = parse_when(p.get("starts_at"))
    if when is None:
        return None
    starts_at = Sitting._meta.get_field("starts_at").get_db_prep_save(when, connection)
    kind, courtroom = str(p.get("kind") or ""), str(p.get("courtroom") or "")
    return [
        case.pk,
        case.court_id,
        str(p.get("hearing", "")),
        event.seq,
        kind,
        starts_at,
        courtroom,
    ]


def _step_parts(case: Case, event: Event) -> list[tuple[str, str, list[Any]]]:
    """PostgreSQL: the step as common table expressions (name, SQL, parameters), the
    last one the write that ends it; empty when there is nothing to do."""
    p = event.payload
    hearing = str(p.get("hearing", ""))
    if event.type not in DATE_SETTING_TYPES:
        return [
            (
                "sittings_closed",
                _close_sql(only_scheduled=False),
                [*_closing(event), case.pk, hearing],
            )
        ]
    new = _new_sitting(case, event)
    if new is None:
        return []  # the fold skips a date it cannot read
    latest, moved, inserted = _set_date_parts()
    return [
        ("sittings_latest", latest, [case.pk, hearing]),
        ("sittings_moved", moved, [event.seq, p.get("reason", "")]),
        ("sittings_new", inserted, new),
    ]


def _execute(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


# The statements below are built from fixed names only; every value is a parameter.
_TABLE = Sitting._meta.db_table
_COLUMNS = ("case_id", "court_id", "hearing", "set_by_seq", "kind", "starts_at", "courtroom")


def _latest(column: str) -> str:
    """The hearing's latest sitting (parameters: case id, hearing id)."""
    return (
        f"SELECT {_q(column)} FROM {_q(_TABLE)} WHERE {_q('case_id')} = %s "  # noqa: S608
        f"AND {_q('hearing')} = %s ORDER BY {_q('set_by_seq')} DESC LIMIT 1"
    )


@cache
def _close_sql(*, only_scheduled: bool) -> str:
    """Close the hearing's latest sitting (parameters: status, closing entry, reason, case
    id, hearing id); with ``only_scheduled``, only if it is still scheduled."""
    condition = f" AND {_q('status')} = 'scheduled'" if only_scheduled else ""
    return (
        f"UPDATE {_q(_TABLE)} SET {_q('status')} = %s, {_q('closed_by_seq')} = %s, "  # noqa: S608
        f"{_q('reason')} = %s WHERE {_q('id')} = ({_latest('id')}){condition}"
    )


def _values(kind: str, courtroom: str) -> str:
    return (
        f"(%s, %s, %s, %s, COALESCE(NULLIF(%s, ''), ({kind}), ''), %s, "
        f"COALESCE(NULLIF(%s, ''), ({courtroom}), ''), 'scheduled', NULL, '')"
    )


def _insert_head() -> str:
    columns = ", ".join(_q(c) for c in (*_COLUMNS, "status", "closed_by_seq", "reason"))
    return f"INSERT INTO {_q(_TABLE)} ({columns}) VALUES "  # noqa: S608


@cache
def _insert_sql() -> str:
    """The new sitting, its kind and courtroom defaulting to the latest sitting's
    (parameters: case id, court id, hearing id, entry, kind, case id, hearing id, starts
    at, courtroom, case id, hearing id)."""
    return _insert_head() + _values(_latest("kind"), _latest("courtroom"))


@cache
def _set_date_parts() -> tuple[str, str, str]:
    """PostgreSQL: the hearing's latest sitting (parameters: case id, hearing id); moving
    it if it is still scheduled (parameters: entry, reason); the new sitting (parameters:
    case id, court id, hearing id, entry, kind, starts at, courtroom), named
    ``sittings_latest``, ``sittings_moved`` and ``sittings_new`` in one statement."""
    columns = ", ".join(_q(c) for c in ("id", "kind", "courtroom", "status"))
    latest = _latest("id").replace(f"SELECT {_q('id')} ", f"SELECT {columns} ", 1)
    moved = (
        f"UPDATE {_q(_TABLE)} s "  # noqa: S608
        f"SET {_q('status')} = 'moved', {_q('closed_by_seq')} = %s, {_q('reason')} = %s "
        f"FROM sittings_latest l WHERE s.{_q('id')} = l.{_q('id')} "
        f"AND l.{_q('status')} = 'scheduled'"
    )
    inserted = _insert_head() + _values(
        *(f"SELECT {_q(c)} FROM sittings_latest" for c in ("kind", "courtroom"))  # noqa: S608
    )
    return latest, moved, inserted
