"""The Merkle log (leaves, perfect subtrees) and its signed checkpoints, append-only:
BEFORE UPDATE and BEFORE DELETE triggers on SQLite and PostgreSQL, as on the event log."""

import django.db.models.deletion
from django.db import migrations, models

from expediente.docket.append_only import append_only


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("docket", "0012_event_correction_reason"),
    ]

    operations = [
        migrations.CreateModel(
            name="Checkpoint",
            fields=[
                ("size", models.BigIntegerField(primary_key=True, serialize=False)),
                ("root", models.BinaryField(max_length=32)),
                ("signed_at", models.DateTimeField()),
                ("origin", models.CharField(max_length=200)),
                ("key_id", models.CharField(max_length=220)),
                ("public_key", models.BinaryField(max_length=32)),
                ("note", models.TextField()),
            ],
            options={
                "ordering": ["size"],
            },
        ),
        migrations.CreateModel(
            name="Leaf",
            fields=[
                ("position", models.BigIntegerField(primary_key=True, serialize=False)),
                ("hash", models.BinaryField(max_length=32)),
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="docket.event",
                    ),
                ),
            ],
            options={
                "ordering": ["position"],
            },
        ),
        migrations.CreateModel(
            name="Node",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("level", models.PositiveSmallIntegerField()),
                ("position", models.BigIntegerField()),
                ("hash", models.BinaryField(max_length=32)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("level", "position"), name="node_per_place")
                ],
            },
        ),
        append_only("integrity_leaf", "integrity_leaf is append-only"),
        append_only("integrity_node", "integrity_node is append-only"),
        append_only("integrity_checkpoint", "integrity_checkpoint is append-only"),
    ]
