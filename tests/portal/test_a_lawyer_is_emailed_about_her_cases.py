"""The public defender turns on email notifications on /my/notifications/: her address is
confirmed by a link sent to it before anything else goes there; then every case where
her account is linked as counsel (and each linked later, from the moment of the link) is
subscribed, and the decision on a petition she filed reaches her inbox with a link to
its receipt (not the reasons), as do the legal limit alerts for her clients, in her
language; nothing about a case where she is not counsel. Off stops them all and cancels
what was waiting. Bad input names the field and changes nothing."""

from __future__ import annotations

import re

import pytest

from expediente.access.participant_codes import link_by_clerk
from expediente.custody.sweep import deadline_sweep
from expediente.notify.models import AccountNotices, Delivery, Subscription
from expediente.notify.worker import run
from expediente.petitions.models import Petition
from tests.custody.conftest import at, custody  # noqa: F401  (custody fixtures)
from tests.notify.conftest import smtp, smtp_server  # noqa: F401  (the real SMTP server)
from tests.portal.conftest import lawyer_client, text_of
from tests.portal.test_a_lawyer_files_a_petition_for_a_client import (
    SHE_WRITES,
    form_url,
    token_of,
)
from tests.portal.test_counsel_reads_the_courts_answer_to_her_petition import REASONS, decide

PAGE = "/my/notifications/"
ES = {"HTTP_ACCEPT_LANGUAGE": "es"}


@pytest.fixture(autouse=True)
def base_url(settings):  # type: ignore[no-untyped-def]
    settings.NOTIFY_BASE_URL = "https://expediente.example"


def confirm_link(message) -> str:  # type: ignore[no-untyped-def]
    found = re.search(
        r"https://expediente\.example(/my/notifications/confirm/[^/\s]+/)", message.get_content()
    )
    assert found, message.get_content()
    return found.group(1)


def turned_on(browser, smtp, address="rosa@defensa.example"):  # type: ignore[no-untyped-def]  # noqa: F811
    """She gives her address, opens the link it received, and turns the emails on, all
    with her browser in Spanish."""
    response = browser.post(PAGE, {"action": "email", "email": address}, **ES)
    assert response.status_code == 302
    assert [m["To"] for m in smtp.messages] == [address]
    link = confirm_link(smtp.messages[0])
    assert browser.get(link).status_code == 200  # a link preview confirms nothing
    assert AccountNotices.objects.get().address == ""
    assert browser.post(link).status_code == 200
    assert AccountNotices.objects.get().address == address
    response = browser.post(PAGE, {"action": "on", "consent": "yes"}, **ES)
    assert response.status_code == 302


def test_the_page_is_linked_from_my_cases(db):  # type: ignore[no-untyped-def]
    browser, _user = lawyer_client()
    assert f'href="{PAGE}"' in browser.get("/my/").content.decode()
    page = text_of(browser.get(PAGE).content.decode())
    assert "Notifications" in page
    assert "Off." in page


def test_a_bad_address_is_named_and_changes_nothing(db, smtp):  # type: ignore[no-untyped-def]  # noqa: F811
    browser, _user = lawyer_client()
    response = browser.post(PAGE, {"action": "email", "email": "rosa@@defensa"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_email"' in body
    assert "Enter an email address like name@example.org." in text_of(body)
    assert 'aria-invalid="true"' in body
    assert not AccountNotices.objects.exists()
    assert smtp.messages == []


def test_on_before_the_address_is_confirmed_is_refused(db, smtp):  # type: ignore[no-untyped-def]  # noqa: F811
    browser, _user = lawyer_client()
    browser.post(PAGE, {"action": "email", "email": "rosa@defensa.example"})
    response = browser.post(PAGE, {"action": "on", "consent": "yes"})
    assert response.status_code == 400
    assert "Confirm your email address first" in text_of(response.content.decode())
    row = AccountNotices.objects.get()
    assert (row.on, row.address, row.pending) == (False, "", "rosa@defensa.example")
    # only the confirmation went to the address
    assert len(smtp.messages) == 1


def test_on_without_consent_is_refused(detained_case, court_clerk, smtp):  # type: ignore[no-untyped-def]  # noqa: F811
    browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    browser.post(PAGE, {"action": "email", "email": "rosa@defensa.example"})
    browser.post(confirm_link(smtp.messages[0]))
    response = browser.post(PAGE, {"action": "on"})
    assert response.status_code == 400
    assert 'href="#id_consent"' in response.content.decode()
    assert not AccountNotices.objects.get().on
    assert not Subscription.objects.exists()


def test_an_unknown_confirmation_link_says_so(db):  # type: ignore[no-untyped-def]
    response = lawyer_client()[0].post("/my/notifications/confirm/not-a-real-token/")
    assert response.status_code == 404
    assert "This link does not work" in text_of(response.content.decode())


def test_off_stops_them_and_cancels_what_was_waiting(  # type: ignore[no-untyped-def]
    detained_case,
    court_clerk,
    record,
    smtp,  # noqa: F811
):
    browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    turned_on(browser, smtp)
    record(
        detained_case,
        "hearing.rescheduled",
        {"hearing": "H1", "starts_at": "2026-09-10T09:00:00-06:00", "reason": "Sala ocupada"},
    )
    waiting = Delivery.objects.get(address="rosa@defensa.example")
    assert waiting.status == "queued"
    assert browser.post(PAGE, {"action": "off"}).status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, waiting.cancelled_because) == ("cancelled", "stopped")
    assert not Subscription.objects.filter(active=True).exists()
    assert run(once=True).sent == 0
    assert len(smtp.messages) == 1  # the confirmation only


def test_her_decision_and_her_clients_legal_limit_reach_her_inbox_in_spanish(  # type: ignore[no-untyped-def]
    detained_case,
    court_clerk,
    judge_in_court,
    open_case,
    record,
    custody,  # noqa: F811
    at,  # noqa: F811
    smtp,  # noqa: F811
):
    browser, user = lawyer_client()
    for uid in ("P4", "P1"):  # her own participation as public defender, and her client
        link_by_clerk(
            case=detained_case, participant=uid, username=user.username, actor=court_clerk
        )
    turned_on(browser, smtp)

    # a case she follows, but not as counsel (the victim's side, as a repeat user): untold
    elsewhere = open_case()
    record(
        elsewhere,
        "participant.added",
        {
            "role": "accused",
            "person": {"given_names": "Otro", "family_names": "Acusado", "sex": "male"},
        },
    )
    record(
        elsewhere,
        "participant.added",
        {
            "role": "victim",
            "person": {"given_names": "Rosa", "family_names": "Defensora Solís", "sex": "female"},
        },
    )
    link_by_clerk(case=elsewhere, participant="P2", username=user.username, actor=court_clerk)

    # a case where the clerk links her as counsel after she turned the emails on
    later = open_case()
    record(
        later,
        "participant.added",
        {
            "role": "accused",
            "person": {"given_names": "Luis", "family_names": "Mora", "sex": "male"},
        },
    )
    record(
        later,
        "participant.added",
        {
            "role": "public_defender",
            "person": {"given_names": "Rosa", "family_names": "Defensora Solís", "sex": "female"},
        },
    )
    for uid in ("P2", "P1"):
        link_by_clerk(case=later, participant=uid, username=user.username, actor=court_clerk)

    # she asks for a review of her client's detention; the judge denies it, with reasons
    url = form_url(detained_case)
    assert (
        browser.post(url, {"text": SHE_WRITES, "token": token_of(browser, url)}).status_code == 302
    )
    petition = Petition.objects.get(case=detained_case)
    decide(detained_case, petition, judge_in_court)
    # her client in the later case is arrested; the sweep raises the legal limit's alert
    custody(later, "arrested", at(2))
    record(
        elsewhere,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-09-10T09:00:00-06:00"},
    )
    deadline_sweep(now=at(1, 5))

    run(once=True)
    mine = [m for m in smtp.messages[1:] if m["To"] == "rosa@defensa.example"]
    subjects = [str(m["Subject"]) for m in mine]
    decided = [
        m
        for m in mine
        if str(m["Subject"]).strip()
        == f"Expediente {detained_case.number}: Petición resuelta (Revisión de la detención): "
        "Rechazada"
    ]
    assert len(decided) == 1, subjects
    body = decided[0].get_content()
    receipt = (
        f"https://expediente.example/my/cases/{detained_case.nuid}/P4/receipt/{petition.filed_seq}/"
    )
    assert receipt in body
    assert "La decisión y el comprobante de la solicitud" in body  # in Spanish
    assert REASONS not in body  # the reasons are on the receipt, not in the email
    assert "/notify/unsubscribe/" in body
    # which petition (its receipt number) and how it ended; her own page of the case,
    # not the participants' portal that asks for a family's code
    assert petition.receipt in body
    assert "Rechazada" in body
    mine_page = f"https://expediente.example/my/cases/{detained_case.nuid}/P4/"
    assert [line for line in body.splitlines() if line.strip().endswith(mine_page)], body
    assert "/follow/" not in body
    # the legal limit for her client in the case linked later: "plazo por vencer"
    alerts = [m for m in mine if f"{later.number}: plazo por vencer" in m["Subject"]]
    assert alerts, subjects
    assert not [m for m in smtp.messages if elsewhere.number in str(m["Subject"])]
    # the link is hers: the receipt page shows her the reasons under the pack's rule
    assert REASONS in text_of(
        browser.get(receipt.removeprefix("https://expediente.example")).content.decode()
    )
