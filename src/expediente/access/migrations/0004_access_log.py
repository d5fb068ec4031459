"""The access log (access/access_log.py), append-only like the docket's events: both
SQLite and PostgreSQL get BEFORE UPDATE / BEFORE DELETE triggers that abort."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MESSAGE = "access_accessrecord is append-only"

SQLITE_UP = [
    f"""CREATE TRIGGER access_accessrecord_no_update BEFORE UPDATE ON access_accessrecord
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER access_accessrecord_no_delete BEFORE DELETE ON access_accessrecord
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS access_accessrecord_no_update;",
    "DROP TRIGGER IF EXISTS access_accessrecord_no_delete;",
]
POSTGRES_UP = [
    f"""CREATE OR REPLACE FUNCTION access_accessrecord_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation'; END;
        $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER access_accessrecord_no_update BEFORE UPDATE ON access_accessrecord
        FOR EACH ROW EXECUTE FUNCTION access_accessrecord_append_only();""",
    """CREATE TRIGGER access_accessrecord_no_delete BEFORE DELETE ON access_accessrecord
        FOR EACH ROW EXECUTE FUNCTION access_accessrecord_append_only();""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS access_accessrecord_no_update ON access_accessrecord;",
    "DROP TRIGGER IF EXISTS access_accessrecord_no_delete ON access_accessrecord;",
    "DROP FUNCTION IF EXISTS access_accessrecord_append_only();",
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
    dependencies = [
        ("access", "0003_participant_codes"),
        ("docket", "0005_idempotency_key_leads"),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(verbose_name="when")),
                ("actor_label", models.CharField(max_length=160, verbose_name="who")),
                ("audience", models.CharField(max_length=20, verbose_name="as")),
                ("role", models.CharField(max_length=120, verbose_name="role")),
                ("court", models.CharField(blank=True, max_length=40, verbose_name="court")),
                ("channel", models.CharField(max_length=20, verbose_name="channel")),
                ("classes", models.JSONField(default=list, verbose_name="data read")),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="docket.case",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "access record",
                "indexes": [models.Index(fields=["case", "-at"], name="access_record_case_at")],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
