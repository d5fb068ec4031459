"""The page an SMS's stop link (``/s/<token>``) or an email's unsubscribe link opens is
in the language the subscription's messages are sent in: a mother reads her messages in
Portuguese on a phone set to English, and the page asked her in English. The language
switcher on the page still works: a language chosen there wins."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from expediente.notify.models import Subscription


@pytest.fixture
def sub(accused_case, follow):  # type: ignore[no-untyped-def]
    return follow(accused_case, "P2", "sms", "+506 8888 2222", language="pt")


def html_lang(body: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', body)
    assert found
    return found.group(1)


def test_the_short_link_asks_in_the_language_of_the_messages(sub, accused_case):
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/s/{sub.stop_token}")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Parar as mensagens sobre este processo?" in body
    assert "Stop messages about this case?" not in body
    assert html_lang(body) == "pt"
    assert page["Content-Language"] == "pt"


def test_the_button_answers_in_the_same_language(sub):
    page = Client(HTTP_ACCEPT_LANGUAGE="en").post(f"/s/{sub.stop_token}")
    assert "Mensagens interrompidas" in page.content.decode()
    assert not Subscription.objects.get(pk=sub.pk).active


def test_the_emails_link_too(accused_case, follow):  # type: ignore[no-untyped-def]
    email = follow(accused_case, "P2", "email", "ana@example.org", language="fr")
    page = Client(HTTP_ACCEPT_LANGUAGE="es").get(f"/notify/unsubscribe/{email.unsubscribe_token}/")
    assert "Ne plus recevoir de messages sur cette affaire ?" in page.content.decode()


def test_the_language_switcher_still_changes_the_page(sub):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    link = f"/s/{sub.stop_token}"
    assert html_lang(client.get(link).content.decode()) == "pt"
    chosen = client.post("/language/", {"language": "es", "next": link})
    assert chosen.status_code == 302
    assert chosen["Location"] == link
    body = client.get(link).content.decode()
    assert "¿Dejar de recibir mensajes sobre este caso?" in body
    assert html_lang(body) == "es"
    assert Subscription.objects.get(pk=sub.pk).language == "pt"  # the messages keep theirs


def test_an_unknown_link_keeps_the_browsers_language(db):
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/s/AAAAAAAAAAAA")
    assert page.status_code == 404
    assert html_lang(page.content.decode()) == "en"
