"""Hearing sittings for the court calendars (a projection), filled from the events
already recorded, with the same fold the projector uses."""

import django.db.models.deletion
from django.db import migrations, models

HEARING_TYPES = ("hearing.scheduled", "hearing.rescheduled", "hearing.held", "hearing.not_held")


def fill_from_the_events(apps, schema_editor):
    from expediente.court.pages.hearings import hearing_sittings

    Case = apps.get_model("docket", "Case")
    Event = apps.get_model("docket", "Event")
    Sitting = apps.get_model("court", "Sitting")
    with_hearings = Event.objects.filter(type__in=HEARING_TYPES).values("case_id").distinct()
    for case in Case.objects.filter(pk__in=with_hearings).only("pk", "court_id").iterator():
        events = Event.objects.filter(case_id=case.pk, type__in=HEARING_TYPES).only(
            "seq", "type", "payload", "corrects_seq"
        )
        Sitting.objects.bulk_create(
            Sitting(
                case_id=case.pk,
                court_id=case.court_id,
                hearing=s.hearing,
                set_by_seq=s.set_by_seq,
                kind=s.kind,
                starts_at=s.starts_at,
                courtroom=s.courtroom,
                status=s.status,
                closed_by_seq=s.closed_by_seq,
                reason=s.reason,
            )
            for s in hearing_sittings(events)
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("docket", "0005_idempotency_key_leads"),
    ]

    operations = [
        migrations.CreateModel(
            name="Sitting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("hearing", models.TextField()),
                ("set_by_seq", models.PositiveIntegerField()),
                ("kind", models.TextField(blank=True)),
                ("starts_at", models.DateTimeField()),
                ("courtroom", models.TextField(blank=True)),
                ("status", models.CharField(max_length=10)),
                ("closed_by_seq", models.PositiveIntegerField(null=True)),
                ("reason", models.TextField(blank=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
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
                "indexes": [models.Index(fields=["court", "starts_at"], name="court_sitting_day")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("case", "set_by_seq"), name="court_sitting_one_per_setting_event"
                    )
                ],
            },
        ),
        migrations.RunPython(fill_from_the_events, migrations.RunPython.noop),
    ]
