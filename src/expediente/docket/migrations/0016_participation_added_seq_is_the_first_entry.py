"""A participation's ``added_seq`` is the number of the entry it was first recorded
under, also when a correction of it was itself corrected (the projection stored the
first correction's number then, and the analytical extract lost that accused's
``participant.added`` row). Participations whose entry was corrected are recomputed here,
as a replay of the log would give them (``expediente rebuild --check`` agrees); the
others are right already and untouched. Reads the events only, so it runs on an empty
database and on any engine."""

from django.db import migrations

ADDED = "participant.added"


def first_entries(apps, schema_editor):
    Event = apps.get_model("docket", "Event")
    Participation = apps.get_model("docket", "Participation")
    corrected = (
        Event.objects.filter(type=ADDED, corrects_seq__isnull=False)
        .values_list("case_id", flat=True)
        .distinct()
    )
    for case_id in sorted(set(corrected)):
        # as the projection replays the case: the last entry naming a participant sets it
        origin: dict[int, int] = {}
        added: dict[str, int] = {}
        entries = Event.objects.filter(case_id=case_id).order_by("seq")
        for seq, type_, payload, corrects in entries.values_list(
            "seq", "type", "payload", "corrects_seq"
        ):
            first = origin.get(corrects, corrects) if corrects is not None else seq
            origin[seq] = first
            if type_ == ADDED and isinstance(payload.get("participant"), str):
                added[payload["participant"]] = first
        for uid, seq in added.items():
            Participation.objects.filter(case_id=case_id, uid=uid).exclude(added_seq=seq).update(
                added_seq=seq
            )


class Migration(migrations.Migration):
    dependencies = [
        ("docket", "0015_charge_filed_seq_is_the_first_entry"),
    ]

    operations = [
        migrations.RunPython(first_entries, migrations.RunPython.noop),
    ]
