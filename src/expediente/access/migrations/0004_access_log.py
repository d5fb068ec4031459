"""The access log (access/access_log.py), append-only like the docket's events: both
SQLite and PostgreSQL get BEFORE UPDATE / BEFORE DELETE triggers that abort."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from expediente.docket.append_only import append_only


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
        append_only("access_accessrecord", "access_accessrecord is append-only"),
    ]
