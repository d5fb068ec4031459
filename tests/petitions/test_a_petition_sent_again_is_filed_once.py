"""The sister asks for a habeas corpus, goes Back (the page makes a new token, the
browser keeps her text) and presses Send again: nothing new is filed, she lands on the
first receipt, which says she already sent it, and the judge's list shows one petition.
The same rule holds on /my/; the clerk's form warns and records it once confirmed (another
relative brought the same letter); the API records each filing under its own key.
Another text, or the same one once the first is answered, is a new petition and is
recorded."""

from __future__ import annotations

import re

from django.test import Client
from django.utils import timezone

from expediente.custody.models import Deadline
from expediente.docket.models import Event
from expediente.petitions.models import Petition
from tests.api.helpers import post_json
from tests.court.forms.helpers import record_url, submit
from tests.petitions.conftest import hours_ago
from tests.portal.conftest import text_of

ASK = "/follow/ask/habeas_corpus/"
SHE_WRITES = "Mi hermano está detenido desde hace tres semanas.\nNo lo han llevado ante un juez."
ANSWER = "intl.petition_answer.habeas_corpus"  # the petitions here are habeas corpus


def signed_in(case, code) -> Client:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    assert client.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    return client


def fresh_token(client: Client, url: str = ASK) -> str:
    """The form as Back brings it again: not cached, so with a new token."""
    found = re.search(r'name="token" value="([^"]+)"', client.get(url).content.decode())
    assert found
    return found.group(1)


def test_back_and_send_again_files_nothing_and_shows_the_first_receipt(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P1"))
    first = client.post(ASK, {"text": SHE_WRITES, "token": fresh_token(client)})
    assert first.status_code == 302
    petition = Petition.objects.get(case=detained_case)
    events = Event.objects.filter(case=detained_case).count()

    # Back: a new token; the browser restored her text (its line breaks as it keeps them)
    restored = SHE_WRITES.replace("\n", "\r\n") + "  "
    again = client.post(ASK, {"text": restored, "token": fresh_token(client)})
    assert again.status_code == 302
    assert again["Location"] == f"/follow/receipt/{petition.filed_seq}/?sent=again"
    assert Event.objects.filter(case=detained_case).count() == events
    assert Petition.objects.filter(case=detained_case).count() == 1
    assert Deadline.objects.filter(case=detained_case, rule_id=ANSWER).count() == 1

    receipt = text_of(client.get(again["Location"]).content.decode())
    assert "Usted ya envió esta solicitud el" in receipt
    assert f"El tribunal la tiene: recibo {petition.receipt}." in receipt
    assert "Todavía no ha sido respondida." in receipt
    # the receipt as she reads it any other time says nothing of it
    plain = text_of(client.get(f"/follow/receipt/{petition.filed_seq}/").content.decode())
    assert "ya envió" not in plain


def test_another_text_is_a_new_petition(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P1"))
    client.post(ASK, {"text": SHE_WRITES, "token": fresh_token(client)})
    client.post(ASK, {"text": SHE_WRITES, "token": fresh_token(client)})
    assert Petition.objects.filter(case=detained_case).count() == 1
    other = SHE_WRITES + " Sigue sin respuesta."
    second = client.post(ASK, {"text": other, "token": fresh_token(client)})
    assert second.status_code == 302
    assert "sent=again" not in second["Location"]
    assert Petition.objects.filter(case=detained_case).count() == 2
    assert Deadline.objects.filter(case=detained_case, rule_id=ANSWER).count() == 2


def test_the_same_text_after_the_answer_is_a_new_petition(detained_case, issue, clerk):  # type: ignore[no-untyped-def]
    from expediente.petitions.services import petition_decide

    client = signed_in(detained_case, issue(detained_case, "P1"))
    client.post(ASK, {"text": SHE_WRITES, "token": fresh_token(client)})
    client.post(ASK, {"text": SHE_WRITES, "token": fresh_token(client)})
    first = Petition.objects.get(case=detained_case)  # one, while unanswered
    petition_decide(
        case=detained_case,
        petition=first.filed_seq,
        outcome="denied",
        reasons="El detenido fue presentado ante el juez.",
        detention="none",
        actor=clerk,
        occurred_at=timezone.now(),
    )
    second = client.post(ASK, {"text": SHE_WRITES, "token": fresh_token(client)})
    assert second.status_code == 302
    assert "sent=again" not in second["Location"]
    assert Petition.objects.filter(case=detained_case).count() == 2


def test_a_lawyer_sending_again_from_my_lands_on_the_first_receipt(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    from tests.portal.test_a_lawyer_files_a_petition_for_a_client import form_url, linked

    browser, _user = linked(detained_case, court_clerk)
    url = form_url(detained_case, kind="habeas_corpus")
    text = "My client was never brought before a judge; he has been held for three weeks."
    first = browser.post(url, {"text": text, "token": fresh_token(browser, url)})
    assert first.status_code == 302
    again = browser.post(url, {"text": text, "token": fresh_token(browser, url)})
    assert again["Location"] == first["Location"] + "?sent=again"
    assert Petition.objects.filter(case=detained_case).count() == 1
    receipt = text_of(browser.get(again["Location"]).content.decode())
    assert "You already sent this request on" in receipt
    assert "It has not been answered yet." in receipt


def clerk_files(client, case, text=SHE_WRITES, extra=None):  # type: ignore[no-untyped-def]
    now = timezone.now().astimezone(timezone.get_fixed_timezone(-360))
    return submit(
        client,
        record_url(case, "petition.filed"),
        {
            "kind": "habeas_corpus",
            "text": text,
            "petitioner": "P1",
            "filed_via": "clerk",
            "received_from": "Marta Pérez, hermana",
            "occurred_at": now.strftime("%Y-%m-%dT%H:%M"),
        }
        | (extra or {}),
    )


def test_the_clerk_is_told_the_family_already_filed_it(staff_client, detained_case, issue):  # type: ignore[no-untyped-def]
    family = signed_in(detained_case, issue(detained_case, "P1"))
    family.post(ASK, {"text": SHE_WRITES, "token": fresh_token(family)})
    petition = Petition.objects.get(case=detained_case)
    events = Event.objects.filter(case=detained_case).count()
    # the sister brings the same letter to the counter: the form says the court has it
    response = clerk_files(staff_client, detained_case)
    assert response.status_code == 200  # the form again, with the warning
    said = " ".join(response.content.decode().split())
    assert "The court already has this same petition" in said
    assert f"entry {petition.filed_seq}" in said
    assert petition.receipt in said
    assert Event.objects.filter(case=detained_case).count() == events
    # something new in it: recorded without asking
    more = SHE_WRITES + " Trae un certificado."
    assert clerk_files(staff_client, detained_case, more).status_code == 302
    assert Petition.objects.filter(case=detained_case).count() == 2


def test_the_same_letter_brought_by_another_relative_is_recorded_once_confirmed(  # type: ignore[no-untyped-def]
    staff_client, detained_case, issue
):
    family = signed_in(detained_case, issue(detained_case, "P1"))
    family.post(ASK, {"text": SHE_WRITES, "token": fresh_token(family)})
    petition = Petition.objects.get(case=detained_case)
    ticked = {"confirm_past_maximum": f"petition_repeated:{petition.filed_seq}"}
    response = clerk_files(staff_client, detained_case, extra=ticked)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Petition.objects.filter(case=detained_case).count() == 2

    # the filing keeps it (the family's, which needed none, does not), and says so
    filings = Event.objects.filter(case=detained_case, type="petition.filed").order_by("seq")
    assert [e.confirmed for e in filings] == [None, ["petition_repeated"]]
    page = " ".join(
        staff_client.get(f"/court/cases/{detained_case.nuid}/").content.decode().split()
    )
    assert page.count("Recorded as a filing of its own, knowing that the court already") == 1


FILED = {
    "kind": "habeas_corpus",
    "text": "El detenido dice que no lo han llevado ante un juez.",
    "petitioner": "P1",
    "filed_via": "clerk",
}


def test_the_api_records_each_filing_under_its_own_key(detained, api_clerk):  # type: ignore[no-untyped-def]
    """A system retries under the same Idempotency-Key (answered as recorded); a second
    key is a second filing, recorded as sent: no 409 tells a system that may not read
    petitions' texts that the same words are on the record."""
    url = f"/api/v1/cases/{detained.nuid}/events"
    body = {"type": "petition.filed", "occurred_at": hours_ago(3).isoformat(), "payload": FILED}
    assert post_json(api_clerk, url, body, key="first").status_code == 201
    assert post_json(api_clerk, url, body, key="first").status_code == 200  # a retry
    assert Petition.objects.filter(case=detained).count() == 1
    spaced = FILED | {"text": "  El detenido dice que no lo   han llevado ante un juez. "}
    body = {"type": "petition.filed", "occurred_at": hours_ago(2).isoformat(), "payload": spaced}
    assert post_json(api_clerk, url, body, key="second").status_code == 201
    assert Petition.objects.filter(case=detained).count() == 2
