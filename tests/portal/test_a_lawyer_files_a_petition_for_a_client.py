"""From a case on /my/, the public defender asks the court to review her client's
detention: the same service and receipt as the client's own portal page, the client
named as petitioner, the lawyer recorded as who handed it in. Bad input is explained on
the field and files nothing; a case, client or kind that is not hers is a 404 and
files nothing."""

from __future__ import annotations

import re

from django.test import Client

from expediente.access.participant_codes import link_by_clerk
from expediente.docket.models import Event
from expediente.petitions.models import Petition
from tests.portal.conftest import lawyer_client, text_of

SHE_WRITES = "My client has been held for three weeks; he has a job and a family. Please review."


def linked(case, clerk, participant="P4", clients=("P1",)):  # type: ignore[no-untyped-def]
    """The lawyer's account, linked by the clerk to her own participation and to each of
    her clients'."""
    client, user = lawyer_client()
    for uid in (participant, *clients):
        link_by_clerk(case=case, participant=uid, username=user.username, actor=clerk)
    return client, user


def form_url(case, client="P1", kind="detention_review", me="P4") -> str:  # type: ignore[no-untyped-def]
    return f"/my/cases/{case.nuid}/{me}/ask/{client}/{kind}/"


def token_of(browser: Client, url: str) -> str:
    body = browser.get(url).content.decode()
    found = re.search(r'name="token" value="([^"]+)"', body)
    assert found, body[:300]
    return found.group(1)


def test_the_case_page_offers_petitions_for_the_client(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    browser, _user = linked(detained_case, court_clerk)
    body = browser.get(f"/my/cases/{detained_case.nuid}/P4/").content.decode()
    assert "Ask the court on behalf of your client" in text_of(body)
    assert f'href="{form_url(detained_case)}"' in body
    assert f'href="{form_url(detained_case, kind="habeas_corpus")}"' in body
    # the victim is not the defender's client
    assert "/ask/P2/" not in body


def test_she_files_for_her_client_and_gets_the_same_receipt(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    browser, user = linked(detained_case, court_clerk)
    url = form_url(detained_case)
    form = browser.get(url).content.decode()
    assert "On behalf of José Pérez Mora" in text_of(form)
    token = token_of(browser, url)
    response = browser.post(url, {"text": SHE_WRITES, "token": token})
    assert response.status_code == 302
    petition = Petition.objects.get(case=detained_case)
    assert (
        response["Location"] == f"/my/cases/{detained_case.nuid}/P4/receipt/{petition.filed_seq}/"
    )
    assert (petition.kind, petition.filed_via, petition.petitioner.uid) == (
        "detention_review",
        "portal",
        "P1",
    )
    event = Event.objects.get(case=detained_case, seq=petition.filed_seq)
    assert event.payload["text"] == SHE_WRITES
    assert event.payload["received_from"] == f"Rosa · {user.username} · P4"
    receipt = text_of(browser.get(response["Location"]).content.decode())
    assert petition.receipt in receipt
    assert petition.fingerprint in receipt
    assert "José Pérez Mora" in receipt
    # by when the court should answer, as on the client's own receipt
    assert "should answer" in receipt
    # sent again (back button, double click): the same receipt, nothing filed twice
    again = browser.post(url, {"text": SHE_WRITES, "token": token})
    assert again["Location"] == response["Location"]
    assert Petition.objects.count() == 1
    # listed on the case page with its receipt
    page = browser.get(f"/my/cases/{detained_case.nuid}/P4/").content.decode()
    assert petition.receipt in page
    # the client sees it on his own portal page: it is the same petition
    assert Petition.objects.filter(petitioner__uid="P1").count() == 1


def test_the_receipt_shows_the_lawyer_what_she_wrote_and_not_the_clients_family(  # type: ignore[no-untyped-def]
    detained_case, court_clerk
):
    from tests.portal.conftest import make_issuer

    browser, _user = linked(detained_case, court_clerk)
    url = form_url(detained_case)
    response = browser.post(url, {"text": SHE_WRITES, "token": token_of(browser, url)})
    receipt = text_of(browser.get(response["Location"]).content.decode())
    assert "What you wrote" in receipt
    assert SHE_WRITES in receipt
    # the client's code, often held by his family: the receipt, without her text
    family = Client(HTTP_ACCEPT_LANGUAGE="en")
    code = make_issuer(court_clerk)(detained_case, "P1")
    family.post("/follow/", {"case_number": detained_case.nuid, "code": code})
    seq = Petition.objects.get(case=detained_case).filed_seq
    theirs = text_of(family.get(f"/follow/receipt/{seq}/").content.decode())
    assert "Receipt number" in theirs
    assert SHE_WRITES not in theirs


def test_an_empty_or_oversized_petition_is_explained_and_files_nothing(  # type: ignore[no-untyped-def]
    detained_case, court_clerk
):
    browser, _user = linked(detained_case, court_clerk)
    url = form_url(detained_case)
    before = Event.objects.filter(case=detained_case).count()
    for text, says in (("   ", "Write what you are asking"), ("x" * 2001, "at most 2000")):
        response = browser.post(url, {"text": text, "token": token_of(browser, url)})
        assert response.status_code == 400
        body = text_of(response.content.decode())
        assert says in body
        assert 'href="#id_text"' in response.content.decode()
    assert Event.objects.filter(case=detained_case).count() == before
    assert not Petition.objects.exists()


def test_a_case_she_does_not_follow_is_a_404_and_files_nothing(  # type: ignore[no-untyped-def]
    detained_case, court_clerk, open_case, record
):
    browser, _user = linked(detained_case, court_clerk)
    other = open_case()
    record(
        other,
        "participant.added",
        {
            "role": "accused",
            "person": {"given_names": "Luis", "family_names": "Mora", "sex": "male"},
        },
    )
    before = Event.objects.count()
    for url in (
        form_url(other, me="P4"),  # another case (she follows no one in it)
        form_url(other, me="P1"),
        f"/my/cases/{other.nuid}/P4/receipt/1/",
    ):
        assert browser.get(url).status_code == 404, url
        assert browser.post(url, {"text": SHE_WRITES, "token": "t"}).status_code == 404, url
    assert Event.objects.count() == before
    assert not Petition.objects.exists()


def test_someone_who_is_not_her_client_or_a_kind_not_offered_is_a_404(  # type: ignore[no-untyped-def]
    detained_case, court_clerk
):
    browser, _user = linked(detained_case, court_clerk)
    before = Event.objects.count()
    for url in (
        form_url(detained_case, client="P2"),  # the victim
        form_url(detained_case, client="P9"),  # no one
        form_url(detained_case, kind="protective_measure"),  # not for the accused
        form_url(detained_case, kind="no_such_kind"),
    ):
        assert browser.post(url, {"text": SHE_WRITES, "token": "t"}).status_code == 404, url
    assert Event.objects.count() == before


def test_a_receipt_of_someone_else_is_a_404(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    from expediente.petitions.services import petition_file

    browser, _user = linked(detained_case, court_clerk)
    theirs = petition_file(
        case=detained_case,
        petitioner="P2",
        kind="protective_measure",
        text="Tengo miedo.",
        filed_via="clerk",
        actor=court_clerk,
    ).petition
    url = f"/my/cases/{detained_case.nuid}/P4/receipt/{theirs.filed_seq}/"
    assert browser.get(url).status_code == 404


def test_signed_out_nothing_is_filed(detained_case):  # type: ignore[no-untyped-def]
    response = Client().post(form_url(detained_case), {"text": SHE_WRITES, "token": "t"})
    assert response.status_code == 302
    assert response["Location"] == "/my/sign-in/"
    assert not Petition.objects.exists()
