"""Expunction orders (access/sealing.py): which cases are expunged, a projection of the
``case.expunged`` events, rebuilt from them like any projection."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0004_access_log"),
        ("docket", "0005_idempotency_key_leads"),
    ]

    operations = [
        migrations.CreateModel(
            name="Expunction",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seq", models.PositiveIntegerField(verbose_name="entry")),
                ("ordered_at", models.DateTimeField(verbose_name="ordered at")),
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="docket.case",
                    ),
                ),
            ],
            options={
                "verbose_name": "expunction",
            },
        ),
    ]
