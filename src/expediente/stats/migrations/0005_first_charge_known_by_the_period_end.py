"""The accused rows keep when their first charge was filed (``first_iccs_at``), so a
period's breakdowns use only a charge filed by the period's end: a closed period's
tables no longer change when a first charge comes later. The first charge is now the
earliest filed (then the first recorded).

Filling: a projection still empty while events are recorded is filled by 0006 (by
replaying the events through the live projector, once every table exists); a projection
filled already gets each case's charges read again by the projector."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from importlib import import_module

    earlier = import_module("expediente.stats.migrations.0003_accused_breakdowns_without_a_join")
    events = apps.get_model("docket", "Event")
    flows = apps.get_model("stats", "CaseFlow")
    if not flows.objects.exists() and events.objects.filter(type__in=earlier.TYPES).exists():
        return  # replayed by 0006
    read_the_charges_again()


def read_the_charges_again():
    from expediente.docket.models import Case
    from expediente.stats.models import AccusedFlow
    from expediente.stats.projector import _charges

    with_charges = AccusedFlow.objects.filter(first_iccs__isnull=False).values("case_id")
    for case in Case.objects.filter(pk__in=with_charges).iterator(chunk_size=2000):
        _charges(case)


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0004_cover_the_decisions_of_a_period"),
    ]

    operations = [
        migrations.AddField(
            model_name="accusedflow",
            name="first_iccs_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
