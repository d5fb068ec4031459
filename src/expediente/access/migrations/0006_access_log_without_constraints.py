"""The access log's lines no longer carry foreign key constraints, nor an index of their
own on the case (access/access_log.py says why: each line's constraint checks locked
the case and the account row at commit, and an API client's concurrent reads all
locked the same account row).

PostgreSQL only: on SQLite, where those checks cost nothing worth a table rebuild (which
would also drop the append-only triggers), the table keeps them. Django's state is the
same on both."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class AlterFieldOnPostgreSQL(migrations.AlterField):
    """AlterField whose schema change runs on PostgreSQL only."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0005_expunction"),
        ("docket", "0006_event_case_type"),
    ]

    operations = [
        AlterFieldOnPostgreSQL(
            model_name="accessrecord",
            name="case",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="docket.case",
            ),
        ),
        AlterFieldOnPostgreSQL(
            model_name="accessrecord",
            name="user",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
