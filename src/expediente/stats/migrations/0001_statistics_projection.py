"""The statistics projection (stats.models); ``0003`` fills it from the events already
recorded, once all of its columns exist."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("docket", "0005_idempotency_key_leads"),
    ]

    operations = [
        migrations.CreateModel(
            name="AccusedFlow",
            fields=[
                (
                    "participation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="stats_accused",
                        serialize=False,
                        to="docket.participation",
                    ),
                ),
                ("added_at", models.DateTimeField()),
                ("first_iccs", models.CharField(blank=True, max_length=6, null=True)),
                ("vaw_charged_at", models.DateTimeField(blank=True, null=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="docket.case",
                    ),
                ),
                (
                    "court",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="docket.court",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="docket.person",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["court", "added_at"], name="stats_accused_added")],
            },
        ),
        migrations.CreateModel(
            name="CaseFlow",
            fields=[
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="docket.case",
                    ),
                ),
                ("procedure", models.CharField(max_length=10)),
                ("opened_at", models.DateTimeField()),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                ("expunged", models.BooleanField(default=False)),
                (
                    "court",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="docket.court",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["court", "opened_at"], name="stats_case_opened"),
                    models.Index(fields=["court", "resolved_at"], name="stats_case_resolved"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Decision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seq", models.PositiveIntegerField()),
                ("stated_seq", models.PositiveIntegerField()),
                ("type", models.CharField(max_length=80)),
                ("outcome", models.CharField(blank=True, max_length=40)),
                ("custodial", models.BooleanField(blank=True, null=True)),
                ("occurred_at", models.DateTimeField()),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="docket.case",
                    ),
                ),
                (
                    "court",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="docket.court",
                    ),
                ),
                (
                    "participation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="docket.participation",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="docket.person",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["type", "occurred_at"], name="stats_decision_type_at"),
                    models.Index(fields=["participation", "type"], name="stats_decision_accused"),
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("case", "seq"), name="stats_decision_case_seq")
                ],
            },
        ),
        # filled from the events by 0003, once every column of the projection exists
    ]
