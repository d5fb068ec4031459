"""A dropped append-only trigger left no trace: `migrate` had nothing to apply, `check`
found nothing, and `verify` passed while the table took UPDATE and DELETE again. Now
`expediente verify` names each append-only trigger that is missing, disabled (PostgreSQL)
or not as its migration created it, with its table and what it exposes, and exits 1;
`expediente restore_triggers` puts them back with the migrations' own statements."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from expediente.docket.models import Event

postgres_only = pytest.mark.postgres_only


def ddl(*statements: str) -> None:
    """Run schema statements in the test's transaction (PostgreSQL refuses to alter a table
    while deferred foreign-key checks are queued: they run first)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for sql in statements:
            cursor.execute(sql)


def drop(table: str, trigger: str) -> None:
    on = f" ON {table}" if connection.vendor == "postgresql" else ""
    ddl(f"DROP TRIGGER {trigger}{on}")


def restore() -> str:
    ddl()
    out = io.StringIO()
    call_command("restore_triggers", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_healthy_database_passes(docket, verify):
    result = verify()
    assert result.error is None
    assert result.broken == []


@pytest.mark.parametrize(
    ("table", "trigger", "exposed"),
    [
        ("docket_event", "docket_event_no_update", "the docket's entries can be changed in place"),
        ("docket_event", "docket_event_no_delete", "the docket's entries can be deleted"),
        ("access_accessrecord", "access_accessrecord_no_delete", "the access log's lines"),
        ("integrity_leaf", "integrity_leaf_no_update", "the Merkle log's leaves"),
        ("integrity_node", "integrity_node_no_delete", "the Merkle log's stored subtrees"),
        ("integrity_checkpoint", "integrity_checkpoint_no_update", "the signed checkpoints"),
    ],
)
def test_a_dropped_trigger_is_named_with_its_table(docket, verify, table, trigger, exposed):
    drop(table, trigger)
    result = verify()
    assert len(result.broken) == 1
    assert result.broken[0].startswith(f"BROKEN trigger {trigger} on {table} is missing: ")
    assert exposed in result.broken[0]
    assert f"({table}); restore it with `expediente restore_triggers`" in result.broken[0]
    assert str(result.error) == "1 fault(s) in the append-only triggers"


def test_the_walk_a_dropped_trigger_and_a_rewritten_entry_are_both_named(docket, verify):
    case, _ = docket
    drop("docket_event", "docket_event_no_update")
    Event.objects.filter(case=case, seq=3).update(actor_label="forger")
    result = verify()
    assert [line.split(" is ")[0] for line in result.broken] == [
        "BROKEN trigger docket_event_no_update on docket_event",
        f"BROKEN case {case.nuid} seq 3: stored hash does not match the event's content",
    ]
    assert str(result.error) == ("1 fault(s) in the append-only triggers, 1 case chain(s) broken")


def test_every_trigger_dropped_is_named_each_on_its_line(docket, verify):
    drop("docket_event", "docket_event_no_update")
    drop("docket_event", "docket_event_no_delete")
    drop("integrity_leaf", "integrity_leaf_no_delete")
    result = verify()
    assert [line.split(" is ")[0] for line in result.broken] == [
        "BROKEN trigger docket_event_no_update on docket_event",
        "BROKEN trigger docket_event_no_delete on docket_event",
        "BROKEN trigger integrity_leaf_no_delete on integrity_leaf",
    ]
    assert str(result.error) == "3 fault(s) in the append-only triggers"


def test_a_trigger_replaced_by_one_that_lets_rows_through_is_named(docket, verify):
    if connection.vendor == "postgresql":
        ddl(
            "CREATE OR REPLACE FUNCTION docket_event_append_only() RETURNS trigger AS "
            "$$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql"
        )
        names = ["docket_event_no_update", "docket_event_no_delete"]
    else:
        ddl(
            "DROP TRIGGER docket_event_no_update",
            "CREATE TRIGGER docket_event_no_update BEFORE UPDATE ON docket_event WHEN 0 "
            "BEGIN SELECT RAISE(ABORT, 'docket_event is append-only: record a correction "
            "instead'); END",
        )
        names = ["docket_event_no_update"]
    result = verify()
    assert [line.split(" is ")[0] for line in result.broken] == [
        f"BROKEN trigger {name} on docket_event" for name in names
    ]
    assert "is not the trigger its migration created" in result.broken[0]
    assert result.error is not None


@postgres_only
def test_a_disabled_trigger_is_named(docket, verify):
    ddl("ALTER TABLE docket_event DISABLE TRIGGER docket_event_no_delete")
    result = verify()
    assert [line.split(": ")[0] for line in result.broken] == [
        "BROKEN trigger docket_event_no_delete on docket_event is disabled (ALTER TABLE … "
        "DISABLE TRIGGER)"
    ]
    assert "the docket's entries can be deleted (docket_event)" in result.broken[0]
    assert str(result.error) == "1 fault(s) in the append-only triggers"


@postgres_only
def test_a_trigger_that_fires_only_for_replication_is_named(docket, verify):
    ddl("ALTER TABLE integrity_checkpoint ENABLE REPLICA TRIGGER integrity_checkpoint_no_delete")
    result = verify()
    assert len(result.broken) == 1
    assert result.broken[0].startswith(
        "BROKEN trigger integrity_checkpoint_no_delete on integrity_checkpoint fires only in "
        "replication sessions"
    )


@postgres_only
def test_a_session_where_no_trigger_fires_is_named(docket, verify):
    ddl("SET LOCAL session_replication_role = replica")
    result = verify()
    assert len(result.broken) == 1
    assert (
        "session_replication_role = replica, so no append-only trigger fires" in (result.broken[0])
    )


def test_restore_triggers_puts_back_what_was_dropped_or_disabled(docket, verify):
    case, _ = docket
    drop("docket_event", "docket_event_no_update")
    drop("integrity_node", "integrity_node_no_delete")
    if connection.vendor == "postgresql":
        ddl("ALTER TABLE docket_event DISABLE TRIGGER docket_event_no_delete")
    said = restore()
    assert "restored trigger docket_event_no_update on docket_event (was missing)" in said
    assert "restored trigger integrity_node_no_delete on integrity_node (was missing)" in said
    if connection.vendor == "postgresql":
        assert "restored trigger docket_event_no_delete on docket_event (was disabled)" in said
    assert verify().error is None
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(case=case, seq=2).update(actor_label="forger")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(case=case, seq=2).delete()


def test_restore_triggers_changes_nothing_on_a_healthy_database(docket):
    assert restore() == "ok: every append-only trigger was in place; nothing changed\n"


def test_restoring_does_not_hide_an_entry_rewritten_while_the_trigger_was_gone(docket, verify):
    case, _ = docket
    drop("docket_event", "docket_event_no_update")
    Event.objects.filter(case=case, seq=4).update(actor_label="forger")
    restore()
    result = verify()
    assert result.broken == [
        f"BROKEN case {case.nuid} seq 4: stored hash does not match the event's content"
    ]


def test_a_trigger_whose_migration_has_not_run_is_left_to_migrate(docket, verify):
    drop("docket_event", "docket_event_no_update")
    MigrationRecorder.Migration.objects.filter(app="docket", name="0002_event_append_only").delete()
    result = verify()
    assert result.broken == [
        "BROKEN trigger docket_event_no_update on docket_event is missing: its migration "
        "(docket 0002_event_append_only) has not run, so the docket's entries can be "
        "changed in place (docket_event); run `expediente migrate`"
    ]
    with pytest.raises(CommandError, match=r"docket 0002_event_append_only; run `expediente"):
        restore()
    assert verify().broken == result.broken


@postgres_only
def test_a_renamed_trigger_is_put_back_beside_it(docket, verify):
    """The renamed trigger still uses the table's function: dropping that function (as
    the migration's reverse does) failed, and the tool `verify` points to could not mend."""
    case, _ = docket
    ddl("ALTER TRIGGER docket_event_no_update ON docket_event RENAME TO docket_event_guard")
    assert "docket_event_no_update on docket_event is missing" in verify().broken[0]
    said = restore()
    assert "restored trigger docket_event_no_update on docket_event (was missing)" in said
    assert verify().error is None
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(case=case, seq=2).update(actor_label="forger")


@postgres_only
def test_a_schema_whose_name_is_quoted_is_healthy(docket, verify):
    """pg_get_triggerdef writes a schema that needs quoting with its quotes: a healthy
    database in such a schema was found faulty, ten times over, and restoring mended
    nothing."""
    ddl(
        'CREATE SCHEMA "Exp"',
        'CREATE TABLE "Exp".docket_event (LIKE public.docket_event)',
        'SET LOCAL search_path = "Exp", public',
    )
    # the table now found by that name is the one in "Exp": give it the same triggers
    from expediente.docket.immutability import guards

    guard = next(g for g in guards("postgresql") if g.table == "docket_event")
    ddl(*guard.install)
    result = verify()
    assert [b for b in result.broken if "docket_event" in b] == []
