"""A deadline alert raised by the sweep (real custody ``Alert`` rows) is queued, by the
sweep itself in the same transaction, for the subscribers whose role the deadline rule
names (defence, prosecutor…), in their language, once however often it is queued."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from expediente.custody.models import Alert
from expediente.custody.sweep import deadline_sweep
from expediente.notify.models import Delivery, Notification
from expediente.notify.outbox import queue_alert, queue_alerts
from expediente.notify.rendering import render_alert

LAWYER = {"given_names": "Laura", "family_names": "Méndez", "sex": "female"}


@pytest.fixture
def alert(accused_case, record, custody, follow, at):
    record(accused_case, "participant.added", {"role": "defence", "person": LAWYER})
    follow(accused_case, "P3", "email", "laura@bufete.example", language="en")
    follow(accused_case, "P2", "email", "ana@example.org", language="es")  # the victim
    custody(accused_case, "arrested", at(2))
    deadline_sweep(now=at(1, 5))  # 6 hours before the presentation to a judge
    return Alert.objects.get()


def alert_deliveries():
    return list(
        Delivery.objects.filter(notification__kind="alert").values_list("address", flat=True)
    )


def test_the_sweep_queues_its_alerts_for_the_roles_the_rule_names(alert):
    assert "defence" in alert.who
    assert "victim" not in alert.who
    assert Notification.objects.filter(key=f"alert:{alert.key}").exists()
    assert alert_deliveries() == ["laura@bufete.example"]


def test_the_alert_says_which_deadline_and_when(alert, accused_case):
    notification = Notification.objects.get(key=f"alert:{alert.key}")
    text = notification.rendered["en"]
    assert accused_case.number in text["subject"]
    assert "deadline approaching" in text["subject"]
    assert "falls due on" in text["body"]


def test_queuing_again_queues_nothing(alert):
    assert queue_alert(alert) is None
    assert queue_alerts([alert.key]) == 0
    assert alert_deliveries() == ["laura@bufete.example"]


def test_an_alert_as_the_sweep_leaves_it_unsaved_is_found_by_its_key(alert):
    Delivery.objects.all().delete()  # nothing was sent yet: start the outbox afresh
    Notification.objects.all().delete()
    unsaved = Alert(key=alert.key)
    assert queue_alert(unsaved) is not None


def test_a_second_sweep_queues_nothing_new(alert, at):
    deadline_sweep(now=at(1, 6))
    assert queue_alerts(Alert.objects.values_list("key", flat=True)) == 0
    assert alert_deliveries() == ["laura@bufete.example"]


def test_a_custody_alert_is_worded_without_looking_among_measure_deadlines(alert):
    """The rule says the deadline is a person's (custody), not a measure's: the message
    is written from the custody deadline alone."""
    fresh = Alert.objects.select_related("case__court").get(pk=alert.pk)
    with CaptureQueriesContext(connection) as queries:
        message = render_alert(fresh, "en")
    assert fresh.case.number in message["subject"]
    assert not [q for q in queries.captured_queries if "measuredeadline" in q["sql"].lower()]


def test_the_longest_alert_key_and_address_are_kept_whole(alert, accused_case, follow):
    """An alert key of 400 characters and an e-mail address of 200 make a delivery key
    of over 600: it is stored whole (PostgreSQL would refuse a value too long for its
    column; it must never be cut, or two deliveries could share a key)."""
    address = "laura@" + ".".join(c * 60 for c in "abc") + ".example"
    follow(accused_case, "P3", "email", address, language="en")
    fields = {
        f.attname: getattr(alert, f.attname)
        for f in Alert._meta.concrete_fields
        if not f.primary_key
    }
    longest = Alert.objects.create(**{**fields, "key": "k" * 400})
    assert queue_alert(longest) is not None
    delivery = Delivery.objects.get(notification__key=f"alert:{'k' * 400}", address=address)
    assert delivery.key == f"alert:{'k' * 400}|email:{address}"
    assert len(delivery.key) > 600
