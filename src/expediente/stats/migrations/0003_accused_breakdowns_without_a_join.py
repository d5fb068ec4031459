"""The accused rows repeat the person's sex and nationality and the case's procedure, so
that the UN-CTS flows count without joining the docket; kept in step by
``stats.projector``.

Filling: a database whose projection is still empty while events are recorded (0001
creates the tables only) is filled by replaying the events through the projector itself,
as ``expediente rebuild`` would. The replay uses the live projector and models, so it
runs here, once every column exists; a later migration that adds a column to the
projection must move it after itself (0006 replays it now). A projection filled already (by 0001 as it stood
before) gets the new columns in one statement (correlated subqueries)."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

TYPES = (
    "case.opened",
    "participant.added",
    "charge.filed",
    "verdict.delivered",
    "case.dismissed",
    "indictment.filed",
    "custody.hearing_held",
    "custody.pretrial_ordered",
    "case.expunged",
)


def fill(apps, schema_editor):
    events = apps.get_model("docket", "Event")
    flows = apps.get_model("stats", "CaseFlow")
    if not flows.objects.exists() and events.objects.filter(type__in=TYPES).exists():
        return  # replayed by 0006, once every table of the projection exists
    fill_from_the_docket(apps)


def replay_the_events(types=TYPES):
    from itertools import groupby

    from expediente.docket.models import Case, Event
    from expediente.stats.projector import StatsProjector

    projector = StatsProjector()
    events = Event.objects.filter(type__in=types).order_by("case_id", "seq")
    for case_id, of_case in groupby(events.iterator(chunk_size=2000), key=lambda e: e.case_id):
        case = Case.objects.get(pk=case_id)
        for event in of_case:
            projector.apply(case, event, None)  # type: ignore[arg-type]


def fill_from_the_docket(apps):
    accused = apps.get_model("stats", "AccusedFlow")
    person = apps.get_model("docket", "Person")
    case = apps.get_model("docket", "Case")
    of_person = person.objects.filter(pk=OuterRef("person_id"))
    accused.objects.update(
        person_sex=Subquery(of_person.values("sex")[:1]),
        person_nationality=Subquery(of_person.values("nationality")[:1]),
        case_procedure=Subquery(
            case.objects.filter(pk=OuterRef("case_id")).values("procedure")[:1]
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0002_index_the_expunged_cases"),
    ]

    operations = [
        migrations.AddField(
            model_name="accusedflow",
            name="person_nationality",
            field=models.CharField(blank=True, max_length=2),
        ),
        migrations.AddField(
            model_name="accusedflow",
            name="case_procedure",
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.AddField(
            model_name="accusedflow",
            name="person_sex",
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
