"""What `expediente verify` expects of the append-only triggers is read from the
migrations (each ``append_only()`` operation, its SQL recorded instead of run), so the
two cannot drift: a freshly migrated database holds exactly those triggers, as written.
The system check built on the same reading warns of a trigger that is gone."""

from __future__ import annotations

import io

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder

from expediente.docket import immutability
from expediente.docket.immutability import guards, trigger_faults, triggers_check

APPEND_ONLY = [
    ("docket_event", ("docket", "0002_event_append_only")),
    ("access_accessrecord", ("access", "0004_access_log")),
    ("integrity_leaf", ("integrity", "0001_initial")),
    ("integrity_node", ("integrity", "0001_initial")),
    ("integrity_checkpoint", ("integrity", "0001_initial")),
]


def triggers_in_the_database() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND pg_table_is_visible(c.oid)"
            )
        else:
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        return set(cursor.fetchall())


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_every_append_only_table_is_found_in_the_order_migrate_runs_them(vendor):
    found = guards(vendor)
    assert [(g.table, g.migration) for g in found] == APPEND_ONLY
    for g in found:
        assert [(t.name, t.refuses) for t in g.triggers] == [
            (f"{g.table}_no_update", "UPDATE"),
            (f"{g.table}_no_delete", "DELETE"),
        ]
        assert (g.function_body is None) == (vendor == "sqlite")


def test_a_freshly_migrated_database_holds_exactly_those_triggers_as_written(db):
    expected = {(t.table, t.name) for g in guards(connection.vendor) for t in g.triggers}
    assert triggers_in_the_database() == expected
    assert trigger_faults() == []


def test_the_check_is_silent_on_a_healthy_database(db):
    assert triggers_check(databases=["default"]) == []


def test_the_check_warns_of_a_dropped_trigger(db):
    with connection.cursor() as cursor:
        on = " ON docket_event" if connection.vendor == "postgresql" else ""
        cursor.execute(f"DROP TRIGGER docket_event_no_delete{on}")
    warnings = triggers_check(databases=["default"])
    assert [(w.id, w.level) for w in warnings] == [("docket.W001", 30)]
    assert warnings[0].msg.startswith(
        "trigger docket_event_no_delete on docket_event is missing: the docket's entries "
        "can be deleted (docket_event); restore it with `expediente restore_triggers`"
    )


def test_the_check_leaves_a_migration_not_yet_run_to_migrate(db):
    with connection.cursor() as cursor:
        on = " ON integrity_leaf" if connection.vendor == "postgresql" else ""
        cursor.execute(f"DROP TRIGGER integrity_leaf_no_update{on}")
    MigrationRecorder.Migration.objects.filter(app="integrity", name="0001_initial").delete()
    assert [f.state for f in trigger_faults()] == [immutability.NOT_MIGRATED]
    assert triggers_check(databases=["default"]) == []


def test_the_check_is_silent_when_the_database_cannot_be_reached(monkeypatch):
    def unreachable(**kwargs):
        raise OperationalError("could not connect")

    monkeypatch.setattr(immutability, "trigger_faults", unreachable)
    assert triggers_check(databases=["default"]) == []


def test_expediente_check_says_it(db):
    """Registered as a database check: `expediente check --database default` and
    `expediente migrate` say it."""
    from django.core.management import call_command

    with connection.cursor() as cursor:
        on = " ON docket_event" if connection.vendor == "postgresql" else ""
        cursor.execute(f"DROP TRIGGER docket_event_no_update{on}")
    out = io.StringIO()
    call_command("check", "--database", "default", stdout=out, stderr=out)
    assert "docket.W001" in out.getvalue()
    assert "docket_event_no_update" in out.getvalue()


def test_the_check_asks_nothing_where_no_database_is_named():
    """Every command's own checks name no database: they read none (no database is
    reachable from this test)."""
    assert triggers_check(databases=None) == []
