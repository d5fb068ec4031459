"""The mission's story, in Costa Rica: José has been in pretrial detention for four
months. His family opens the portal with his code and asks for a review of the
detention. The petition is on his page, waiting for the court's answer, and the page
says that the request started the count of the court's own review again, with the new
date (CPP art. 253: "sus solicitudes interrumpen el plazo"). The judge answers, upholding
the detention after reviewing it: the page then says so, and the next review's date
counts from the decision, on the detention clock too. His public defender asks the same
from /my/: her request counts as his. In a case with two accused held, the defence's
own code is asked whose detention."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from expediente.access.models import User
from expediente.access.participant_codes import link_by_clerk
from expediente.access.policy import Actor
from expediente.custody.models import Deadline
from expediente.docket.models import Event
from expediente.petitions.models import Petition
from expediente.petitions.services import petition_decide
from tests.conftest import PERSON, order_term
from tests.portal.conftest import days_ago, lawyer_client, text_of

SHE_WRITES = "Mi hermano lleva cuatro meses detenido. Pedimos que el juez revise la detención."
DEFENDER = {"given_names": "Rosa", "family_names": "Defensora Solís", "sex": "female"}
SECOND = {"given_names": "Mario", "family_names": "Soto Vega", "sex": "male"}


@pytest.fixture
def held_four_months(open_case, record):  # type: ignore[no-untyped-def]
    """José (P1) in pretrial detention for about four months, a victim (P2), his public
    defender (P3)."""
    case = open_case(occurred_at=days_ago(130))
    at = days_ago(129)
    record(case, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=at)
    victim = {"given_names": "Ana", "family_names": "Rojas Vargas", "sex": "female"}
    record(case, "participant.added", {"role": "victim", "person": victim}, occurred_at=at)
    record(
        case, "participant.added", {"role": "public_defender", "person": DEFENDER}, occurred_at=at
    )
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=days_ago(125, 8))
    order = {"person": "P1", "until": order_term().isoformat(), "grounds": "Peligro de fuga"}
    record(case, "custody.pretrial_ordered", order, occurred_at=days_ago(124))
    case.refresh_from_db()
    return case


def signed_in(case, code, language="en") -> Client:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    response = client.post("/follow/", {"case_number": case.nuid, "code": code})
    assert response.status_code == 302
    return client


def ask(client: Client, kind: str = "detention_review", **fields: Any):  # type: ignore[no-untyped-def]
    body = client.get(f"/follow/ask/{kind}/").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', body)
    assert token
    data = {"text": SHE_WRITES, "token": token.group(1), **fields}
    return client.post(f"/follow/ask/{kind}/", data)


def petitions_panel(client: Client) -> str:
    body = client.get("/follow/case/").content.decode()
    found = re.search(r'<section class="panel" aria-labelledby="ask">(.*?)</section>', body, re.S)
    assert found
    return " ".join(text_of(found.group(1)).split())


def review_sentence(deadline: Deadline) -> str:
    return deadline.plainly("en")[0]


def decide(case, petition, **fields):  # type: ignore[no-untyped-def]
    judge = Actor(
        user=User.objects.create(username="juez", is_system=True), scopes=frozenset({"cases:write"})
    )
    return petition_decide(
        case=case,
        petition=petition.filed_seq,
        outcome="denied",
        reasons="Persiste el peligro de fuga.",
        actor=judge,
        **fields,
    )


def test_the_family_asks_and_reads_that_the_review_count_started_again(  # type: ignore[no-untyped-def]
    held_four_months, issue
):
    client = signed_in(held_four_months, issue(held_four_months, "P1"))
    response = ask(client)
    assert response.status_code == 302
    petition = Petition.objects.get()
    request = Event.objects.get(case=held_four_months, seq=petition.filed_seq + 1)
    assert (request.type, request.payload["person"]) == ("custody.review_requested", "P1")
    restarted = Deadline.objects.get(case=held_four_months, rule_id="cr.pretrial_review", open=True)
    assert restarted.start_seq == request.seq

    panel = petitions_panel(client)
    assert "Waiting for the court's answer" in panel
    assert (
        "This request started the count of the court's own review of the detention again." in panel
    )
    assert review_sentence(restarted) in panel
    receipt = " ".join(text_of(client.get(response["Location"]).content.decode()).split())
    assert "This request started the count of the court's own review" in receipt
    assert review_sentence(restarted) in receipt

    # the judge answers, upholding the detention after reviewing it
    decide(held_four_months, petition, detention="maintained", person="P1")
    nxt = Deadline.objects.get(case=held_four_months, rule_id="cr.pretrial_review", open=True)
    petition.refresh_from_db()
    assert nxt.start_seq == petition.decided_seq + 1
    panel = petitions_panel(client)
    assert "The court refused what you asked." in panel
    assert "The court reviewed the detention and decided that it continues." in panel
    assert review_sentence(nxt) in panel
    assert "started the count" not in panel
    receipt = " ".join(text_of(client.get(response["Location"]).content.decode()).split())
    answer = receipt.split("The court's answer", 1)[1].split("Receipt number", 1)[0]
    assert "The court reviewed the detention and decided that it continues." in answer
    assert review_sentence(nxt) in answer
    # the detention clock reads the same next review
    page = " ".join(text_of(client.get("/follow/case/").content.decode()).split())
    assert page.count(review_sentence(nxt)) >= 2  # the clock, and the petition's line


def test_within_the_first_three_months_the_page_says_the_count_did_not_restart(  # type: ignore[no-untyped-def]
    detained_case, issue
):
    client = signed_in(detained_case, issue(detained_case, "P1"))
    assert ask(client).status_code == 302
    panel = petitions_panel(client)
    assert "It did not start the count of the court's own review again" in panel


def test_a_decision_that_lifts_the_detention_says_so(held_four_months, issue):  # type: ignore[no-untyped-def]
    client = signed_in(held_four_months, issue(held_four_months, "P1"))
    ask(client)
    decide(held_four_months, Petition.objects.get(), detention="lifted", person="P1")
    panel = petitions_panel(client)
    assert "The court lifted the pretrial detention order." in panel
    assert "The release is recorded when the person leaves custody." in panel


def test_the_public_defender_asks_from_my_cases_and_it_counts_as_his_request(  # type: ignore[no-untyped-def]
    held_four_months, court_clerk
):
    browser, user = lawyer_client()
    for uid in ("P3", "P1"):
        link_by_clerk(
            case=held_four_months, participant=uid, username=user.username, actor=court_clerk
        )
    url = f"/my/cases/{held_four_months.nuid}/P3/ask/P1/detention_review/"
    token = re.search(r'name="token" value="([^"]+)"', browser.get(url).content.decode())
    assert token
    response = browser.post(url, {"text": SHE_WRITES, "token": token.group(1)})
    assert response.status_code == 302
    petition = Petition.objects.get()
    request = Event.objects.get(case=held_four_months, seq=petition.filed_seq + 1)
    assert (request.type, request.payload) == (
        "custody.review_requested",
        {"person": "P1", "petition": petition.filed_seq},
    )
    receipt = " ".join(text_of(browser.get(response["Location"]).content.decode()).split())
    assert "This request started the count of the court's own review" in receipt


@pytest.fixture
def two_held(held_four_months, record):  # type: ignore[no-untyped-def]
    record(
        held_four_months,
        "participant.added",
        {"role": "accused", "person": SECOND},
        occurred_at=days_ago(100),
    )
    record(held_four_months, "custody.arrested", {"person": "P4"}, occurred_at=days_ago(100))
    order = {"person": "P4", "until": order_term().isoformat(), "grounds": "Peligro de fuga"}
    record(held_four_months, "custody.pretrial_ordered", order, occurred_at=days_ago(99))
    held_four_months.refresh_from_db()
    return held_four_months


def test_the_defences_code_is_asked_whose_detention_when_two_are_held(two_held, issue):  # type: ignore[no-untyped-def]
    client = signed_in(two_held, issue(two_held, "P3"))
    form = client.get("/follow/ask/detention_review/").content.decode()
    assert "Whose detention is this about?" in text_of(form)
    assert re.findall(r'name="concerns" value="(P\d)"', form) == ["P1", "P4"]

    before = Event.objects.filter(case=two_held).count()
    for chosen in ({}, {"concerns": "P2"}):  # not said; the victim, who is held by nobody
        response = ask(client, **chosen)
        assert response.status_code == 400
        body = response.content.decode()
        assert 'href="#id_concerns"' in body
        assert "Choose whose detention this is about" in text_of(body)
    assert Event.objects.filter(case=two_held).count() == before

    assert ask(client, concerns="P4").status_code == 302
    request = Event.objects.filter(case=two_held).order_by("-seq").first()
    assert (request.type, request.payload["person"]) == ("custody.review_requested", "P4")


def test_a_victims_code_is_never_asked_whose_detention(two_held, issue):  # type: ignore[no-untyped-def]
    client = signed_in(two_held, issue(two_held, "P2"))
    assert client.get("/follow/ask/detention_review/").status_code == 404
