"""Once a judge seals a case it is gone from every view outside the court: the lawyer's
case page, and her petition form, filing and receipts too, with nothing written; and
for a participant already following it with a code, their own petition form, receipts
and message settings. (José is released first: while someone is held, they and their
defence keep the detention part of a sealed case,
``test_a_sealed_case_keeps_its_detention_to_the_person_held.py``.)"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from expediente.access.models import Membership, User
from expediente.access.participant_codes import link_by_clerk
from expediente.access.policy import Actor
from expediente.docket.models import Event
from expediente.docket.services import event_record
from expediente.petitions.models import Petition
from expediente.petitions.services import petition_file
from tests.portal.conftest import lawyer_client


def seal(case, court):  # type: ignore[no-untyped-def]
    judge = User.objects.create_user("juez.sellos", password="una-clave-larga-2026")
    Membership.objects.create(user=judge, court=court, role="judge")
    event_record(  # nobody held: nobody keeps the detention part of it
        case=case,
        type="custody.released",
        payload={"person": "P1", "reason": "order_of_court"},
        actor=Actor.staff(judge),
        occurred_at=timezone.now() - dt.timedelta(minutes=2),
    )
    event_record(
        case=case,
        type="case.sealed",
        payload={"grounds": "Orden 7-2026"},
        actor=Actor.staff(judge),
        occurred_at=timezone.now() - dt.timedelta(minutes=1),
    )
    case.refresh_from_db()
    assert case.confidentiality == "sealed"


@pytest.fixture
def sealed_after_a_petition(detained_case, court_clerk, court):  # type: ignore[no-untyped-def]
    """The defender, linked to herself (P4) and José (P1); José's petition on file; then
    the judge seals the case."""
    browser, user = lawyer_client()
    for uid in ("P4", "P1"):
        link_by_clerk(
            case=detained_case, participant=uid, username=user.username, actor=court_clerk
        )
    petition = petition_file(
        case=detained_case,
        petitioner="P1",
        kind="detention_review",
        text="Pido revisión.",
        filed_via="clerk",
        actor=court_clerk,
    ).petition
    base = f"/my/cases/{detained_case.nuid}/P4"
    before = browser.get(f"{base}/receipt/{petition.filed_seq}/")
    assert before.status_code == 200  # readable until the order
    seal(detained_case, court)
    return browser, base, petition


def test_the_form_and_the_receipt_are_a_404_and_name_nobody(sealed_after_a_petition):  # type: ignore[no-untyped-def]
    browser, base, petition = sealed_after_a_petition
    assert browser.get(f"{base}/").status_code == 404
    for url in (f"{base}/ask/P1/detention_review/", f"{base}/receipt/{petition.filed_seq}/"):
        response = browser.get(url)
        assert response.status_code == 404, url
        body = response.content.decode()
        assert "José" not in body
        assert petition.receipt not in body


def test_sending_the_form_is_a_404_and_files_nothing(sealed_after_a_petition, detained_case):  # type: ignore[no-untyped-def]
    browser, base, _petition = sealed_after_a_petition
    before = Event.objects.filter(case=detained_case).count()
    for kind in ("detention_review", "habeas_corpus"):
        response = browser.post(f"{base}/ask/P1/{kind}/", {"text": "Pido revisión.", "token": "t"})
        assert response.status_code == 404
    assert Event.objects.filter(case=detained_case).count() == before
    assert Petition.objects.count() == 1


def test_a_participant_already_following_it_finds_it_gone_too(detained_case, issue, court):  # type: ignore[no-untyped-def]
    from django.test import Client

    from expediente.notify.models import Subscription

    code = issue(detained_case, "P1")

    def signed_in() -> Client:  # each door is tried in its own session (a 404 ends it)
        browser = Client(HTTP_ACCEPT_LANGUAGE="es")
        form = {"case_number": detained_case.nuid, "code": code}
        assert browser.post("/follow/", form).status_code == 302
        return browser

    home = signed_in()
    url = "/follow/ask/detention_review/"
    assert home.post(url, {"text": "Pido revisión.", "token": "a"}).status_code == 302
    petition = Petition.objects.get()
    home.post("/follow/case/", {"channel": "sms", "address": "+50688881234", "consent": "yes"})
    sub = Subscription.objects.get()
    sessions = [signed_in() for _ in range(3)]
    seal(detained_case, court)
    before = Event.objects.filter(case=detained_case).count()
    assert home.get(f"/follow/receipt/{petition.filed_seq}/").status_code == 404
    assert sessions[0].get(url).status_code == 404
    assert sessions[1].post(url, {"text": "Otra vez.", "token": "b"}).status_code == 404
    response = sessions[2].post(f"/follow/messages/{sub.pk}/language/", {"language": "en"})
    assert response.status_code == 404
    assert Event.objects.filter(case=detained_case).count() == before
    assert Petition.objects.count() == 1
    sub.refresh_from_db()
    assert sub.language == "es"
