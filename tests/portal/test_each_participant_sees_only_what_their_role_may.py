"""The accused's family sees no protected person's name; a victim sees no detention
clock; a protected witness sees their own name; nobody sees identity documents."""

from django.test import Client

from tests.portal.conftest import text_of


def case_page(case, code) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/follow/", {"case_number": case.nuid, "code": code})
    return text_of(client.get("/follow/case/").content.decode())


def test_the_accused_sees_a_protected_witness_only_by_pseudonym(detained_case, issue):
    text = case_page(detained_case, issue(detained_case, "P1"))
    assert "Testigo A" in text
    assert "Lucía" not in text
    assert "Secreta" not in text


def test_a_protected_witness_sees_their_own_name(detained_case, issue):
    text = case_page(detained_case, issue(detained_case, "P3"))
    assert "Lucía Secreta Mora" in text


def test_nobody_sees_identity_documents_or_birth_dates(detained_case, issue):
    for who in ("P1", "P2", "P4"):
        text = case_page(detained_case, issue(detained_case, who))
        assert "1-0234-0567" not in text
        assert "1990" not in text


def test_the_accused_and_the_defence_see_the_detention_clock(detained_case, issue):
    for who in ("P1", "P4"):
        assert "days in custody so far" in case_page(detained_case, issue(detained_case, who))


def test_a_victim_sees_custody_events_but_not_the_clock(detained_case, issue):
    text = case_page(detained_case, issue(detained_case, "P2"))
    assert "days in custody so far" not in text
    assert "Arrest" in text


def test_a_victim_gets_the_rights_of_a_victim(detained_case, issue):
    text = case_page(detained_case, issue(detained_case, "P2"))
    assert "the court can order protection" in text
    assert "habeas corpus" not in text
