"""What the last breach was (for the judge's due list), and when each measure deadline
row last changed (for the deadline sweep).

Rows already there get this migration's moment as ``computed_at``: the sweep never read
measure deadlines before, so its next run considers each of them once, as changed."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("docket", "0005_idempotency_key_leads"),
        ("measures", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="last_breach_seq",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="measure",
            name="last_breach_what",
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.AddField(
            model_name="measuredeadline",
            name="computed_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="measure",
            index=models.Index(
                condition=models.Q(("breach_open", True), ("status", "active")),
                fields=["court", "last_breach_at"],
                name="measure_breach_open",
            ),
        ),
        migrations.AddIndex(
            model_name="measuredeadline",
            index=models.Index(fields=["computed_at"], name="measure_deadline_computed"),
        ),
    ]
