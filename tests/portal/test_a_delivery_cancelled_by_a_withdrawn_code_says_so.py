"""A message cancelled because the court withdrew the access code it was asked for with
says so: it read "Cancelled (unsubscribed)", as if the person had stopped it. One the
person stopped says that; whether it was cancelled while queued or when a worker came to
send it; and those cancelled before the reason was kept are told apart by the migration
as the code does it."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.test import Client
from django.utils import translation

from expediente.access.participant_codes import code_revoke
from expediente.notify.models import Delivery, Subscription
from expediente.notify.subscriptions import subscribe, unsubscribe
from expediente.notify.worker import claim, deliver
from tests.portal.conftest import schedule_review

WITHDRAWN = "Cancelled: the access code was withdrawn"
STOPPED = "Cancelled: the messages were stopped"


def subscribed(case, code) -> Subscription:
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.post("/follow/", {"case_number": case.nuid, "code": code})
    client.post("/follow/case/", {"channel": "email", "address": "x@example.org", "consent": "yes"})
    return Subscription.objects.get(address="x@example.org")


def status(delivery: Delivery, language: str = "en") -> str:
    delivery.refresh_from_db()
    with translation.override(language):
        return delivery.get_status_display()


def test_a_message_queued_when_the_code_was_withdrawn_says_so(
    detained_case, issue, court_clerk, record
):
    subscribed(detained_case, issue(detained_case, "P1"))
    schedule_review(record, detained_case)
    delivery = Delivery.objects.get()
    code_revoke(case=detained_case, participant="P1", actor=court_clerk)
    assert Delivery.objects.get().status == "cancelled"
    assert status(delivery) == WITHDRAWN
    assert status(delivery, "es") == "Cancelado: se retiró el código de acceso"
    assert "unsubscribed" not in status(delivery)


def test_a_message_the_worker_held_when_the_code_was_withdrawn_says_so(
    detained_case, issue, court_clerk, record
):
    subscribed(detained_case, issue(detained_case, "P1"))
    schedule_review(record, detained_case)
    token, ids = claim(worker="w", batch=10)
    code_revoke(case=detained_case, participant="P1", actor=court_clerk)
    assert deliver(delivery_id=ids[0], token=token) == "cancelled"
    assert status(Delivery.objects.get()) == WITHDRAWN


def test_a_message_the_person_stopped_says_they_stopped_it(detained_case, issue, record):
    sub = subscribed(detained_case, issue(detained_case, "P1"))
    schedule_review(record, detained_case)
    unsubscribe(token=sub.unsubscribe_token)
    assert status(Delivery.objects.get()) == STOPPED


def test_the_person_stopping_before_the_worker_sends_reads_as_stopped(detained_case, issue, record):
    sub = subscribed(detained_case, issue(detained_case, "P1"))
    schedule_review(record, detained_case)
    token, ids = claim(worker="w", batch=10)
    unsubscribe(token=sub.unsubscribe_token)
    assert deliver(delivery_id=ids[0], token=token) == "cancelled"
    assert status(Delivery.objects.get()) == STOPPED


def test_messages_cancelled_before_the_reason_was_kept_are_told_apart(
    detained_case, issue, court_clerk, record
):
    subscribed(detained_case, issue(detained_case, "P1"))
    stopped = subscribe(  # at the court's counter
        participation=detained_case.participations.get(uid="P2"),
        channel="email",
        address="ana@example.org",
        language="es",
        consent=True,
        consent_text_version="counter",
    )
    schedule_review(record, detained_case)
    code_revoke(case=detained_case, participant="P1", actor=court_clerk)
    unsubscribe(token=stopped.unsubscribe_token)
    Delivery.objects.update(cancelled_because="")  # as before the migration
    migration = importlib.import_module(
        "expediente.notify.migrations.0005_why_a_delivery_was_cancelled"
    )
    migration.why_earlier_deliveries_were_cancelled(apps, None)
    assert status(Delivery.objects.get(address="x@example.org")) == WITHDRAWN
    assert status(Delivery.objects.get(address="ana@example.org")) == STOPPED
