"""Database triggers that make a table append-only, on SQLite and PostgreSQL alike.

Used by the migrations of every append-only table (the docket's events, the access
log): ``BEFORE UPDATE`` and ``BEFORE DELETE`` triggers named ``<table>_no_update`` and
``<table>_no_delete`` abort with ``message``. Migrations import this module, so what it
writes for a table must never change: add a parameter instead.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _statements(table: str, message: str) -> dict[str, tuple[list[str], list[str]]]:
    function = f"{table}_append_only"
    return {
        "sqlite": (
            [
                f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, '{message}'); END;""",
                f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, '{message}'); END;""",
            ],
            [
                f"DROP TRIGGER IF EXISTS {table}_no_update;",
                f"DROP TRIGGER IF EXISTS {table}_no_delete;",
            ],
        ),
        "postgresql": (
            [
                f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation'; END;
        $$ LANGUAGE plpgsql;""",
                f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {function}();""",
                f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {function}();""",
            ],
            [
                f"DROP TRIGGER IF EXISTS {table}_no_update ON {table};",
                f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table};",
                f"DROP FUNCTION IF EXISTS {function}();",
            ],
        ),
    }


def append_only(table: str, message: str) -> migrations.RunPython:
    """The migration operation that installs (and, reversed, removes) the triggers."""
    statements = _statements(table, message)

    def run(index: int) -> Any:
        def apply(apps: Any, schema_editor: Any) -> None:
            vendor = schema_editor.connection.vendor
            if vendor not in statements:
                raise RuntimeError(f"append-only triggers are not written for {vendor}")
            for sql in statements[vendor][index]:
                schema_editor.execute(sql)

        return apply

    return migrations.RunPython(run(0), run(1))
