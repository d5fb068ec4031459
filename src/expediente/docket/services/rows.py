"""The append's three statements, written out: lock the case, insert the event, write
the case's head and projection columns.

``event_record`` runs these on every append. Building them through the ORM cost more
than the database spent on them (docs/performance.md), so the SQL is written once here.
The ORM's conversions are kept: values go through each field's ``get_db_prep_save``,
and the locked row comes back through ``Case.objects.raw`` (the fields' converters and
``Model.from_db``), exactly as a queryset would do it. The SQL is the same on SQLite
and PostgreSQL except ``FOR UPDATE``, which SQLite has no use for (every write
transaction there starts with ``BEGIN IMMEDIATE``, see settings.py).
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from django.db import connection
from django.db.models import Field

from expediente.docket.models import Case, Event


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


@cache
def _lock_sql(for_update: bool) -> str:
    columns = ", ".join(_quoted(f.column) for f in Case._meta.concrete_fields)
    event = _quoted(Event._meta.db_table)
    lock = " FOR UPDATE" if for_update else ""
    # built from the models' metadata only; the values are parameters
    return (
        f"SELECT {columns}, "  # noqa: S608
        f"(SELECT e.{_quoted('id')} FROM {event} e "
        f"WHERE e.{_quoted('idempotency_key')} = %s AND e.{_quoted('actor_id')} = %s) "
        f"AS earlier_pk FROM {_quoted(Case._meta.db_table)} WHERE {_quoted('id')} = %s{lock}"
    )


def lock_case(case_id: int, actor_id: int, idempotency_key: str | None) -> tuple[Case, int | None]:
    """Lock the case row and, in the same statement, find the id of the event this actor
    recorded with this idempotency key (None without a key or when there is none).

    On PostgreSQL the key lookup reads the snapshot taken before the lock was granted:
    a retry that waited for its twin sees the twin's event only in a later query."""
    sql = _lock_sql(connection.features.has_select_for_update)
    # a NULL key matches nothing: the statement's text stays the same, so it is prepared
    rows = list(Case.objects.raw(sql, [idempotency_key, actor_id, case_id]))
    if not rows:
        raise Case.DoesNotExist(f"no case with id {case_id}")
    locked = rows[0]
    earlier: int | None = getattr(locked, "earlier_pk", None)
    return locked, earlier


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


def insert_event(event: Event) -> None:
    """Insert an unsaved event and give it its id, as ``save(force_insert=True)`` would."""
    returning = connection.features.can_return_columns_from_insert
    params = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in _event_fields()]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(returning), params)
        event.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    event._state.adding = False
    event._state.db = connection.alias


def _case_field(name: str) -> Field[Any, Any]:
    return cast("Field[Any, Any]", Case._meta.get_field(name))


@cache
def _update_sql(names: tuple[str, ...]) -> str:
    assignments = ", ".join(f"{_quoted(_case_field(name).column)} = %s" for name in names)
    table = _quoted(Case._meta.db_table)
    return f"UPDATE {table} SET {assignments} WHERE {_quoted('id')} = %s"  # noqa: S608


def update_case(case: Case, names: tuple[str, ...]) -> None:
    """Write these fields of a locked case, as ``save(update_fields=names)`` would."""
    params = [_case_field(name).get_db_prep_save(getattr(case, name), connection) for name in names]
    with connection.cursor() as cursor:
        cursor.execute(_update_sql(names), [*params, case.pk])
        if cursor.rowcount != 1:
            raise Case.DoesNotExist(f"no case with id {case.pk}")
