"""Deadline.missed_at: when a deadline ended after running out (met late, or ended
without being met once overdue), for "What the court missed" (``custody.missed``).

Existing rows are filled from the columns they already hold, by the same rule as
``rules.deadlines.ended_late`` (a self-contained copy: migrations do not import the
code they predate), in one UPDATE."""

from django.db import migrations, models
from django.db.models import Case, F, Q, When


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Deadline = apps.get_model("custody", "Deadline")
    Deadline.objects.update(
        missed_at=Case(
            When(
                Q(satisfied_at__isnull=False, satisfied_at__gte=F("due_at"))
                & (Q(suspended_since__isnull=True) | Q(suspended_since__gte=F("due_at"))),
                then=F("satisfied_at"),
            ),
            When(
                Q(satisfied_at__isnull=True, stopped_at__isnull=False, stopped_at__gte=F("due_at"))
                & (Q(suspended_since__isnull=True) | Q(suspended_since__gte=F("due_at"))),
                then=F("stopped_at"),
            ),
            default=None,
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("custody", "0005_deadline_plain"),
    ]

    operations = [
        migrations.AddField(
            model_name="deadline",
            name="missed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(
                condition=models.Q(("missed_at__isnull", False)),
                fields=["court", "missed_at", "id"],
                name="deadline_court_missed",
            ),
        ),
    ]
