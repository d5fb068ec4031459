"""Are the append-only triggers the migrations created all in the database, as created?

The migrations of every append-only table (the docket's entries, the access log, the
Merkle log's leaves, subtrees and checkpoints) install ``BEFORE UPDATE`` and ``BEFORE
DELETE`` triggers with ``docket/append_only.append_only()``. Nothing else notices when
one is dropped (``DROP TRIGGER``), switched off (``ALTER TABLE … DISABLE TRIGGER`` on
PostgreSQL) or replaced by one that lets rows through: ``migrate`` still finds the
migration applied and ``check`` finds nothing, while the table takes UPDATE and DELETE
again. ``expediente verify`` asks :func:`trigger_faults`; ``expediente restore_triggers``
calls :func:`triggers_restore`, which runs the very statements the migrations ran.

The expected triggers are read from the migrations themselves: each operation built by
``append_only()`` is run against a recorder that keeps its SQL instead of executing it.
A migration that adds an append-only table is therefore checked with no change here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage
from django.core.checks import Warning as CheckWarning
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations import RunPython
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from expediente.docket import append_only

MISSING = "missing"
NOT_MIGRATED = "not migrated"
DISABLED = "disabled"
REPLICA_ONLY = "replica only"
ALTERED = "altered"
REPLICATION_ROLE = "replication role"

# What each table holds, for the operator reading a fault; any other table is named.
_HOLDS = {
    "docket_event": "the docket's entries",
    "access_accessrecord": "the access log's lines (who read a case)",
    "integrity_leaf": "the Merkle log's leaves",
    "integrity_node": "the Merkle log's stored subtrees",
    "integrity_checkpoint": "the signed checkpoints",
}
_VERB = {"UPDATE": "changed in place", "DELETE": "deleted"}
_CREATE_TRIGGER = re.compile(r"CREATE TRIGGER (\w+) BEFORE (UPDATE|DELETE) ON (\w+)")
RESTORE = "restore it with `expediente restore_triggers`, then run `expediente verify` again"


@dataclass(frozen=True)
class Trigger:
    """One trigger a migration creates: ``create`` is its statement on this database."""

    name: str
    table: str
    refuses: str  # "UPDATE" or "DELETE"
    migration: tuple[str, str]
    create: str


@dataclass(frozen=True)
class Guard:
    """One ``append_only(table, …)`` operation: its statements, forwards and backwards."""

    table: str
    migration: tuple[str, str]
    install: tuple[str, ...]
    remove: tuple[str, ...]

    @property
    def triggers(self) -> list[Trigger]:
        return [
            Trigger(name, table, refuses, self.migration, sql)
            for sql in self.install
            for name, refuses, table in _CREATE_TRIGGER.findall(sql)
        ]

    @property
    def function_body(self) -> str | None:
        """PostgreSQL: the body of the function the triggers call."""
        for sql in self.install:
            if sql.lstrip().startswith("CREATE OR REPLACE FUNCTION"):
                return sql.split("$$")[1]
        return None


@dataclass(frozen=True)
class Fault:
    trigger: str
    table: str
    state: str
    refuses: str = ""
    migration: tuple[str, str] = ("", "")

    def __str__(self) -> str:
        if self.state == REPLICATION_ROLE:
            return (
                "triggers: this database session runs with session_replication_role = "
                "replica, so no append-only trigger fires and every append-only table can "
                "be changed; reset it where it is set (ALTER ROLE … RESET "
                "session_replication_role, ALTER DATABASE … RESET session_replication_role)"
            )
        holds = _HOLDS.get(self.table, f"the rows of {self.table}")
        exposed = f"{holds} can be {_VERB[self.refuses]} ({self.table})"
        said = {
            MISSING: f"is missing: {exposed}; {RESTORE}",
            NOT_MIGRATED: (
                f"is missing: its migration ({' '.join(self.migration)}) has not run, so "
                f"{exposed}; run `expediente migrate`"
            ),
            DISABLED: f"is disabled (ALTER TABLE … DISABLE TRIGGER): {exposed}; {RESTORE}",
            REPLICA_ONLY: (
                "fires only in replication sessions (ALTER TABLE … ENABLE REPLICA TRIGGER): "
                f"{exposed}; {RESTORE}"
            ),
            ALTERED: (
                f"is not the trigger its migration created and may let rows through: "
                f"{exposed}; {RESTORE}"
            ),
        }[self.state]
        return f"trigger {self.trigger} on {self.table} {said}"


class _Recorder:
    """A stand-in schema editor that keeps the SQL a migration operation would run."""

    def __init__(self, vendor: str) -> None:
        self.connection = SimpleNamespace(vendor=vendor)
        self.statements: list[str] = []

    def execute(self, sql: str, params: Any = ()) -> None:
        self.statements.append(sql)


def _recorded(code: Any, vendor: str) -> tuple[str, ...]:
    recorder = _Recorder(vendor)
    code(None, recorder)
    return tuple(recorder.statements)


@functools.cache
def guards(vendor: str) -> tuple[Guard, ...]:
    """Every ``append_only()`` operation of the migrations on disk, in the order
    ``migrate`` runs them, with the statements it runs on ``vendor``."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    plan: list[tuple[str, str]] = []
    for leaf in sorted(graph.leaf_nodes()):
        plan += [key for key in graph.forwards_plan(leaf) if key not in plan]
    found = []
    for key in plan:
        for op in graph.nodes[key].operations:
            if isinstance(op, RunPython) and op.code.__module__ == append_only.__name__:
                install = _recorded(op.code, vendor)
                table = _CREATE_TRIGGER.search(" ".join(install))
                if table is None:
                    raise RuntimeError(f"{key}: an append_only() operation creates no trigger")
                found.append(
                    Guard(table.group(3), key, install, _recorded(op.reverse_code, vendor))
                )
    return tuple(found)


def _plain(sql: str) -> str:
    return " ".join(sql.split()).rstrip(";")


def _sqlite_faults(cursor: Any, expected: list[Trigger]) -> list[Fault]:
    cursor.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
    present = {name: (table, sql) for name, table, sql in cursor.fetchall()}
    faults = []
    for t in expected:
        if t.name not in present:
            faults.append(Fault(t.name, t.table, MISSING, t.refuses, t.migration))
            continue
        table, sql = present[t.name]
        if table != t.table or _plain(sql) != _plain(t.create):
            faults.append(Fault(t.name, t.table, ALTERED, t.refuses, t.migration))
    return faults


def _postgresql_faults(cursor: Any, expected: list[Trigger], bodies: dict[str, str]) -> list[Fault]:
    cursor.execute("SELECT current_setting('session_replication_role')")
    faults = []
    if cursor.fetchone()[0] == "replica":
        faults.append(Fault("", "", REPLICATION_ROLE))
    cursor.execute(
        """SELECT c.relname, t.tgname, t.tgenabled, quote_ident(n.nspname),
                  pg_get_triggerdef(t.oid),
                  p.prosrc
             FROM pg_trigger t
             JOIN pg_class c ON c.oid = t.tgrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND pg_table_is_visible(c.oid)
              AND c.relname = ANY(%s)""",
        [sorted(bodies)],
    )
    present = {(row[0], row[1]): row[2:] for row in cursor.fetchall()}
    for t in expected:
        found = present.get((t.table, t.name))
        if found is None:
            faults.append(Fault(t.name, t.table, MISSING, t.refuses, t.migration))
            continue
        enabled, schema, definition, body = found
        # the table as pg_get_triggerdef qualifies it: its schema quoted when it must be
        # ("Exp".docket_event), as quote_ident says it
        definition = definition.replace(f" ON {schema}.", " ON ", 1)
        if _plain(definition) != _plain(t.create) or _plain(body) != _plain(bodies[t.table]):
            faults.append(Fault(t.name, t.table, ALTERED, t.refuses, t.migration))
        elif enabled == "D":
            faults.append(Fault(t.name, t.table, DISABLED, t.refuses, t.migration))
        elif enabled == "R":
            faults.append(Fault(t.name, t.table, REPLICA_ONLY, t.refuses, t.migration))
    return faults


def trigger_faults(*, using: str = DEFAULT_DB_ALIAS) -> list[Fault]:
    """Each append-only trigger the migrations create that is missing, disabled or not
    as created, in migration order; none on a healthy database. A trigger whose
    migration has not run yet is reported as ``NOT_MIGRATED``."""
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise RuntimeError(f"append-only triggers are not written for {vendor}")
    expected = [t for g in guards(vendor) for t in g.triggers]
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            faults = _sqlite_faults(cursor, expected)
        else:
            bodies = {g.table: g.function_body or "" for g in guards(vendor)}
            faults = _postgresql_faults(cursor, expected, bodies)
    applied = MigrationRecorder(connection).applied_migrations()
    return [
        Fault(f.trigger, f.table, NOT_MIGRATED, f.refuses, f.migration)
        if f.state == MISSING and f.migration not in applied
        else f
        for f in faults
    ]


class NotMigrated(Exception):
    """Triggers whose migration has not run: ``migrate`` installs them, not a restore."""


def triggers_restore(*, using: str = DEFAULT_DB_ALIAS) -> list[Fault]:
    """Put back every missing, disabled or altered append-only trigger, with the
    statements its migration ran (each faulty table's two triggers dropped and created
    again, in one transaction); return the faults mended. Idempotent: on a healthy
    database it changes nothing. Raises :class:`NotMigrated`, changing nothing, when a
    trigger's migration has not run."""
    faults = trigger_faults(using=using)
    unmigrated = sorted({f.migration for f in faults if f.state == NOT_MIGRATED})
    if unmigrated:
        raise NotMigrated(
            "migrations not applied yet: "
            + ", ".join(" ".join(m) for m in unmigrated)
            + "; run `expediente migrate`, which creates their triggers"
        )
    mended = [f for f in faults if f.state != REPLICATION_ROLE]
    tables = {f.table for f in mended}
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for guard in guards(connection.vendor):
            if guard.table in tables:
                # the triggers only: the function is replaced by the install's CREATE OR
                # REPLACE, and dropping it fails while anything else still uses it (a
                # trigger renamed, or one a DBA added)
                for sql in [*_triggers_only(guard.remove), *guard.install]:
                    cursor.execute(sql)
    return mended


def _triggers_only(statements: Sequence[str]) -> list[str]:
    return [sql for sql in statements if not sql.lstrip().upper().startswith("DROP FUNCTION")]


def triggers_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """System check: a warning per append-only trigger missing, disabled or altered
    (those whose migration has not run are ``migrate``'s business). Silent when the
    database cannot be reached: the commands that need it will say so. Registered in
    ``docket/apps.py`` as a database check: ``expediente migrate`` and ``expediente check
    --database default`` run it (two small queries; the migrations are read once, about
    0.1 s)."""
    try:
        if DEFAULT_DB_ALIAS not in (kwargs.get("databases") or ()):
            return []  # a database check runs only where the database is named
        faults = trigger_faults()
    except DatabaseError:
        return []
    return [CheckWarning(str(f), id="docket.W001") for f in faults if f.state != NOT_MIGRATED]
