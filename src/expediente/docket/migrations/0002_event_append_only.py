"""The database itself refuses UPDATE and DELETE on the event log (DESIGN principle 1).

Both SQLite and PostgreSQL get BEFORE UPDATE / BEFORE DELETE triggers that abort with
'docket_event is append-only'. The application never needs to change an event: a
correction is a new event that points at the one it corrects.
"""

from django.db import migrations

MESSAGE = "docket_event is append-only: record a correction instead"

SQLITE_UP = [
    f"""CREATE TRIGGER docket_event_no_update BEFORE UPDATE ON docket_event
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER docket_event_no_delete BEFORE DELETE ON docket_event
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS docket_event_no_update;",
    "DROP TRIGGER IF EXISTS docket_event_no_delete;",
]

POSTGRES_UP = [
    f"""CREATE OR REPLACE FUNCTION docket_event_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation'; END;
        $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER docket_event_no_update BEFORE UPDATE ON docket_event
        FOR EACH ROW EXECUTE FUNCTION docket_event_append_only();""",
    """CREATE TRIGGER docket_event_no_delete BEFORE DELETE ON docket_event
        FOR EACH ROW EXECUTE FUNCTION docket_event_append_only();""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS docket_event_no_update ON docket_event;",
    "DROP TRIGGER IF EXISTS docket_event_no_delete ON docket_event;",
    "DROP FUNCTION IF EXISTS docket_event_append_only();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(
                f"append-only triggers are not written for {schema_editor.connection.vendor}"
            )
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("docket", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
