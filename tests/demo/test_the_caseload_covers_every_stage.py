"""A demo caseload shows cases in every stage of the cr pack, adult and juvenile, in
three Costa Rican courts and a Brazilian one."""

from collections import Counter

from expediente.docket.models import Case, Event, Participation
from expediente.rules.loader import load_pack


def test_cases_stand_in_every_stage_of_the_cr_pack(demo):
    stages = Counter(Case.objects.values_list("stage", flat=True))
    assert set(stages) == {s.id for s in load_pack("cr").stages}, stages


def test_there_are_adult_and_juvenile_cases_in_their_own_courts(demo):
    by_court = set(Case.objects.values_list("court__code", "procedure").distinct())
    assert by_court == {
        ("sj-penal", "adult"),
        ("cartago-penal", "adult"),
        ("sj-juvenil", "juvenile"),
        ("ilhabela-vara", "adult"),  # a Brazilian vara única tries adults
        ("ilhabela-vara", "juvenile"),  # and adolescents
    }


def test_juvenile_cases_are_restricted_and_have_a_guardian(demo):
    juvenile = Case.objects.filter(procedure="juvenile")
    assert juvenile.exists()
    assert set(juvenile.values_list("confidentiality", flat=True)) == {"restricted"}
    with_guardian = set(
        Participation.objects.filter(case__in=juvenile, role="guardian").values_list(
            "case_id", flat=True
        )
    )
    assert with_guardian == set(juvenile.values_list("id", flat=True))
    # each stands for the case's (first) accused, as the docket records it
    for guardian in Participation.objects.filter(case__in=juvenile, role="guardian"):
        ward = Participation.objects.get(case_id=guardian.case_id, uid=guardian.stands_for)
        assert ward.role == "accused"


def test_the_caseload_uses_the_courts_everyday_events(demo):
    types = set(Event.objects.values_list("type", flat=True))
    assert {
        "custody.arrested",
        "custody.pretrial_ordered",
        "hearing.scheduled",
        "hearing.not_held",
        "indictment.filed",
        "verdict.delivered",
        "appeal.filed",
        "case.dismissed",
    } <= types
