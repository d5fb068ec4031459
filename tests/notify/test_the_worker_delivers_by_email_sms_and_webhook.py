"""`expediente worker` sends each queued delivery through its channel: email to a real
SMTP server, SMS to a gateway over HTTP with a bearer token, signed webhooks; each
message carries its delivery key and an unsubscribe link; a second run sends nothing."""

import hashlib
import hmac
import io
import json

import pytest
from django.core.management import call_command

from expediente.notify.models import Delivery, DeliveryAttempt, Subscription
from expediente.notify.worker import run


@pytest.fixture
def queued(accused_case, follow, record, receiver, smtp):
    follow(accused_case, "P2", "email", "ana@example.org", language="es")
    follow(accused_case, "P2", "sms", "+506 8888 1234", language="es")
    follow(accused_case, "P1", "webhook", f"{receiver.url}/hook", language="en")
    record(
        accused_case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-04-10T09:00:00-06:00"},
    )
    return accused_case


def test_every_channel_receives_its_message_once(queued, receiver, smtp):
    tally = run(once=True)
    assert (tally.sent, tally.retried, tally.failed) == (3, 0, 0)
    assert len(smtp.messages) == 1
    assert len(receiver.received("/sms")) == 1
    assert len(receiver.received("/hook")) == 1
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}

    again = run(once=True)
    assert again.sent == 0
    assert len(smtp.messages) == 1
    assert len(receiver.received()) == 2


def test_the_email_is_in_spanish_with_its_key_and_an_unsubscribe_link(queued, smtp):
    run(once=True)
    message = smtp.messages[0]
    delivery = Delivery.objects.get(channel="email")
    token = Subscription.objects.get(channel="email").unsubscribe_token
    assert message["To"] == "ana@example.org"
    # the frame ("Caso …") comes from the catalogue; the event's words from the pack
    # then the kind of hearing (the catalogue's word) and the date
    assert f" {queued.number}: Audiencia programada (juicio): " in message["Subject"]
    assert message["X-Expediente-Delivery"] == delivery.key
    assert message["Message-ID"].endswith("@expediente.notify>")
    body = message.get_content()
    assert f"https://expediente.example/notify/unsubscribe/{token}/" in body
    assert (
        f"<https://expediente.example/notify/unsubscribe/{token}/>"
        == message["List-Unsubscribe"].strip()
    )


def test_the_sms_goes_to_the_gateway_with_the_bearer_token(queued, receiver):
    run(once=True)
    request = receiver.received("/sms")[0]
    document = request.json()
    assert request.headers["Authorization"] == "Bearer gateway-token"
    assert request.headers["Idempotency-Key"] == document["id"]
    assert document["to"] == "+50688881234"
    assert queued.number in document["text"]
    stop = Subscription.objects.get(channel="sms").stop_token
    assert f"https://expediente.example/s/{stop}" in document["text"]  # the short link


def test_a_lawyers_system_can_verify_the_webhook_signature(queued, receiver):
    run(once=True)
    request = receiver.received("/hook")[0]
    secret = Subscription.objects.get(channel="webhook").secret
    timestamp = request.headers["X-Expediente-Timestamp"]
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256
    ).hexdigest()
    assert request.headers["X-Expediente-Signature"] == f"v1={expected}"
    document = json.loads(request.body)
    assert document["id"] == request.headers["X-Expediente-Delivery"]
    assert (document["case"], document["what"], document["language"]) == (
        queued.number,
        "hearing.scheduled",
        "en",
    )
    assert document["subject"].startswith(f"Case {queued.number}: Hearing scheduled (trial): ")


def test_a_signature_made_with_another_secret_does_not_match(queued, receiver):
    run(once=True)
    request = receiver.received("/hook")[0]
    timestamp = request.headers["X-Expediente-Timestamp"]
    forged = hmac.new(b"guess", timestamp.encode() + b"." + request.body, hashlib.sha256)
    assert request.headers["X-Expediente-Signature"] != f"v1={forged.hexdigest()}"


def test_every_attempt_is_logged(queued):
    run(once=True)
    log = list(DeliveryAttempt.objects.values_list("outcome", "number"))
    assert log == [("sent", 1)] * 3


def test_the_command_drains_and_reports(queued, smtp):
    out, err = io.StringIO(), io.StringIO()
    call_command("worker", "--once", "--name", "w1", stdout=out, stderr=err)
    assert "sent 3" in out.getvalue()
    assert "w1: 3 claimed" in err.getvalue()
    assert len(smtp.messages) == 1
