"""A channel that is down (SMTP not answering, the SMS gateway failing) is retried with
growing waits; after the last attempt the delivery is failed, every attempt is in its
log, and the court's staff see it. A refusal that retrying cannot fix fails at once."""

import datetime as dt

import pytest
from django.utils import timezone

from expediente.notify.models import Delivery, DeliveryAttempt
from expediente.notify.selectors import failed_deliveries
from expediente.notify.worker import run
from tests.custody.conftest import staff
from tests.notify.conftest import free_port


def at(start, seconds):
    return lambda: start + dt.timedelta(seconds=seconds)


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there


def queue(case, follow, record, channel, address):
    follow(case, "P2", channel, address)
    record(
        case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-04-10T09:00:00-06:00"},
    )
    return Delivery.objects.get()


def test_smtp_down_is_retried_with_backoff_then_failed(
    accused_case, follow, record, smtp_down, court
):
    delivery = queue(accused_case, follow, record, "email", "ana@example.org")
    start = timezone.now() + dt.timedelta(seconds=1)

    assert run(once=True, clock=at(start, 0)).retried == 1
    delivery.refresh_from_db()
    wait = (delivery.next_attempt_at - start).total_seconds()
    assert (delivery.status, delivery.attempts) == ("queued", 1)
    assert 30 <= wait <= 60  # base 60 s: between half and all of it

    assert run(once=True, clock=at(start, 1)).retried == 0  # not due yet

    assert run(once=True, clock=at(start, 61)).retried == 1
    delivery.refresh_from_db()
    assert 61 + 60 <= (delivery.next_attempt_at - start).total_seconds() <= 61 + 120

    assert run(once=True, clock=at(start, 600)).failed == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 3)
    assert "could not send the email" in delivery.last_error
    log = list(DeliveryAttempt.objects.values_list("number", "outcome"))
    assert log == [(1, "retry"), (2, "retry"), (3, "failed")]
    assert all(e for e in DeliveryAttempt.objects.values_list("error", flat=True))
    assert list(failed_deliveries(court)) == [delivery]

    assert run(once=True, clock=at(start, 99999)).failed == 0  # failed stays failed


def test_a_gateway_error_is_retried_and_then_delivered(accused_case, follow, record, receiver):
    queue(accused_case, follow, record, "sms", "+50688881234")
    receiver.answers = [503]
    start = timezone.now() + dt.timedelta(seconds=1)
    assert run(once=True, clock=at(start, 0)).retried == 1
    assert run(once=True, clock=at(start, 120)).sent == 1
    assert len(receiver.received("/sms")) == 1
    log = list(DeliveryAttempt.objects.values_list("outcome", "error"))
    assert log == [("retry", "HTTP 503 Service Unavailable"), ("sent", "")]


def test_a_refusal_retrying_cannot_fix_fails_at_once(accused_case, follow, record, receiver):
    queue(accused_case, follow, record, "sms", "+50688881234")
    receiver.answers = [400]
    assert run(once=True).failed == 1
    assert Delivery.objects.get().attempts == 1


def test_the_staff_page_lists_failed_deliveries_of_their_court(
    accused_case, follow, record, smtp_down, court, other_court, settings
):
    settings.NOTIFY_MAX_ATTEMPTS = 1
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    queue(accused_case, follow, record, "email", "ana@example.org")
    run(once=True)
    page = staff("maria.clerk", court, "clerk").get("/notify/failed/")
    assert page.status_code == 200
    assert "ana@example.org" in page.content.decode()
    assert accused_case.number in page.content.decode()
    elsewhere = staff("carla.cartago", other_court, "clerk").get("/notify/failed/")
    assert "ana@example.org" not in elsewhere.content.decode()


def test_the_staff_page_needs_a_signed_in_member(anonymous):
    response = anonymous.get("/notify/failed/")
    assert response.status_code == 302
    assert "/court/" in response["Location"]
