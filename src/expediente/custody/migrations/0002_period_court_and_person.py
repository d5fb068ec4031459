"""Custody periods carry their court and person (for reference-day counts without joins)."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    CustodyPeriod = apps.get_model("custody", "CustodyPeriod")
    for period in CustodyPeriod.objects.select_related("case", "participation").iterator():
        period.court_id = period.case.court_id
        period.person_id = period.participation.person_id
        period.save(update_fields=["court", "person"])


class Migration(migrations.Migration):
    dependencies = [
        ("custody", "0001_initial"),
        ("docket", "0004_case_activity_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="custodyperiod",
            name="court",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="docket.court",
            ),
        ),
        migrations.AddField(
            model_name="custodyperiod",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="custody_periods",
                to="docket.person",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="custodyperiod",
            name="court",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="docket.court"
            ),
        ),
        migrations.AlterField(
            model_name="custodyperiod",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="custody_periods",
                to="docket.person",
            ),
        ),
        migrations.AddIndex(
            model_name="custodyperiod",
            index=models.Index(fields=["court", "started_at"], name="custody_period_court_start"),
        ),
    ]
