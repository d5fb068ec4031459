"""PostgreSQL: a trigram index on ``Person.search_name``, so that a name search (a word
at the start of any word of the name: ``LIKE 'x%' OR LIKE '% x%'``, court/pages/search.py)
reads the index instead of every person. At 34,000 demo cases (135,000 people) the scan
took 36 ms and grew with the caseload; the clerks' most frequent search.

``pg_trgm`` ships with PostgreSQL's contrib modules and is a trusted extension (the
database's owner may create it). Where it is not installed the index is left out, with a
note, and the search reads the table as before: it is a speed-up, not a requirement.
SQLite has no such index; its search reads the table.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

INDEX = "person_search_name_trgm"


def _create(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            print(
                "\n  note: PostgreSQL's pg_trgm extension is not installed here (contrib "
                "modules); case search by name will read the person table"
            )
            return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # CONCURRENTLY: a court upgrading a live docket keeps recording while it is built
    schema_editor.execute(
        f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{INDEX}" ON "docket_person" '
        'USING gin ("search_name" gin_trgm_ops)'
    )


def _drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
    dependencies = [
        ("docket", "0006_event_case_type"),
    ]

    operations = [migrations.RunPython(_create, _drop)]
