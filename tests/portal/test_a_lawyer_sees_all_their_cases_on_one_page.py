"""A public defender signs in with an account and sees every case they follow, with its
stage, next hearing and open detention deadlines; and their clients' due list."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from expediente.access.models import ParticipantLink
from expediente.access.participant_codes import link_by_clerk
from tests.portal.conftest import lawyer_client, table_rows, text_of


def test_an_account_without_the_second_step_is_sent_to_it(db):
    from expediente.access.models import User

    User.objects.create_user("sin.codigo", password="otra-clave-larga-2026")
    client = Client()
    client.post("/my/sign-in/", {"username": "sin.codigo", "password": "otra-clave-larga-2026"})
    response = client.get("/my/")
    assert response.status_code == 302
    assert response["Location"].startswith("/court/sign-in/code/")


def test_signed_out_visitors_are_sent_to_sign_in(db):
    assert Client().get("/my/")["Location"] == "/my/sign-in/"
    assert Client().get("/my/deadlines/")["Location"] == "/my/sign-in/"


def test_the_lawyer_sees_each_linked_case_with_stage_hearing_and_deadlines(
    detained_case, court_clerk, open_case
):
    client, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    link_by_clerk(case=detained_case, participant="P1", username=user.username, actor=court_clerk)
    open_case()  # a case the lawyer does not follow
    body = client.get("/my/").content.decode()
    rows = table_rows(body)
    assert rows[0] == ["Case", "Stage", "Next hearing", "Detention deadlines"]
    # her own participation and her client's, in the same case: one row (it was two,
    # each deadline listed twice), her own first, her client's linked from it
    assert len(rows) == 2
    case_cell, stage, hearing, deadlines = rows[1]
    assert detained_case.nuid in case_cell
    assert "Accused" in case_cell
    assert f'href="/my/cases/{detained_case.nuid}/P4/"' in body
    assert f'href="/my/cases/{detained_case.nuid}/P1/"' in body
    assert stage == "Preliminary investigation"
    assert "09:30" in hearing
    assert deadlines.count("Review of pretrial detention: José Pérez Mora") == 1


def test_the_lawyer_opens_a_linked_case(detained_case, court_clerk):
    client, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    response = client.get(f"/my/cases/{detained_case.nuid}/P4/")
    assert response.status_code == 200
    assert "days in custody so far" in text_of(response.content.decode())


def test_a_case_the_lawyer_is_not_linked_to_is_a_404(detained_case, court_clerk):
    client, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    assert client.get(f"/my/cases/{detained_case.nuid}/P1/").status_code == 404
    assert client.get("/my/cases/26-999999-0042-PE/P4/").status_code == 404


def test_the_clients_due_list_is_sorted_by_urgency_with_rule_and_article(
    detained_case, court_clerk, open_case, record
):
    client, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    link_by_clerk(case=detained_case, participant="P1", username=user.username, actor=court_clerk)
    # a second client, arrested two hours ago: to be brought before a judge within 24 hours
    other = open_case(occurred_at=timezone.now() - dt.timedelta(hours=3))
    person = {"given_names": "Mario", "family_names": "Solano", "sex": "male"}
    at = timezone.now() - dt.timedelta(hours=2)
    record(other, "participant.added", {"role": "accused", "person": person}, occurred_at=at)
    record(
        other,
        "participant.added",
        {
            "role": "public_defender",
            "person": {"given_names": "Rosa", "family_names": "Defensora", "sex": "female"},
        },
        occurred_at=at,
    )
    record(other, "custody.arrested", {"person": "P1"}, occurred_at=at)
    link_by_clerk(case=other, participant="P2", username=user.username, actor=court_clerk)
    link_by_clerk(case=other, participant="P1", username=user.username, actor=court_clerk)
    rows = table_rows(client.get("/my/deadlines/").content.decode())[1:]
    assert len(rows) == 4
    assert "Mario Solano" in rows[0][2]
    assert other.nuid in rows[0][2]
    assert "Detainee placed before a judge" in rows[0][3]
    assert "Constitución Política art. 37" in rows[0][3]
    assert "Review of pretrial detention" in rows[1][3]
    assert "Código Procesal Penal (Ley 7594) art. 253" in rows[1][3]
    assert "Maximum term of pretrial detention" in rows[2][3]
    assert "Term stated in the detention order" in rows[3][3]  # order_term(): the latest
    assert "Código Procesal Penal (Ley 7594) art. 243(e)" in rows[3][3]


def test_a_victims_lawyer_has_no_detention_deadlines_listed(detained_case, court_clerk):
    client, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P2", username=user.username, actor=court_clerk)
    assert "No open deadline in your clients" in client.get("/my/deadlines/").content.decode()


def test_a_signed_in_lawyer_adds_a_case_with_its_code(detained_case, issue):
    client, user = lawyer_client()
    code = issue(detained_case, "P4")
    response = client.post("/my/add/", {"case_number": detained_case.nuid, "code": code})
    assert response.status_code == 302
    assert response["Location"] == f"/my/cases/{detained_case.nuid}/P4/"
    assert ParticipantLink.objects.get(user=user).how == "code"
    # again: still one link
    client.post("/my/add/", {"case_number": detained_case.nuid, "code": code})
    assert ParticipantLink.objects.filter(user=user).count() == 1


def test_a_wrong_code_adds_nothing_and_says_so(detained_case, issue):
    client, _user = lawyer_client()
    issue(detained_case, "P4")
    response = client.post(
        "/my/add/", {"case_number": detained_case.nuid, "code": "2222-3333-4444"}
    )
    assert response.status_code == 200
    assert "do not match" in response.content.decode()
    bad = client.post("/my/add/", {"case_number": "", "code": "2222-3333-4444"})
    assert bad.status_code == 400
    assert "Enter the case number" in bad.content.decode()
    assert not ParticipantLink.objects.exists()


def test_the_next_hearing_is_left_out_once_it_has_passed(detained_case, court_clerk, record):
    client, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    # the hearing was brought forward to yesterday, and held (on its day: a hearing is not
    # recorded held before it, court/hearing_rules.py)
    yesterday = timezone.now() - dt.timedelta(days=1)
    forward = {"hearing": "H1", "starts_at": yesterday.isoformat(), "reason": "Adelantada"}
    record(detained_case, "hearing.rescheduled", forward, occurred_at=yesterday)
    held_at = yesterday + dt.timedelta(hours=2)
    record(detained_case, "hearing.held", {"hearing": "H1"}, occurred_at=held_at)
    rows = table_rows(client.get("/my/").content.decode())
    assert rows[1][2] == "None scheduled"


def test_a_wrong_password_is_said_in_our_own_words(db):
    # it was Django's stock sentence in Spain's Spanish: "Por favor, introduzca un nombre
    # de usuario y clave correctos. Observe que ambos campos pueden ser sensibles…"
    from expediente.access.models import User

    User.objects.create_user("rosa.defensora", password="una-clave-larga-2026")
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    body = client.post("/my/sign-in/", {"username": "rosa.defensora", "password": "otra"})
    text = body.content.decode()
    assert "no corresponden a ninguna cuenta" in text
    assert "Por favor, introduzca" not in text
