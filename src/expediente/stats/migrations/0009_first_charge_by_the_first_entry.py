"""Each accused's first charge again, in the cases with a corrected charge: among charges
filed at the same moment the one recorded first comes first, and a charge corrected
twice was ordered by its first correction's number (docket 0015 gives it the number it
was first recorded under). Uses the live projector (``stats.projector._charges``), as
a replay would; a projection still empty is filled by 0008 and refreshed here too."""

from django.db import migrations


def first_charges(apps, schema_editor):
    from expediente.docket.models import Case, Event
    from expediente.stats.projector import _charges

    corrected = Event.objects.filter(type="charge.filed", corrects_seq__isnull=False)
    for case_id in sorted(set(corrected.values_list("case_id", flat=True))):
        _charges(Case.objects.get(pk=case_id))


class Migration(migrations.Migration):
    dependencies = [
        ("docket", "0015_charge_filed_seq_is_the_first_entry"),
        ("stats", "0008_counsel_entries"),
    ]

    operations = [
        migrations.RunPython(first_charges, migrations.RunPython.noop),
    ]
