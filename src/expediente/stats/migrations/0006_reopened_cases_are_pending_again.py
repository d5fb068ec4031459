"""A reopened case is pending again from its reopening: the case flows count the
stretches a case is pending (``CaseSpell``), and the reopenings are kept among the
decisions.

Filling: a projection still empty while events are recorded is filled by replaying the
events through the live projector, in 0008 now, once every table exists (0003, 0005 and
this migration leave it to the latest that changes the projection); a projection filled
already gets its reopenings and every case's stretches."""

import django.db.models.deletion
from django.db import migrations, models

REOPENED = "case.reopened"


def fill(apps, schema_editor):
    from importlib import import_module

    earlier = import_module("expediente.stats.migrations.0003_accused_breakdowns_without_a_join")
    events = apps.get_model("docket", "Event")
    flows = apps.get_model("stats", "CaseFlow")
    types = (*earlier.TYPES, REOPENED)
    if not flows.objects.exists() and events.objects.filter(type__in=types).exists():
        return  # replayed by 0008, once every table of the projection exists
    add_the_reopenings_and_the_stretches()


def add_the_reopenings_and_the_stretches():
    from itertools import groupby

    from expediente.docket.models import Case, Event
    from expediente.stats.models import CaseFlow
    from expediente.stats.projector import StatsProjector, _spells

    projector = StatsProjector()
    reopenings = Event.objects.filter(type=REOPENED).order_by("case_id", "seq")
    for case_id, of_case in groupby(reopenings.iterator(chunk_size=2000), key=lambda e: e.case_id):
        case = Case.objects.get(pk=case_id)
        for event in of_case:
            projector.apply(case, event, None)  # type: ignore[arg-type]
    for case in Case.objects.filter(pk__in=CaseFlow.objects.values("case_id")).iterator(
        chunk_size=2000
    ):
        _spells(case)


class Migration(migrations.Migration):
    dependencies = [
        ("docket", "0007_person_name_trigrams"),
        ("stats", "0005_first_charge_known_by_the_period_end"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseSpell",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("procedure", models.CharField(max_length=10)),
                ("case_opened_at", models.DateTimeField()),
                ("started_at", models.DateTimeField()),
                ("ended_at", models.DateTimeField(blank=True, null=True)),
                ("reopened", models.BooleanField(default=False)),
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
            ],
            options={
                "indexes": [
                    models.Index(fields=["court", "started_at"], name="stats_spell_started"),
                    models.Index(fields=["court", "ended_at"], name="stats_spell_ended"),
                    models.Index(fields=["case"], name="stats_spell_case"),
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
