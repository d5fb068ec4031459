"""A lawyer's clients are the participations the clerk linked her account to, not every
accused (or every victim) of the case: a co-defendant may have another lawyer with
opposing interests. What she may not see of a client (a protected victim's real name)
stays hidden on her petition pages too, as on every other page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from expediente.access.participant_codes import link_by_clerk
from expediente.docket.models import Event
from expediente.petitions.models import Petition
from expediente.petitions.services import petition_file
from tests.portal.conftest import days_ago, lawyer_client, text_of

ASKS = "Pido que se revise la detención de mi cliente: tiene trabajo y familia."


def token_of(browser: Client, url: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', browser.get(url).content.decode())
    assert found
    return found.group(1)


@pytest.fixture
def co_defendant(detained_case, record, court_clerk):  # type: ignore[no-untyped-def]
    """P5, a second accused, also held, with a petition of his own filed at the desk."""
    record(
        detained_case,
        "participant.added",
        {
            "role": "accused",
            "person": {"given_names": "Luis", "family_names": "Otro Acusado", "sex": "male"},
        },
    )
    record(detained_case, "custody.arrested", {"person": "P5"}, occurred_at=days_ago(3, 8))
    return petition_file(
        case=detained_case,
        petitioner="P5",
        kind="habeas_corpus",
        text="Estoy detenido sin orden.",
        filed_via="clerk",
        actor=court_clerk,
    ).petition


@pytest.fixture
def defender(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    """The public defender (P4), linked by the clerk to herself and to José (P1) only."""
    browser, user = lawyer_client()
    for uid in ("P4", "P1"):
        link_by_clerk(
            case=detained_case, participant=uid, username=user.username, actor=court_clerk
        )
    return browser


def test_a_co_defendant_is_not_her_client(detained_case, co_defendant, defender):  # type: ignore[no-untyped-def]
    page = defender.get(f"/my/cases/{detained_case.nuid}/P4/").content.decode()
    assert "/ask/P1/" in page  # José, her client
    assert "/ask/P5/" not in page
    assert co_defendant.receipt not in page  # his petition is not listed among hers
    assert "Luis Otro Acusado" not in text_of(page.split('aria-labelledby="ask"')[1])
    # nor his detention deadlines on her due list
    due = text_of(defender.get("/my/deadlines/").content.decode())
    assert "José Pérez Mora" in due
    assert "Luis Otro Acusado" not in due


def test_every_door_to_a_co_defendant_is_a_404_and_files_nothing(  # type: ignore[no-untyped-def]
    detained_case, co_defendant, defender
):
    base = f"/my/cases/{detained_case.nuid}/P4"
    before = Event.objects.filter(case=detained_case).count()
    for kind in ("detention_review", "habeas_corpus"):
        url = f"{base}/ask/P5/{kind}/"
        assert defender.get(url).status_code == 404, url
        assert defender.post(url, {"text": ASKS, "token": "t1"}).status_code == 404, url
    receipt = defender.get(f"{base}/receipt/{co_defendant.filed_seq}/")
    assert receipt.status_code == 404
    assert "Luis" not in receipt.content.decode()
    assert Event.objects.filter(case=detained_case).count() == before
    assert list(Petition.objects.values_list("petitioner__uid", flat=True)) == ["P5"]


def test_once_linked_to_him_too_she_may_file_for_him(  # type: ignore[no-untyped-def]
    detained_case, co_defendant, defender, court_clerk
):
    link_by_clerk(
        case=detained_case, participant="P5", username="rosa.defensora", actor=court_clerk
    )
    url = f"/my/cases/{detained_case.nuid}/P4/ask/P5/detention_review/"
    response = defender.post(url, {"text": ASKS, "token": token_of(defender, url)})
    assert response.status_code == 302
    assert Petition.objects.filter(petitioner__uid="P5").count() == 2


@pytest.fixture
def protected_victim(detained_case, record):  # type: ignore[no-untyped-def]
    """P5, a victim's lawyer; P6, a second victim, protected, known by a pseudonym."""
    record(
        detained_case,
        "participant.added",
        {
            "role": "victim_lawyer",
            "person": {"given_names": "Elena", "family_names": "Abogada Ruiz", "sex": "female"},
        },
    )
    record(
        detained_case,
        "participant.added",
        {
            "role": "victim",
            "pseudonym": "Víctima B",
            "protected": True,
            "person": {"given_names": "Marta", "family_names": "Oculta Díaz", "sex": "female"},
        },
    )
    return detained_case


def test_a_protected_client_is_named_by_pseudonym_on_every_petition_page(  # type: ignore[no-untyped-def]
    protected_victim, court_clerk
):
    case = protected_victim
    browser, user = lawyer_client("elena.abogada")
    for uid in ("P5", "P2", "P6"):
        link_by_clerk(case=case, participant=uid, username=user.username, actor=court_clerk)
    base = f"/my/cases/{case.nuid}/P5"
    url = f"{base}/ask/P6/protective_measure/"
    form = text_of(browser.get(url).content.decode())
    assert "Víctima B" in form
    assert "Marta" not in form
    response = browser.post(url, {"text": "Pido protección.", "token": token_of(browser, url)})
    assert response.status_code == 302
    receipt = text_of(browser.get(response["Location"]).content.decode())
    assert "Víctima B" in receipt
    assert "Marta" not in receipt
    page = browser.get(f"{base}/").content.decode()
    panel = text_of(page.split('aria-labelledby="ask"')[1])
    assert "Víctima B" in panel  # her offers and her petition in the list
    assert "Ana Rojas Vargas" in panel  # the other client, not protected
    assert "Marta" not in page
    assert "Oculta" not in page
