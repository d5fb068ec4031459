import datetime as dt

from django.utils import timezone

from expediente.court.models import StaffPerson
from tests.court.pages.conftest import case_url, staff

# A hearing years ahead whatever day the tests run (at most five years ahead can be
# scheduled): 6 May four years from now, 09:30 in San José.
FUTURE = dt.datetime(timezone.now().year + 4, 5, 6, 15, 30, tzinfo=dt.UTC)


def test_a_judge_sees_every_case_of_the_court_with_its_next_hearing(
    judge_client, page, accused_case, open_case, record
):
    quiet = open_case()
    record(
        accused_case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": FUTURE.isoformat(), "courtroom": "Sala 1"},
    )
    html = page(judge_client, "/court/my-cases/")
    assert "2 cases" in html
    assert case_url(accused_case) in html
    assert case_url(quiet) in html
    assert f"6 May {FUTURE.year}" in html
    assert "None scheduled" in html


def test_a_judge_can_keep_only_cases_that_name_them_as_judge(
    judge_client, page, accused_case, open_case, record, judge_user
):
    other = open_case()
    record(
        accused_case,
        "participant.added",
        {"role": "judge", "person": {"given_names": "Esteban", "family_names": "Vargas Solano"}},
    )
    html = page(judge_client, "/court/my-cases/", named="on")
    assert case_url(accused_case) in html
    assert case_url(other) not in html


def test_a_judge_does_not_see_cases_of_a_court_where_they_are_not_judge(
    page, accused_case, court, other_court
):
    from tests.court.pages.conftest import signed_in

    staff("juez.cartago", other_court, "judge")
    html = page(signed_in("juez.cartago"), "/court/my-cases/")
    assert case_url(accused_case) not in html


def test_a_clerk_is_told_the_list_is_for_judges(clerk_client, page, accused_case):
    html = page(clerk_client, "/court/my-cases/")
    assert "This list is for judges." in html
    assert case_url(accused_case) not in html


ESTEBAN = {"uid": "person.esteban", "given_names": "Esteban", "family_names": "Vargas Solano"}


def name_judge(record, case, person):
    record(case, "participant.added", {"role": "judge", "person": person})


def test_a_judge_tied_to_their_person_gets_the_cases_naming_that_person(
    judge_client, page, accused_case, open_case, record, judge_user
):
    """Tied to the docket person they are, the judge's list follows that person: not the
    other judge who shares the name, and not lost to a name typed otherwise elsewhere."""
    StaffPerson.objects.create(user=judge_user, person_uid=ESTEBAN["uid"])
    theirs, namesake, untied = accused_case, open_case(), open_case()
    name_judge(record, theirs, ESTEBAN)
    other = {"given_names": "Esteban", "family_names": "Vargas Solano"}  # another judge
    name_judge(record, namesake, other)
    html = page(judge_client, "/court/my-cases/", named="on")
    assert case_url(theirs) in html
    assert case_url(namesake) not in html
    assert case_url(untied) not in html
    assert "is not tied to a person in the docket" not in html
    # the same person, whatever a later case spells: the uid is who they are
    again = open_case()
    name_judge(record, again, ESTEBAN)
    assert case_url(again) in page(judge_client, "/court/my-cases/", named="on")


def test_an_untied_judge_is_matched_by_name_and_told_so(judge_client, page, accused_case, record):
    name_judge(record, accused_case, {"given_names": "Esteban", "family_names": "Vargas Solano"})
    html = page(judge_client, "/court/my-cases/", named="on")
    assert case_url(accused_case) in html
    assert "is not tied to a person in the docket" in html
    assert "“Esteban Vargas Solano”" in html
    assert "is not tied" not in page(judge_client, "/court/my-cases/")  # all cases: no match
