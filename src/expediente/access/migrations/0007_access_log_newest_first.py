"""An index on the access log's ``(at, id)``, so that a court's log page (newest first,
``access_log_for_courts``) reads the log backwards and stops at its page's last line.
Without it the page sorted every line of the court's cases: the log is the fastest-growing
table (every read of protected data is a line), and at 3,000,000 lines the page took
1 s (docs/performance.md).

On PostgreSQL the index is built ``CONCURRENTLY``: a court upgrading a live docket keeps
reading and logging while it is built (a long build on a big log; nothing is locked).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

INDEX = "access_record_at_id"
TABLE = "access_accessrecord"


def _create(apps: Any, schema_editor: Any) -> None:
    concurrently = " CONCURRENTLY" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f'CREATE INDEX{concurrently} IF NOT EXISTS "{INDEX}" ON "{TABLE}" ("at", "id")'
    )


def _drop(apps: Any, schema_editor: Any) -> None:
    concurrently = " CONCURRENTLY" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f'DROP INDEX{concurrently} IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
    dependencies = [
        ("access", "0006_access_log_without_constraints"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="accessrecord",
                    index=models.Index(fields=["at", "id"], name=INDEX),
                ),
            ],
            database_operations=[migrations.RunPython(_create, _drop)],
        ),
    ]
