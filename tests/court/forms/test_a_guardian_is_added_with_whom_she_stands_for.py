"""The clerk adds a guardian and chooses, from the case's participants, whom she stands
for: both entries are recorded together, and the case page says it. Choosing someone for
another role is refused on the field, and nothing is written."""

from expediente.docket.models import Participation
from tests.court.forms.helpers import drawn, events, field_error, submit
from tests.court.forms.test_add_a_participant import url

MOTHER = {
    "role": "guardian",
    "kind": "natural",
    "given_names": "María",
    "family_names": "Rojas Vargas",
    "sex": "female",
}


def test_the_victims_mother_is_added_for_the_child_and_the_case_page_says_so(
    staff_client, accused_case
):
    before = len(events(accused_case))
    response = submit(staff_client, url(accused_case), MOTHER | {"stands_for": "P2"})
    assert response.status_code == 302
    recorded = events(accused_case)[before:]
    assert [e.type for e in recorded] == ["participant.added", "participant.stands_for"]
    assert recorded[1].payload == {"guardian": "P3", "stands_for": "P2"}
    assert Participation.objects.get(case=accused_case, uid="P3").stands_for == "P2"
    page = staff_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    assert "Stands for: Ana Rojas Vargas, Victim" in page


def test_a_guardian_added_without_it_is_marked_not_recorded(staff_client, accused_case):
    assert submit(staff_client, url(accused_case), MOTHER).status_code == 302
    page = staff_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    assert "Whom this guardian stands for is not recorded yet." in page


def test_stands_for_is_refused_for_another_role_and_nothing_is_written(staff_client, accused_case):
    before = len(events(accused_case))
    response = submit(
        staff_client, url(accused_case), MOTHER | {"role": "witness", "stands_for": "P2"}
    )
    assert response.status_code == 200
    assert "Only a guardian stands for someone" in field_error(response, "stands_for")
    assert len(events(accused_case)) == before


def test_the_offered_people_are_those_a_guardian_may_stand_for(staff_client, accused_case):
    response = submit(staff_client, url(accused_case), MOTHER | {"stands_for": "P3"})
    assert response.status_code == 200  # P3 does not exist yet, nor could be herself
    assert field_error(response, "stands_for")
    assert len(events(accused_case)) == 4


def test_correcting_a_guardians_entry_neither_offers_nor_records_whom_she_stands_for(
    staff_client, accused_case
):
    """A correction restates the guardian's entry; whom she stands for is its own entry
    (the record page), so the correction form does not ask, and a value sent anyway (an
    old page, a crafted post) records nothing."""
    assert submit(staff_client, url(accused_case), MOTHER | {"stands_for": "P2"}).status_code == 302
    guardian = Participation.objects.get(case=accused_case, uid="P3")
    correct = f"/court/cases/{accused_case.nuid}/events/{guardian.added_seq}/correct/"
    page = staff_client.get(correct)
    assert 'name="stands_for"' not in page.content.decode()
    assert "whom she stands for" not in page.content.decode()
    before = len(events(accused_case))
    response = staff_client.post(
        correct,
        drawn(page)
        | {"family_names": "Rojas Solís", "stands_for": "P1", "correction_reason": "Mistyped"},
    )
    assert response.status_code == 302
    recorded = events(accused_case)[before:]
    assert [e.type for e in recorded] == ["participant.added"]
    assert recorded[0].payload["person"]["family_names"] == "Rojas Solís"
    assert Participation.objects.get(case=accused_case, uid="P3").stands_for == "P2"
    # adding a guardian still offers it
    assert 'name="stands_for"' in staff_client.get(url(accused_case)).content.decode()
