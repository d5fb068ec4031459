"""An index on ``AgencyHookAttempt.started_at``, for the worker's deletion of attempts
older than ``EXPEDIENTE_HOOK_ATTEMPTS_DAYS`` (``notify.agency_hooks.hooks_tidy``).

The table is large exactly where this is needed (a hook that failed for months), so
PostgreSQL builds the index ``CONCURRENTLY``: attempts keep being written meanwhile.
SQLite builds it plainly. The models' state has it as ``Meta.indexes`` names it."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

INDEX = "agency_hook_attempt_started"


def _create(apps: Any, schema_editor: Any) -> None:
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    if concurrently:
        # a build interrupted before leaves an invalid index that IF NOT EXISTS would keep
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT NOT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE c.relname = %s",
                [INDEX],
            )
            row = cursor.fetchone()
        if row and row[0]:
            schema_editor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{INDEX}"')
    schema_editor.execute(
        f'CREATE INDEX {concurrently}IF NOT EXISTS "{INDEX}" '
        'ON "notify_agencyhookattempt" ("started_at")'
    )


def _drop(apps: Any, schema_editor: Any) -> None:
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f'DROP INDEX {concurrently}IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
    dependencies = [
        ("notify", "0009_agency_webhooks_push_the_docket_feed"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(_create, _drop)],
            state_operations=[
                migrations.AddIndex(
                    model_name="agencyhookattempt",
                    index=models.Index(fields=["started_at"], name=INDEX),
                ),
            ],
        )
    ]
