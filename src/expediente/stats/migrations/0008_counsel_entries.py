"""The ``participant.acts_for`` entries, one row each (``CounselEntry``): the legal
representation of the persons brought before the courts.

Filling: a projection still empty while events are recorded is filled here by replaying
the events through the live projector, once every table exists (0003, 0005 and 0006 leave
it to this migration; a later migration that changes the projection must move it after
itself); a projection filled already gets the entries already recorded, by the live
projector, in the order they were recorded."""

import django.db.models.deletion
from django.db import migrations, models

ACTS_FOR = "participant.acts_for"
REOPENED = "case.reopened"


def fill(apps, schema_editor):
    from importlib import import_module

    earlier = import_module("expediente.stats.migrations.0003_accused_breakdowns_without_a_join")
    events = apps.get_model("docket", "Event")
    flows = apps.get_model("stats", "CaseFlow")
    types = (*earlier.TYPES, REOPENED, ACTS_FOR)
    if not flows.objects.exists() and events.objects.filter(type__in=types).exists():
        earlier.replay_the_events(types)
    else:
        fill_the_counsel_entries()


def fill_the_counsel_entries():
    from itertools import groupby

    from expediente.docket.models import Case, Event
    from expediente.stats.projector import counsel_entry

    entries = Event.objects.filter(type=ACTS_FOR).order_by("case_id", "seq")
    for case_id, of_case in groupby(entries.iterator(chunk_size=2000), key=lambda e: e.case_id):
        case = Case.objects.get(pk=case_id)
        for event in of_case:
            counsel_entry(case, event)


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
