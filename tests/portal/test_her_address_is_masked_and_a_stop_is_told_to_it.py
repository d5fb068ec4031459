"""Whoever holds the code sees the case page, the accused who found her printed notice
too: her phone and email are shown masked next to the buttons that stop them (enough
for her to know which is which, not enough to learn her new number), and when one is
stopped from the portal one last message goes to that address saying so and how to
have them again, through the outbox and the worker like every message."""

from __future__ import annotations

import json

from django.test import Client

from expediente.notify import worker
from expediente.notify.models import Delivery, Subscription
from tests.portal.conftest import text_of


def signed_in(case, code) -> Client:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    return client


def subscribe(client: Client, channel: str, address: str) -> None:
    response = client.post(
        "/follow/case/", {"channel": channel, "address": address, "consent": "yes"}
    )
    assert response.status_code == 302


def test_the_page_shows_her_phone_and_email_masked(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P2"))
    subscribe(client, "sms", "+506 8765 4321")
    subscribe(client, "email", "rosa.mora@example.org")
    body = client.get("/follow/case/").content.decode()
    assert "87654321" not in body
    assert "rosa.mora" not in body
    page = text_of(body)
    assert page.count("+506 ****4321") == 2  # "You will be told by" and by its stop button
    assert page.count("r***@example.org") == 2


def test_the_mask_keeps_the_country_code_and_the_last_four_digits() -> None:
    from expediente.portal.privacy import masked_address

    assert masked_address("sms", "+50687654321") == "+506 ****4321"
    assert masked_address("sms", "+12025550123") == "+1 ****0123"
    assert masked_address("sms", "+34612345678") == "+34 ****5678"
    assert masked_address("email", "rosa@example.org") == "r***@example.org"
    assert masked_address("email", "Rosa@Gmail.com") == "R***@gmail.com"
    # her new employer's or her lawyer's domain would say where to find her
    assert masked_address("email", "rosa@clinicasanrafael.cr") == "r***@c***.cr"
    assert masked_address("email", "rosa@mail.bufete-ulloa.co.cr") == "r***@m***.cr"
    assert masked_address("inbox", "P2") == ""


def test_a_stop_from_the_portal_is_told_to_the_address_once(  # type: ignore[no-untyped-def]
    detained_case, issue, settings, tmp_path
):
    settings.NOTIFY_SMS_DIR = tmp_path
    settings.NOTIFY_SMS_GATEWAY_URL = ""
    client = signed_in(detained_case, issue(detained_case, "P2"))
    subscribe(client, "sms", "+506 8765 4321")
    sub = Subscription.objects.get()
    done = client.post(f"/follow/messages/{sub.pk}/stop/")
    assert done.status_code == 302
    sub.refresh_from_db()
    assert not sub.active
    last = Delivery.objects.get(subscription=sub)
    assert (last.address, last.status) == ("+50687654321", Delivery.Status.QUEUED)
    # the worker sends it though the subscription has ended
    token, ids = worker.claim(worker="test", batch=10)
    assert ids == [last.pk]
    assert worker.deliver(delivery_id=last.pk, token=token) == "sent"
    (sent,) = [json.loads(p.read_text()) for p in tmp_path.glob("*.json")]
    assert sent["to"] == "+50687654321"
    assert "stopped from the portal" in sent["text"]
    assert "/follow/" in sent["text"]
    assert "/s/" not in sent["text"]  # no stop link: nothing more is sent there
    # stopping is told once: nothing more is queued for that address
    assert Delivery.objects.filter(address="+50687654321").count() == 1


def test_the_email_says_what_was_stopped_and_how_to_restart(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P2"))
    subscribe(client, "email", "rosa@example.org")
    subscribe(client, "inbox", "")
    email = Subscription.objects.get(channel="email")
    inbox = Subscription.objects.get(channel="inbox")
    client.post(f"/follow/messages/{email.pk}/stop/")
    client.post(f"/follow/messages/{inbox.pk}/stop/")
    (last,) = Delivery.objects.all()  # the inbox is the page itself: nothing sent to it
    message = worker.message_for(last)
    assert message.address == "rosa@example.org"
    assert f"The messages about case {detained_case.number}" in message.body
    assert "were stopped on" in message.body
    assert "from the court's portal" in message.body
    assert "sign in at" in message.body
    assert "/follow/" in message.body
    assert message.unsubscribe_url == ""
    assert message.footer == "This is the last message sent to this address about it."
