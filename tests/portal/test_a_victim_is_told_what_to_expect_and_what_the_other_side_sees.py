"""A frightened victim asks for protection from the portal. The form and the receipt
give her the emergency number. Her receipt and her case page say by when the court
should answer, in the pack's own words, in one plain sentence that says in brackets how
long the court gives itself (24 hours for protection) and that it is the court's own
target, not a legal limit, without the name of an entry of the record; after the
answer, what the court decided in plain words. Her page says, as the disclosure rules
decide for her case, whether the accused sees her name, and that the accused's side
sees that a petition was filed but not what she wrote: the accused's own page of the
same case is read to check it. A petition of one character is refused, naming the rule,
and files nothing."""

from __future__ import annotations

import re

from django.test import Client

from expediente.docket.models import Event
from expediente.petitions.models import Petition
from expediente.petitions.services import petition_decide
from tests.portal.conftest import text_of

SHE_WRITES = "Me sigue esperando fuera de mi trabajo. Tengo miedo de que me haga daño."


def signed_in(case, code, language="es"):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert client.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    return client


def ask(client, text=SHE_WRITES):  # type: ignore[no-untyped-def]
    body = client.get("/follow/ask/protective_measure/").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', body)[1]  # type: ignore[index]
    return client.post("/follow/ask/protective_measure/", {"text": text, "token": token})


def test_her_receipt_says_by_when_the_court_should_answer(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P2"))
    receipt = text_of(client.get(ask(client)["Location"]).content.decode())
    assert "El tribunal debería responder la solicitud de protección a más tardar el" in receipt
    page = text_of(client.get("/follow/case/").content.decode())
    assert "El tribunal debería responder la solicitud de protección a más tardar el" in page


def test_her_receipt_says_it_in_one_plain_sentence(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P2"), language="en")
    receipt = text_of(client.get(ask(client)["Location"]).content.decode())
    said = re.search(r"The court should answer the request for protection by [^.]*\.", receipt)
    assert said, receipt
    assert said[0].endswith(
        " (within 24 hours: the court's own target, not a time limit set by law)."
    )
    assert "Petition filed" not in receipt  # the record's name for her filing
    assert "Term:" not in receipt
    assert receipt.count("target") == 1
    assert "court's service target, not a legal limit" not in receipt


def test_the_form_and_the_receipt_give_her_the_emergency_number(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P2"), language="en")
    form = client.get("/follow/ask/protective_measure/").content.decode()
    assert 'href="tel:911"' in form
    assert "If you are in danger, call 911 (" in text_of(form)
    receipt = client.get(ask(client)["Location"]).content.decode()
    assert 'href="tel:911"' in receipt
    assert "If you are in danger, call 911 (" in text_of(receipt)
    # in her language too (the catalogue's words)
    es = signed_in(detained_case, issue(detained_case, "P2"))
    assert 'href="tel:911"' in es.get("/follow/ask/protective_measure/").content.decode()


def test_a_request_for_information_gives_no_emergency_number(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P2"), language="en")
    response = client.get("/follow/ask/information_request/")
    assert response.status_code == 200
    assert "tel:" not in response.content.decode()


def test_after_the_answer_she_reads_the_outcome_in_plain_words(  # type: ignore[no-untyped-def]
    detained_case, issue, court_clerk
):
    client = signed_in(detained_case, issue(detained_case, "P2"), language="en")
    receipt_url = ask(client)["Location"]
    petition = Petition.objects.get(case=detained_case)
    petition_decide(
        case=detained_case,
        petition=petition.filed_seq,
        outcome="granted",
        reasons="Se ordena al imputado no acercarse a la víctima.",
        actor=court_clerk,
    )
    receipt = text_of(client.get(receipt_url).content.decode())
    assert "The court granted what you asked." in receipt
    assert "should answer the petition by" not in receipt
    page = text_of(client.get("/follow/case/").content.decode())
    assert "The court granted what you asked." in page
    assert "Decided: granted" not in page


def test_she_is_told_what_the_accused_sees_and_it_is_so(detained_case, issue):  # type: ignore[no-untyped-def]
    victim = signed_in(detained_case, issue(detained_case, "P2"), language="en")
    ask(victim)
    page = text_of(victim.get("/follow/case/").content.decode())
    assert "What the other side sees" in page
    assert "The accused can see your name on their pages of this case." in page
    assert "but not what you wrote" in page
    # the accused's own page of the same case: her name, that a petition was filed and
    # what kind, never what she wrote
    accused = text_of(
        signed_in(detained_case, issue(detained_case, "P1"), language="en")
        .get("/follow/case/")
        .content.decode()
    )
    assert "Ana Rojas Vargas" in accused
    assert "Petition filed" in accused
    assert "Protection" in accused
    assert SHE_WRITES not in accused
    assert "What the other side sees" not in accused  # told to victims and witnesses


def test_a_protected_witness_is_told_the_accused_sees_her_pseudonym(detained_case, issue):  # type: ignore[no-untyped-def]
    witness = signed_in(detained_case, issue(detained_case, "P3"), language="en")
    page = text_of(witness.get("/follow/case/").content.decode())
    assert "The accused does not see your name: you appear as “Testigo A”." in page
    accused = text_of(
        signed_in(detained_case, issue(detained_case, "P1"), language="en")
        .get("/follow/case/")
        .content.decode()
    )
    assert "Testigo A" in accused
    assert "Secreta" not in accused


def test_a_one_character_petition_is_refused_and_files_nothing(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P2"), language="en")
    before = Event.objects.filter(case=detained_case).count()
    response = ask(client, text="  x  ")
    assert response.status_code == 400
    body = text_of(response.content.decode())
    assert "Write at least 10 characters" in body
    assert "(you wrote 1)" in body
    assert Event.objects.filter(case=detained_case).count() == before
    assert not Petition.objects.exists()
