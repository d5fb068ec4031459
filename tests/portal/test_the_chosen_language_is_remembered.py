"""The language switcher works without JavaScript and the choice outlives the visit: a
cookie for the browser, and for a signed-in person, their account (lawyers) or the
participation their code opened, so another device shows it too. It is the screen's
language: messages keep the language of their subscription. A language the site does
not offer is refused naming the field, and nothing is remembered."""

from __future__ import annotations

import time

from django.test import Client
from django_otp.oath import TOTP

from expediente.access.participant_codes import link_by_clerk
from expediente.notify.models import Delivery
from expediente.portal.models import AccountLanguage, ParticipantLanguage
from tests.notify.conftest import participation
from tests.portal.conftest import LAWYER_PASSWORD, lawyer_client, schedule_review


def next_code(device) -> str:  # type: ignore[no-untyped-def]
    """The authenticator's next code (this step's was just used, and is not taken twice)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + device.step
    return f"{totp.token():06d}"


def subscribe_sms(case, uid, number, language="es"):  # type: ignore[no-untyped-def]
    from expediente.notify.subscriptions import subscribe

    return subscribe(
        participation=participation(case, uid),
        channel="sms",
        address=number,
        language=language,
        consent=True,
        consent_text_version="portal-2026-1",
    )


def follow(case, code, language="es") -> Client:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert client.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    return client


def test_the_choice_wins_over_the_browser_language(db):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    response = client.post("/language/", {"language": "en", "next": "/follow/"})
    assert response.status_code == 302
    assert response["Location"] == "/follow/"
    body = client.get("/follow/").content.decode()
    assert '<html lang="en">' in body
    assert "Follow your case" in body
    assert not AccountLanguage.objects.exists()  # nobody signed in: the cookie only
    assert not ParticipantLanguage.objects.exists()


def test_the_switcher_is_a_plain_form_on_every_portal_page(db):  # type: ignore[no-untyped-def]
    body = Client().get("/follow/").content.decode()
    assert '<form action="/language/" method="post"' in body
    assert '<option value="fr"' in body
    assert "<script" not in body


def test_a_language_not_offered_is_refused_and_nothing_is_remembered(db):  # type: ignore[no-untyped-def]
    client, _user = lawyer_client()
    response = client.post("/language/", {"language": "de", "next": "/my/"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#language"' in body
    assert "Choose one of the languages: es, en, pt, fr." in body
    assert not AccountLanguage.objects.exists()
    assert "django_language" not in response.cookies


def test_a_lawyers_choice_follows_her_to_another_device(db):  # type: ignore[no-untyped-def]
    office, user = lawyer_client()  # an English browser
    assert office.post("/language/", {"language": "fr", "next": "/my/"}).status_code == 302
    assert AccountLanguage.objects.get(user=user).language == "fr"
    assert '<html lang="fr">' in office.get("/my/").content.decode()

    from django_otp.plugins.otp_totp.models import TOTPDevice

    phone = Client(HTTP_ACCEPT_LANGUAGE="es")  # a new device, in Spanish, no cookie
    first = phone.post("/my/sign-in/", {"username": user.username, "password": LAWYER_PASSWORD})
    phone.post(first["Location"], {"code": next_code(TOTPDevice.objects.get(user=user))})
    response = phone.get("/my/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
    assert phone.cookies["django_language"].value == "fr"  # the phone keeps it too
    assert '<html lang="fr">' in phone.get("/follow/").content.decode()


def test_a_lawyers_screen_language_leaves_every_message_as_subscribed(  # type: ignore[no-untyped-def]
    detained_case, court_clerk, issue, record
):
    office, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    link_by_clerk(case=detained_case, participant="P1", username=user.username, actor=court_clerk)
    hers = subscribe_sms(detained_case, "P4", "+506 8888 0004")
    clients = subscribe_sms(detained_case, "P1", "+506 8888 0001")
    office.post("/language/", {"language": "en", "next": "/my/"})
    assert AccountLanguage.objects.get(user=user).language == "en"
    hers.refresh_from_db()
    clients.refresh_from_db()
    assert (hers.language, clients.language) == ("es", "es")
    schedule_review(record, detained_case)
    assert Delivery.objects.get(subscription=hers).language == "es"


def test_a_participants_choice_is_kept_for_her_code_not_for_her_messages(detained_case, issue):  # type: ignore[no-untyped-def]
    code = issue(detained_case, "P1")
    home = follow(detained_case, code, language="es")
    sms = subscribe_sms(detained_case, "P1", "+506 8888 1234")
    home.post("/language/", {"language": "en", "next": "/follow/case/"})
    chosen = ParticipantLanguage.objects.get(case=detained_case, participant="P1")
    assert chosen.language == "en"
    sms.refresh_from_db()
    assert sms.language == "es"  # changed only on purpose, on the case page
    # on a borrowed phone, in Spanish, with the same code: the case page is in English
    borrowed = Client(HTTP_ACCEPT_LANGUAGE="es")
    response = borrowed.post("/follow/", {"case_number": detained_case.nuid, "code": code})
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in borrowed.get("/follow/case/").content.decode()


def test_a_lawyer_signs_out_back_to_the_portal(db):  # type: ignore[no-untyped-def]
    client, _user = lawyer_client()
    response = client.post("/my/sign-out/")
    assert response["Location"] == "/my/sign-in/"
    assert client.get("/my/")["Location"] == "/my/sign-in/"
