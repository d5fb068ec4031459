"""The append's statements, written out: lock the case, insert the event, write the
case's head and projection columns.

``event_record`` runs these on every append. Building them through the ORM cost more
than the database spent on them (docs/performance.md), so the SQL is written once here.
The ORM's conversions are kept: values go through each field's ``get_db_prep_save``,
and the locked row comes back through the fields' converters and ``Model.from_db``,
exactly as a queryset would do it.

On PostgreSQL the insert and the update are one statement (``append_event``: a
data-modifying ``WITH``), which also evaluates the registered projectors' probes
(docket/projection.py), so an entry under the lock costs BEGIN, the lock, that statement
and COMMIT; an entry no projector needs the lock for costs a read and one statement, and
no transaction of its own (``read_case``, ``append_if_unchanged``, below). SQLite, which
has no data-modifying ``WITH``, runs the insert and the update apart (``insert_event``,
``update_case``) and needs no ``FOR UPDATE`` (every write transaction there starts with
``BEGIN IMMEDIATE``, see settings.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.models import DateTimeField, F, Field

from expediente.docket.models import Case, Event
from expediente.docket.selectors import utc_text

if TYPE_CHECKING:
    from expediente.docket.projection import Guard


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


@cache
def _lock_sql(for_update: bool, text_times: bool) -> str:
    columns = ", ".join(
        utc_text(_quoted(f.column)) if i in _time_columns() and text_times else _quoted(f.column)
        for i, f in enumerate(Case._meta.concrete_fields)
    )
    event = _quoted(Event._meta.db_table)
    lock = " FOR UPDATE" if for_update else ""
    # built from the models' metadata only; the values are parameters
    return (
        f"SELECT {columns}, "  # noqa: S608
        f"(SELECT e.{_quoted('id')} FROM {event} e "
        f"WHERE e.{_quoted('idempotency_key')} = %s AND e.{_quoted('actor_id')} = %s) "
        f"AS earlier_pk FROM {_quoted(Case._meta.db_table)} WHERE {_quoted('id')} = %s{lock}"
    )


@cache
def _key_sql() -> str:
    event = _quoted(Event._meta.db_table)
    # no ORDER BY and no LIMIT: (key, actor) is unique, and with either PostgreSQL may
    # cache a plan that walks another index (all of an account's events) to avoid a sort
    return (
        f"SELECT {_quoted('id')} FROM {event} "  # noqa: S608 - names from the model
        f"WHERE {_quoted('idempotency_key')} = %s AND {_quoted('actor_id')} = %s"
    )


def event_with_key(actor_id: int, idempotency_key: str) -> int | None:
    """The id of the event this actor recorded with this idempotency key, if any: the same
    lookup as the lock's, for the calls that do not lock (a case's opening, a retry)."""
    with connection.cursor() as cursor:
        cursor.execute(_key_sql(), [idempotency_key, actor_id])
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def lock_case(case_id: int, actor_id: int, idempotency_key: str | None) -> tuple[Case, int | None]:
    """Lock the case row and, in the same statement, find the id of the event this actor
    recorded with this idempotency key (None without a key or when there is none).

    On PostgreSQL the key lookup reads the snapshot taken before the lock was granted:
    a retry that waited for its twin sees the twin's event only in a later query."""
    postgresql = connection.vendor == "postgresql"
    sql = _lock_sql(connection.features.has_select_for_update, postgresql)
    with connection.cursor() as cursor:
        # a NULL key matches nothing: the statement's text stays the same, so it is prepared
        cursor.execute(sql, [idempotency_key, actor_id, case_id])
        row = cursor.fetchone()
    if row is None:
        raise Case.DoesNotExist(f"no case with id {case_id}")
    values = list(row[:-1])
    if postgresql:  # timestamps come as UTC text: parsing it costs less than psycopg's loader
        for i in _time_columns():
            if values[i] is not None:
                values[i] = dt.datetime.fromisoformat(values[i])
    return _case_from_row(values), row[-1]


@cache
def _time_columns() -> tuple[int, ...]:
    """The positions of Case's timestamp columns among its concrete fields."""
    return tuple(
        i for i, f in enumerate(Case._meta.concrete_fields) if isinstance(f, DateTimeField)
    )


def _case_from_row(row: Sequence[Any]) -> Case:
    """A Case from its concrete columns in model order, converted as a queryset would."""
    converters = _case_converters()
    values = list(row)
    db = _db()
    for i, expression, functions in converters:
        for convert in functions:
            values[i] = convert(values[i], expression, db)
    return Case.from_db(connection.alias, _case_attnames(), values)


@cache
def _case_attnames() -> list[str]:
    return [f.attname for f in Case._meta.concrete_fields]


def _case_converters() -> list[tuple[int, Any, list[Any]]]:
    """The converters of Case's columns (as ``SQLCompiler.get_converters`` finds them),
    kept on the connection object: backend converters are bound to it."""
    kept: list[tuple[int, Any, list[Any]]] | None = getattr(connection, "_case_converters", None)
    if kept is None:
        kept = []
        for i, field in enumerate(Case._meta.concrete_fields):
            expression = field.get_col(Case._meta.db_table)
            functions = connection.ops.get_db_converters(expression) + expression.get_db_converters(
                connection
            )
            if functions:
                kept.append((i, expression, functions))
        connection._case_converters = kept  # type: ignore[attr-defined]
    return kept


@cache
def _event_fields() -> tuple[Field[Any, Any], ...]:
    return tuple(f for f in Event._meta.concrete_fields if not f.primary_key)


@cache
def _insert_sql(returning: bool) -> str:
    fields = _event_fields()
    columns = ", ".join(_quoted(f.column) for f in fields)
    values = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {_quoted(Event._meta.db_table)} ({columns}) VALUES ({values})"  # noqa: S608
    return sql + (f" RETURNING {_quoted('id')}" if returning else "")


def _db() -> Any:
    """The thread's connection itself: field conversions given it skip the proxy's lookup
    on every attribute."""
    return connections[DEFAULT_DB_ALIAS]


def _event_params(event: Event) -> list[Any]:
    db = _db()
    return [f.get_db_prep_save(getattr(event, f.attname), db) for f in _event_fields()]


def _saved(event: Event, pk: int) -> None:
    event.pk = pk
    event._state.adding = False
    event._state.db = connection.alias


def insert_event(event: Event) -> None:
    """Insert an unsaved event and give it its id, as ``save(force_insert=True)`` would."""
    returning = connection.features.can_return_columns_from_insert
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(returning), _event_params(event))
        _saved(event, cursor.fetchone()[0] if returning else cursor.lastrowid)


def one_statement_append() -> bool:
    """Can the insert and the update be one statement (a data-modifying WITH)?"""
    return connection.vendor == "postgresql"


@cache
def _append_sql(
    names: tuple[str, ...],
    probes: tuple[str, ...],
    inline: tuple[tuple[str, str], ...],
    guards: tuple[str, ...] = (),
) -> str:
    checks = "".join(f", ({probe})" for probe in (*probes, *guards))
    more = "".join(f", {name} AS ({sql})" for name, sql in inline)
    # built from the models' metadata and the projectors' registered SQL only
    return (
        f"WITH e AS ({_insert_sql(True)}), "  # noqa: S608
        f"u AS ({_update_sql(names)} RETURNING 1){more} "
        f"SELECT e.{_quoted('id')}, (SELECT count(*) FROM u){checks} "
        "FROM e, (SELECT %s::bigint AS case_id, %s::integer AS seq) AS probe"
    )


def append_event(
    event: Event,
    case: Case,
    names: tuple[str, ...],
    probes: list[tuple[str, str]],
    inline: Sequence[tuple[str, str, list[Any]]] = (),
    guards: Sequence[Guard] = (),
) -> dict[str, Any]:
    """PostgreSQL: insert an unsaved event (giving it its id) and write these fields of its
    locked case in one statement, which also evaluates the projectors' ``probes``
    ((name, SQL) pairs) and ``guards`` ((SQL, parameters, error)), and runs their
    ``inline`` expressions ((name, SQL, parameters), docket/projection.py). Raises the
    error of the first guard found true, or that its error function gives for what it
    found (the caller's transaction then undoes the statement); returns each probe's
    value by projector name (false or NULL: nothing to do)."""
    params = [*_event_params(event), *_case_params(case, names)]
    for _name, _sql, values in inline:
        params.extend(values)
    for _sql, values, _error in guards:
        params.extend(values)
    params += [case.pk, event.seq]
    sql = _append_sql(
        names,
        tuple(sql for _name, sql in probes),
        tuple((name, sql) for name, sql, _values in inline),
        tuple(sql for sql, _values, _error in guards),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None or row[1] != 1:
        raise Case.DoesNotExist(f"no case with id {case.pk}")
    _refuse(guards, row[2 + len(probes) :])
    _saved(event, row[0])
    values = row[2 : 2 + len(probes)]
    return {name: value for (name, _sql), value in zip(probes, values, strict=True)}


def _case_field(name: str) -> Field[Any, Any]:
    return cast("Field[Any, Any]", Case._meta.get_field(name))


@cache
def _update_sql(names: tuple[str, ...]) -> str:
    assignments = ", ".join(f"{_quoted(_case_field(name).column)} = %s" for name in names)
    table = _quoted(Case._meta.db_table)
    return f"UPDATE {table} SET {assignments} WHERE {_quoted('id')} = %s"  # noqa: S608


def _case_params(case: Case, names: tuple[str, ...]) -> list[Any]:
    db = _db()
    return [
        *(_case_field(name).get_db_prep_save(getattr(case, name), db) for name in names),
        case.pk,
    ]


def update_case(case: Case, names: tuple[str, ...]) -> None:
    """Write these fields of a locked case, as ``save(update_fields=names)`` would."""
    with connection.cursor() as cursor:
        cursor.execute(_update_sql(names), _case_params(case, names))
        if cursor.rowcount != 1:
            raise Case.DoesNotExist(f"no case with id {case.pk}")


# --- The append without the case lock (PostgreSQL) -----------------------------------
#
# An entry no projector needs the lock for (no docket handler writing rows, no entry it
# brings; each projector quiet for it, or with a probe that finds nothing, or doing its
# work inline) is recorded in two round trips and no transaction of its own:
# ``read_case`` reads the case as ``lock_case`` does, without locking it, with the row's
# version (``xmin``), the projectors' probes and the guards' questions;
# ``append_if_unchanged`` then writes the case's new head on condition that the row is
# still that version, inserts the entry numbered from that update and runs the inline
# work, in one autocommitted statement. Any change to the row since the read (another
# entry, a subscription: ``hold_case`` writes the row for that reason, a rebuild) gives
# the row a new version: the update writes nothing, the entry has no number, and the
# whole statement is undone; the caller records the entry under the lock instead. The
# condition is checked after the row's lock is taken (PostgreSQL re-reads a row another
# transaction changed before it updates it), so two appends can never both pass it.
# docs/architecture.md ("The write path") says why this is equivalent to the locked
# append.


class NeedsLock(Exception):
    """The entry cannot be recorded without the case lock; nothing was written."""


class CaseMoved(NeedsLock):
    """The case row changed between the unlocked read and the write; nothing written."""


def hold_case(case_id: int) -> Case:
    """Inside the caller's transaction: the case row, locked until the transaction ends,
    as ``event_record`` locks it. What the caller then writes is seen by every entry
    recorded after it (a subscription: the entries after it are notified). The row is
    written, not only locked (``SELECT … FOR UPDATE`` would leave its version as it
    was), so that an entry read without the lock before the caller's work is not
    recorded on that reading (``append_if_unchanged``). Code that must be ordered with
    a case's entries holds the case with this, never with ``select_for_update``
    (tests/docket/test_an_entry_read_without_the_lock_misses_nothing.py checks it)."""
    if not connection.in_atomic_block:
        raise RuntimeError("hold_case needs a transaction (transaction.atomic)")
    if not Case.objects.filter(pk=case_id).update(last_seq=F("last_seq")):
        raise Case.DoesNotExist(f"no case with id {case_id}")
    return Case.objects.get(pk=case_id)


@dataclass(frozen=True)
class Unlocked:
    """A case read without its lock (``read_case``): the row's version, and the guards'
    questions asked with the read (SQL and parameters) and their answers."""

    version: str
    asked: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    answers: tuple[Any, ...] = ()


@cache
def _read_sql(probes: tuple[str, ...], questions: tuple[str, ...]) -> str:
    locked = _lock_sql(False, True)
    head, _, tail = locked.partition(" FROM " + _quoted(Case._meta.db_table) + " WHERE ")
    checks = "".join(f", ({sql})" for sql in (*probes, *questions))
    table = _quoted(Case._meta.db_table)
    # the same columns and key lookup as the lock's; the probes and questions see the
    # number of the entry that would come next
    return (
        f"{head}, xmin::text{checks} FROM {table}, "
        f"LATERAL (SELECT {table}.{_quoted('id')} AS case_id, "
        f"{table}.{_quoted('last_seq')} + 1 AS seq) AS probe "
        f"WHERE {table}.{tail}"
    )


def read_case(
    case_id: int,
    actor_id: int,
    idempotency_key: str | None,
    probes: Sequence[str],
    questions: Sequence[tuple[str, tuple[Any, ...]]] = (),
) -> tuple[Case, int | None, Unlocked, list[Any]]:
    """PostgreSQL: the case as ``lock_case`` gives it, without locking it; the id of the
    actor's event with this key (or None); the row's version with the answers to the
    guards' ``questions`` ((SQL, parameters) over ``probe(case_id, seq)``); each probe's
    value for the entry that would come next."""
    sql = _read_sql(tuple(probes), tuple(text for text, _values in questions))
    params = [idempotency_key, actor_id]
    for _text, values in questions:
        params.extend(values)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, case_id])
        row = cursor.fetchone()
    if row is None:
        raise Case.DoesNotExist(f"no case with id {case_id}")
    width = len(Case._meta.concrete_fields)
    columns = list(row[:width])
    for i in _time_columns():
        if columns[i] is not None:
            columns[i] = dt.datetime.fromisoformat(columns[i])
    found = list(row[width + 2 :])
    answers = tuple(found[len(probes) :])
    unlocked = Unlocked(row[width + 1], tuple(questions), answers)
    return _case_from_row(columns), row[width], unlocked, found[: len(probes)]


@cache
def _append_if_sql(names: tuple[str, ...], inline: tuple[tuple[str, str], ...]) -> str:
    fields = _event_fields()
    columns = ", ".join(_quoted(f.column) for f in fields)
    # the entry's number is the one the case's update wrote: when the row was not the one
    # read, there is none, the insert breaks its NOT NULL and the whole statement (the
    # projectors' inline work with it) is undone
    values = ", ".join("(SELECT last_seq FROM u)" if f.attname == "seq" else "%s" for f in fields)
    more = "".join(f", {part} AS ({text})" for part, text in inline)
    # built from the models' metadata and the projectors' registered SQL only
    return (
        f"WITH u AS ({_update_sql(names)} AND xmin = CAST(%s AS xid) "  # noqa: S608
        f"RETURNING {_quoted('last_seq')}), "
        f"e AS (INSERT INTO {_quoted(Event._meta.db_table)} ({columns}) VALUES ({values}) "
        f"RETURNING {_quoted('id')}){more} SELECT {_quoted('id')} FROM e"
    )


def append_if_unchanged(
    event: Event,
    case: Case,
    names: tuple[str, ...],
    unlocked: Unlocked,
    inline: Sequence[tuple[str, str, list[Any]]] = (),
) -> None:
    """PostgreSQL: write these fields of the case, insert the event (giving it its id)
    and run the projectors' ``inline`` expressions in one statement, if the case row is
    still at the version read; else raise ``CaseMoved`` and write nothing. Any refusal by the
    database is taken as the row having moved (the locked append, tried next, answers
    it: a key another request took meanwhile is a replay or a conflict there)."""
    params = [*_case_params(case, names), unlocked.version]
    params += [
        v for f, v in zip(_event_fields(), _event_params(event), strict=True) if f.attname != "seq"
    ]
    for _name, _sql, values in inline:
        params.extend(values)
    sql = _append_if_sql(names, tuple((name, sql) for name, sql, _values in inline))
    # inside the caller's transaction the failed statement is taken back alone (a
    # savepoint), as the locked append's is
    taken_back = transaction.atomic() if connection.in_atomic_block else nullcontext()
    try:
        with taken_back, connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
    except IntegrityError as exc:
        raise CaseMoved(f"case {case.pk} changed since it was read") from exc
    _saved(event, row[0])


def check_guards(case_id: int, seq: int, guards: Sequence[Guard], unlocked: Unlocked) -> None:
    """PostgreSQL, for an entry recorded without the lock: raise the first refusal of the
    projectors' guards (docket/projection.py). Asked with the read when they were the
    same questions then (``read_case``: the payload as sent gave the same SQL and
    parameters as the payload validated), else in one query of their own now. Either
    way, what they read changes only with the case row, which the write then finds
    unchanged or does not write."""
    asked = tuple((sql, tuple(values)) for sql, values, _error in guards)
    if _same(asked, unlocked.asked):
        _refuse(guards, unlocked.answers)
        return
    checks = ", ".join(f"({sql})" for sql, _values in asked)
    params = [v for _sql, values in asked for v in values] + [case_id, seq]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {checks} FROM (SELECT %s::bigint AS case_id, %s::integer AS seq) AS probe",  # noqa: S608
            params,
        )
        found = cursor.fetchone()
    _refuse(guards, found)


def _same(
    asked: tuple[tuple[str, tuple[Any, ...]], ...], before: tuple[tuple[str, tuple[Any, ...]], ...]
) -> bool:
    """The same questions, parameters of the same types too (``True == 1`` in Python, not
    once bound for the database)."""
    typed = [(sql, [(type(v), v) for v in values]) for sql, values in asked]
    return typed == [(sql, [(type(v), v) for v in values]) for sql, values in before]


def _refuse(guards: Sequence[Guard], found: Sequence[Any]) -> None:
    """Raise the error of the first guard found true, or that its error function gives
    for what it found."""
    for (_sql, _values, error), refused in zip(guards, found, strict=True):
        if not refused:
            continue
        refusal = error(refused) if callable(error) else error
        if refusal is not None:
            raise refusal
