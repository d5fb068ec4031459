"""QA: a juvenile's mother, his guardian in the case, read her pages as if she were the
accused: "Your rights" listed his rights as hers, with "Your lawyer can explain each
step and speak for you at every hearing"; "Ask the court" offered to protect "your
rights"; on /my/ the week listed her as her own "Client" and the detention deadlines
column said "None open" while her son was held. Her pages now speak to her about the
young person she is responsible for, by his name where her page shows it, in every
language; the defence and the victim's lawyer read their clients' rights, not their
own as if they were the accused or the victim."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from expediente.access.participant_codes import link_by_clerk
from expediente.portal import addressing, explanations
from tests.conftest import PERSON, order_term
from tests.portal.conftest import days_ago, hearing_day, lawyer_client, text_of

LANGUAGES = ("en", "es", "pt", "fr")
# "you are accused", as none of the guardian's pages may say it, in each language
ACCUSED_YOU = re.compile(
    r"you are (the )?accused|usted (es|está) (imputad|acusad)|se le (acusa|imputa)"
    r"|você é (acusad|o acusado)|vous êtes (accusé|poursuivi|mis en cause)",
    re.IGNORECASE,
)
SON = "José Pérez Mora"


def spoken_to_the_accused(language: str) -> list[str]:
    """The sentences written for the accused alone, in ``language``."""
    with translation.override(language):
        own = addressing.Reader(role="accused")
        return [str(explanations.OWN_LAWYER), addressing.ask_intro(own)]


@pytest.fixture
def juvenile_case(open_case, record):  # type: ignore[no-untyped-def]
    case = open_case("juvenile")
    young = {**PERSON, "date_of_birth": "2010-05-01"}
    record(case, "participant.added", {"role": "accused", "person": young})
    for role, given, family in [
        ("guardian", "María", "Mora Vargas"),
        ("public_defender", "Rosa", "Defensora Solís"),
        ("victim", "Ana", "Rojas Vargas"),
        ("victim_lawyer", "Luis", "Abogado Mena"),
    ]:
        person = {"given_names": given, "family_names": family, "sex": "unknown"}
        record(case, "participant.added", {"role": role, "person": person})
    record(case, "charge.filed", {"accused": "P1", "offence": "CP-208"})
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=days_ago(6, 8))
    record(
        case,
        "custody.pretrial_ordered",
        {"person": "P1", "until": order_term().isoformat(), "grounds": "Peligro de fuga"},
        occurred_at=days_ago(5),
    )
    record(
        case,
        "hearing.scheduled",
        {
            "hearing": "H1",
            "kind": "review",
            "starts_at": hearing_day().isoformat(),
            "courtroom": "Sala 2",
        },
        occurred_at=days_ago(1),
    )
    case.refresh_from_db()
    return case


def follow(case, issue, participant: str, language: str) -> Client:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    code = issue(case, participant, language=language)
    assert client.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    return client


def said(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return text_of(response.content.decode())


@pytest.mark.parametrize("language", LANGUAGES)
def test_her_case_page_speaks_to_her_about_her_son(juvenile_case, issue, language):  # type: ignore[no-untyped-def]
    mother = follow(juvenile_case, issue, "P2", language)
    page = said(mother, "/follow/case/")
    assert not ACCUSED_YOU.search(page)
    for sentence in spoken_to_the_accused(language):
        assert sentence not in page
    with translation.override(language):
        heading = explanations._ward_heading(addressing.Reader("guardian", True, SON))
        lawyer = explanations._ward_lawyer(addressing.Reader("guardian", True, SON))
    assert heading in page
    assert lawyer in page
    assert SON in heading


def test_in_english_she_reads_his_rights_and_whose_rights_she_may_ask_for(juvenile_case, issue):  # type: ignore[no-untyped-def]
    page = said(follow(juvenile_case, issue, "P2", "en"), "/follow/case/")
    assert f"The rights of {SON}" in page
    assert f"The lawyer of {SON} can explain each step to you, and speaks for {SON}" in page
    assert f"You can ask the court to protect the rights of {SON}." in page
    assert "Your lawyer can explain" not in page


def test_with_two_accused_he_is_the_young_person_she_is_responsible_for(
    juvenile_case, issue, record
):  # type: ignore[no-untyped-def]
    other = {
        **PERSON,
        "given_names": "Mario",
        "id_number": "1-0999-0001",
        "date_of_birth": "2009-01-01",
    }
    record(juvenile_case, "participant.added", {"role": "accused", "person": other})
    page = said(follow(juvenile_case, issue, "P2", "en"), "/follow/case/")
    assert "The rights of the young person you are responsible for" in page
    assert "You can ask the court to protect the rights of the young person you are" in page


def test_the_accused_still_reads_his_own_rights(juvenile_case, issue):  # type: ignore[no-untyped-def]
    page = said(follow(juvenile_case, issue, "P1", "en"), "/follow/case/")
    assert "Your lawyer can explain each step and speak for you at every hearing." in page
    assert "You can ask the court to protect your rights." in page


def test_the_defence_reads_her_clients_rights(juvenile_case, issue):  # type: ignore[no-untyped-def]
    page = said(follow(juvenile_case, issue, "P3", "en"), "/follow/case/")
    assert "Your client's rights" in page
    assert "Your lawyer can explain" not in page
    assert "You can ask the court to protect your client's rights." in page


def test_the_victims_lawyer_reads_her_clients_rights_and_asks_for_her(juvenile_case, issue):  # type: ignore[no-untyped-def]
    lawyer = follow(juvenile_case, issue, "P5", "en")
    page = said(lawyer, "/follow/case/")
    assert "Your client's rights" in page
    assert "If you feel at risk" not in page
    assert "If your client feels at risk" in page
    form = said(lawyer, "/follow/ask/protective_measure/")
    assert "what puts your client at risk" in form
    victim = said(follow(juvenile_case, issue, "P4", "en"), "/follow/ask/protective_measure/")
    assert "Tell the court what puts you at risk." in victim


@pytest.mark.parametrize("language", LANGUAGES)
def test_her_account_pages_speak_to_her_as_his_guardian(juvenile_case, court_clerk, language):  # type: ignore[no-untyped-def]
    mother, user = lawyer_client("maria.mora")
    link_by_clerk(case=juvenile_case, participant="P2", username=user.username, actor=court_clerk)
    mother.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    mother.cookies.pop("django_language", None)
    pages = {
        "my": said(mother, "/my/"),
        "case": said(mother, f"/my/cases/{juvenile_case.nuid}/P2/"),
        "deadlines": said(mother, "/my/deadlines/"),
    }
    with translation.override(language):
        client_word = translation.ngettext("Client:", "Clients:", 1)
        clients_deadlines = translation.gettext("My clients' deadlines")
        behalf = translation.gettext("Ask the court on behalf of your client")
        none_open = translation.gettext("None open")
    for name, page in pages.items():
        assert not ACCUSED_YOU.search(page), name
        for sentence in spoken_to_the_accused(language):
            assert sentence not in page, name
        assert clients_deadlines not in page, name
    # this week: the hearing, with her son named as the one she is responsible for
    assert client_word not in pages["my"]
    assert SON in pages["my"]
    # his detention deadline is in her list, as on his case page
    assert none_open not in pages["my"]
    assert behalf not in pages["case"]
    assert SON in pages["deadlines"]


def test_on_her_account_she_reads_his_name_where_a_lawyer_reads_her_clients(
    juvenile_case, court_clerk
):  # type: ignore[no-untyped-def]
    mother, user = lawyer_client("maria.mora")
    link_by_clerk(case=juvenile_case, participant="P2", username=user.username, actor=court_clerk)
    week = said(mother, "/my/")
    assert f"The young person you are responsible for: {SON}" in week
    case = said(mother, f"/my/cases/{juvenile_case.nuid}/P2/")
    assert f"You can ask the court to protect the rights of {SON}." in case
    assert "Ask the court on behalf of your client" not in case
    deadlines = said(mother, "/my/deadlines/")
    assert "Detention deadlines" in deadlines
    assert "defence counsel" not in deadlines
