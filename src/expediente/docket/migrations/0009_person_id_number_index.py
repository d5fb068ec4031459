"""An index on ``Person.id_number``, so that a clerk who types an identity document's
number in the case search (court/pages/search.py) finds the cases of its holder from the
index, as a name or a case number already is.

PostgreSQL builds it ``CONCURRENTLY`` (a court upgrading a live docket keeps recording),
with ``text_pattern_ops`` so that the prefix match (``LIKE 'x%'``) reads it under any
collation; SQLite builds it plainly. Like ``0007``, it is kept out of the models' state.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

INDEX = "person_id_number_prefix"


def _create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{INDEX}" ON "docket_person" '
            '("id_number" text_pattern_ops)'
        )
    else:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "docket_person" ("id_number")'
        )


def _drop(apps: Any, schema_editor: Any) -> None:
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f'DROP INDEX {concurrently}IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
    dependencies = [
        ("docket", "0008_court_procedures"),
    ]

    operations = [migrations.RunPython(_create, _drop)]
