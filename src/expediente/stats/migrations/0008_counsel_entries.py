"""The ``participant.acts_for`` entries, one row each (``CounselEntry``): the legal
representation of the persons brought before the courts. Filled from the entries
already recorded by the live projector, in the order they were recorded."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from expediente.docket.models import Case, Event
    from expediente.stats.projector import ACTS_FOR, counsel_entry

    cases: dict[int, Case] = {}
    for event in Event.objects.filter(type=ACTS_FOR).order_by("case_id", "seq").iterator():
        if event.case_id not in cases:
            cases.clear()
            cases[event.case_id] = Case.objects.get(pk=event.case_id)
        counsel_entry(cases[event.case_id], event)


class Migration(migrations.Migration):
    dependencies = [
        ("docket", "0014_participation_age_flag"),
        ("stats", "0007_nationality_may_be_stateless"),
    ]

    operations = [
        migrations.CreateModel(
            name="CounselEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seq", models.PositiveIntegerField()),
                ("stated_seq", models.PositiveIntegerField()),
                ("counsel_role", models.CharField(blank=True, max_length=40)),
                ("ended", models.BooleanField(default=False)),
                ("occurred_at", models.DateTimeField()),
                (
                    "accused",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="docket.participation",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="docket.case",
                    ),
                ),
                (
                    "counsel",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="docket.participation",
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
            ],
            options={
                "indexes": [
                    models.Index(fields=["accused", "occurred_at"], name="stats_counsel_accused")
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("case", "seq"), name="stats_counsel_case_seq")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
