"""A charge's ``filed_seq`` is the number of the entry it was first recorded under, also
when a correction of it was itself corrected (the projection stored the first
correction's number then). Charges whose entry was corrected are recomputed here, as a
replay of the log would give them (``expediente rebuild --check`` agrees); the others
are right already and untouched. Reads the events only, so it runs on an empty database
and on any engine."""

from django.db import migrations

FILED = "charge.filed"


def first_entries(apps, schema_editor):
    Event = apps.get_model("docket", "Event")
    Charge = apps.get_model("docket", "Charge")
    corrected = (
        Event.objects.filter(type=FILED, corrects_seq__isnull=False)
        .values_list("case_id", flat=True)
        .distinct()
    )
    for case_id in sorted(set(corrected)):
        # as the projection replays the case: the last entry naming a charge sets it
        origin: dict[int, int] = {}
        filed: dict[str, int] = {}
        entries = Event.objects.filter(case_id=case_id).order_by("seq")
        for seq, type_, payload, corrects in entries.values_list(
            "seq", "type", "payload", "corrects_seq"
        ):
            first = origin.get(corrects, corrects) if corrects is not None else seq
            origin[seq] = first
            if type_ == FILED and isinstance(payload.get("charge"), str):
                filed[payload["charge"]] = first
        for uid, seq in filed.items():
            Charge.objects.filter(case_id=case_id, uid=uid).exclude(filed_seq=seq).update(
                filed_seq=seq
            )


class Migration(migrations.Migration):
    dependencies = [
        ("docket", "0014_participation_age_flag"),
    ]

    operations = [
        migrations.RunPython(first_entries, migrations.RunPython.noop),
    ]
