"""The clerk adds a defence lawyer and ticks, among the case's accused, those she acts
for: the lawyer's entry and one ``participant.acts_for`` entry per accused are recorded
together, and the case page lists, for each accused, their counsel (or "No counsel
recorded."). A withdrawal is recorded on the entry's own page, which a link from the
accused's line opens with the accused chosen. Ticking an accused for another role is
refused on the field, and nothing is written."""

from expediente.access.capabilities import ROLES, Capability
from expediente.docket.models import Participation
from tests.court.forms.helpers import drawn, events, field_error, record_url, submit
from tests.court.forms.test_add_a_participant import url

CO_ACCUSED = {"given_names": "Carlos", "family_names": "Soto Mena", "sex": "male"}
LAWYER = {
    "role": "defence",
    "kind": "natural",
    "given_names": "Elena",
    "family_names": "Abogada Ruiz",
    "sex": "female",
}
ACTS_FOR = "participant.acts_for"


def case_page(client, case) -> str:
    response = client.get(f"/court/cases/{case.nuid}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_lawyer_is_added_for_two_co_accused_and_the_case_page_says_so(
    staff_client, accused_case, record
):
    record(accused_case, "participant.added", {"role": "accused", "person": CO_ACCUSED})  # P3
    before = len(events(accused_case))
    response = submit(staff_client, url(accused_case), LAWYER | {"acts_for": ["P1", "P3"]})
    assert response.status_code == 302
    recorded = events(accused_case)[before:]
    assert [e.type for e in recorded] == ["participant.added", ACTS_FOR, ACTS_FOR]
    assert [e.payload for e in recorded[1:]] == [
        {"counsel": "P4", "accused": "P1"},
        {"counsel": "P4", "accused": "P3"},
    ]
    assert Participation.objects.get(case=accused_case, uid="P4").acts_for == ["P1", "P3"]
    page = case_page(staff_client, accused_case)
    assert page.count("Counsel: Elena Abogada Ruiz, Defence lawyer") == 2
    assert "Acts for: José Pérez Mora, Accused; Carlos Soto Mena, Accused" in page
    assert "No counsel recorded." not in page


def test_the_same_page_sent_twice_records_nothing_more(staff_client, accused_case, record):
    record(accused_case, "participant.added", {"role": "accused", "person": CO_ACCUSED})
    page = staff_client.get(url(accused_case))
    data = drawn(page) | LAWYER | {"acts_for": ["P1", "P3"]}
    assert staff_client.post(url(accused_case), data).status_code == 302
    before = len(events(accused_case))
    assert staff_client.post(url(accused_case), data).status_code == 302
    assert len(events(accused_case)) == before


def test_an_accused_without_counsel_is_marked_and_offered_the_form(staff_client, accused_case):
    assert submit(staff_client, url(accused_case), LAWYER).status_code == 302
    page = case_page(staff_client, accused_case)
    assert "No counsel recorded." in page
    assert "Which accused this lawyer acts for is not recorded yet." in page
    link = f"/court/cases/{accused_case.nuid}/record/{ACTS_FOR}/?accused=P1"
    assert f'href="{link}"' in page
    # the link opens the form with the accused chosen
    form = staff_client.get(link)
    assert form.status_code == 200
    assert form.context["form"]["accused"].value() == "P1"


def test_a_withdrawal_recorded_on_its_page_leaves_the_accused_without_counsel(
    staff_client, accused_case
):
    assert submit(staff_client, url(accused_case), LAWYER | {"acts_for": ["P1"]}).status_code == 302
    response = submit(
        staff_client,
        record_url(accused_case, ACTS_FOR),
        {"counsel": "P3", "accused": "P1", "ended": "on"},
    )
    assert response.status_code == 302
    assert events(accused_case)[-1].payload == {"counsel": "P3", "accused": "P1", "ended": True}
    page = case_page(staff_client, accused_case)
    assert "No counsel recorded." in page
    assert "Acts for no accused now." in page


def test_the_record_page_refuses_a_non_defence_counsel_naming_the_field(staff_client, accused_case):
    before = len(events(accused_case))
    response = submit(
        staff_client, record_url(accused_case, ACTS_FOR), {"counsel": "P2", "accused": "P1"}
    )
    assert response.status_code == 200
    assert field_error(response, "counsel")
    assert len(events(accused_case)) == before


def test_acts_for_is_refused_for_another_role_and_nothing_is_written(staff_client, accused_case):
    before = len(events(accused_case))
    response = submit(
        staff_client, url(accused_case), LAWYER | {"role": "witness", "acts_for": ["P1"]}
    )
    assert response.status_code == 200
    assert "Only defence counsel acts for an accused" in field_error(response, "acts_for")
    assert len(events(accused_case)) == before


def test_only_the_accused_are_offered(staff_client, accused_case):
    before = len(events(accused_case))
    response = submit(staff_client, url(accused_case), LAWYER | {"acts_for": ["P2"]})  # victim
    assert response.status_code == 200
    assert "Choose among the accused listed." in field_error(response, "acts_for")
    assert len(events(accused_case)) == before


def test_correcting_a_lawyers_entry_neither_offers_nor_records_whom_she_acts_for(
    staff_client, accused_case
):
    assert submit(staff_client, url(accused_case), LAWYER | {"acts_for": ["P1"]}).status_code == 302
    lawyer = Participation.objects.get(case=accused_case, uid="P3")
    correct = f"/court/cases/{accused_case.nuid}/events/{lawyer.added_seq}/correct/"
    page = staff_client.get(correct)
    assert 'name="acts_for"' not in page.content.decode()
    before = len(events(accused_case))
    response = staff_client.post(
        correct,
        drawn(page)
        | {"family_names": "Abogada Ruíz", "acts_for": ["P1"], "correction_reason": "Mistyped"},
    )
    assert response.status_code == 302
    assert [e.type for e in events(accused_case)[before:]] == ["participant.added"]
    assert Participation.objects.get(case=accused_case, uid="P3").acts_for == ["P1"]


def test_a_member_who_may_not_record_is_refused_and_offered_no_link(
    court_admin_client, accused_case, monkeypatch
):
    monkeypatch.setitem(ROLES, "court_admin", ROLES["court_admin"] | {Capability.CASE_VIEW})
    before = len(events(accused_case))
    form = record_url(accused_case, ACTS_FOR)
    assert court_admin_client.get(form).status_code == 403
    assert court_admin_client.post(form, {"counsel": "P1", "accused": "P1"}).status_code == 403
    assert len(events(accused_case)) == before
    page = case_page(court_admin_client, accused_case)
    assert "No counsel recorded." in page
    assert f"record/{ACTS_FOR}/" not in page


def test_the_case_page_says_it_in_the_readers_language(staff_client, accused_case):
    assert submit(staff_client, url(accused_case), LAWYER | {"acts_for": ["P1"]}).status_code == 302
    page = staff_client.get(f"/court/cases/{accused_case.nuid}/", HTTP_ACCEPT_LANGUAGE="es")
    html = page.content.decode()
    assert "Defensa: Elena Abogada Ruiz, Defensa particular" in html
    assert "Representa a: José Pérez Mora, Persona imputada" in html
