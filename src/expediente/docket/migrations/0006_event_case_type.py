"""Event: the index of its own on ``case`` goes, ``(case, type)`` comes.

``(case, seq)`` (unique) and ``(case, type)`` both lead with the case, so a lookup by case
keeps an index, and PostgreSQL no longer picks the case-only index for "a case's last 20
entries" (it read and sorted all of a case's entries instead of 20 from ``(case, seq)``);
``(case, type)`` serves the entries a case's status is read from (api, disclosure).

Written by hand: Django would rebuild the whole table on SQLite to drop a field's index,
and the rebuilt table would lose the triggers that keep the log append-only
(0002). Dropping and creating indexes leaves the table, and its triggers, as they are.
"""

import django.db.models.deletion
from django.db import migrations, models

FIELD_INDEX = "docket_event_case_id_e114ac81"  # the name Django gave the field's index


class Migration(migrations.Migration):
    dependencies = [
        ("docket", "0005_idempotency_key_leads"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="event",
                    name="case",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="docket.case",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    sql=f'DROP INDEX IF EXISTS "{FIELD_INDEX}"',
                    reverse_sql=f'CREATE INDEX "{FIELD_INDEX}" ON "docket_event" ("case_id")',
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["case", "type"], name="event_case_type"),
        ),
    ]
