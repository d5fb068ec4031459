"""A foreign national held reads, on their case page, that they may have their
consulate told (VCCR art. 36(1)(b)), in plain words and their language; their defence
reads it about them; nobody else in the case does (it would tell them the nationality)."""

from django.test import Client

from tests.conftest import PERSON
from tests.portal.conftest import text_of


def case_page(case, code, lang="en") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.post("/follow/", {"case_number": case.nuid, "code": code})
    return text_of(client.get("/follow/case/").content.decode())


def _foreign(case, record, nationality="NI"):
    record(
        case,
        "participant.added",
        {"participant": "P1", "role": "accused", "person": {**PERSON, "nationality": nationality}},
        corrects_seq=2,
    )


YOU = "you have the right to ask that the consulate of your country be told that you are held"


def test_the_detained_person_reads_their_right_in_their_language(detained_case, record, issue):
    _foreign(detained_case, record)
    assert YOU in case_page(detained_case, issue(detained_case, "P1"))
    es = case_page(detained_case, issue(detained_case, "P1", language="es"), lang="es")
    assert "tiene derecho a pedir que se avise de su detención al consulado de su país" in es


def test_the_defence_reads_it_about_their_client(detained_case, record, issue):
    _foreign(detained_case, record)
    text = case_page(detained_case, issue(detained_case, "P4"))
    assert (
        "José Pérez Mora (Accused) has the right to ask that the consulate of their country "
        "be told that they are held" in text
    )


def test_a_victim_does_not(detained_case, record, issue):
    _foreign(detained_case, record)
    text = case_page(detained_case, issue(detained_case, "P2"))
    assert "consulate" not in text


def test_a_national_is_not_told_of_it(detained_case, record, issue):
    _foreign(detained_case, record, nationality="CR")
    assert "consulate" not in case_page(detained_case, issue(detained_case, "P1"))


def test_the_page_says_when_the_consulate_was_informed(detained_case, record, issue):
    _foreign(detained_case, record)
    record(detained_case, "consular.rights_informed", {"person": "P1", "requested": True})
    record(
        detained_case,
        "consular.post_notified",
        {"person": "P1", "consular_post": "Consulado de Nicaragua", "means": "phone"},
    )
    text = case_page(detained_case, issue(detained_case, "P1"))
    assert "The court's record says the consulate was informed on" in text
