"""Recording a docket entry queues, in the same transaction, one notification with one
delivery per subscribed address, rendered in each subscriber's language; an entry that
is refused queues nothing; nothing is queued for entries from before subscribing."""

import datetime as dt

import pytest

from expediente.docket.errors import InvalidInput
from expediente.notify.models import Delivery, Notification
from tests.conftest import NOW


def hearing(record, case, hearing_id="H1"):
    return record(
        case,
        "hearing.scheduled",
        {
            "hearing": hearing_id,
            "kind": "preliminary",
            "starts_at": "2026-04-10T09:00:00-06:00",
            "courtroom": "Sala 3",
        },
        occurred_at=NOW - dt.timedelta(days=2),
    )


@pytest.fixture
def followed(accused_case, follow):
    follow(accused_case, "P2", "email", "ana@example.org", language="es")
    follow(accused_case, "P2", "sms", "+50688881234", language="es")
    follow(accused_case, "P1", "email", "jose@example.org", language="en")
    return accused_case


def test_each_address_gets_one_delivery(followed, record):
    recorded = hearing(record, followed)
    notification = Notification.objects.get()
    assert notification.key == f"event:{recorded.event.pk}"
    assert notification.event_seq == recorded.event.seq
    addresses = sorted(Delivery.objects.values_list("channel", "address", "status"))
    assert addresses == [
        ("email", "ana@example.org", "queued"),
        ("email", "jose@example.org", "queued"),
        ("sms", "+50688881234", "queued"),
    ]


def test_the_message_is_in_each_subscribers_language(followed, record):
    hearing(record, followed)
    rendered = Notification.objects.get().rendered
    assert sorted(rendered) == ["en", "es"]
    assert followed.number in rendered["es"]["subject"]
    assert "Audiencia programada" in rendered["es"]["subject"]
    assert "Hearing scheduled" in rendered["en"]["subject"]
    # the hearing's kind and courtroom, which every participant's page shows, are in
    # the email; its SMS keeps to the date and time
    assert (
        "Audiencia programada (preliminar): 10 de abril de 2026 a las 09:00"
        in (rendered["es"]["body"])
    )
    assert "Sala 3" in rendered["es"]["body"]
    assert "Sala 3" not in rendered["es"]["sms"]


def test_two_participants_at_one_address_get_one_message(accused_case, follow, record):
    follow(accused_case, "P1", "email", "family@example.org")
    follow(accused_case, "P2", "email", "Family@EXAMPLE.org")
    hearing(record, accused_case)
    assert Delivery.objects.filter(address="family@example.org").count() == 1


def test_a_refused_entry_queues_nothing(followed, record):
    with pytest.raises(InvalidInput):
        record(followed, "hearing.scheduled", {"kind": "no-such-kind"})
    assert not Notification.objects.exists()
    assert not Delivery.objects.exists()


def test_entries_recorded_before_subscribing_are_not_sent(accused_case, follow, record):
    hearing(record, accused_case)
    follow(accused_case, "P2", "email", "ana@example.org")
    assert not Notification.objects.exists()
    hearing(record, accused_case, "H2")
    assert Notification.objects.count() == 1


def test_an_unsubscribed_address_gets_nothing_more(followed, record):
    from expediente.notify.models import Subscription
    from expediente.notify.subscriptions import unsubscribe

    sms = Subscription.objects.get(channel="sms")
    unsubscribe(token=sms.unsubscribe_token)
    hearing(record, followed)
    assert not Delivery.objects.filter(channel="sms").exists()
    assert Delivery.objects.filter(channel="email").count() == 2


def test_a_case_without_subscribers_queues_nothing(accused_case, record):
    hearing(record, accused_case)
    assert not Notification.objects.exists()


def test_at_a_shared_address_the_older_subscription_is_the_ones_used(accused_case, follow, record):
    """Two participants at one address, in two languages: the one who subscribed first
    is the delivery's, whether the subscriptions came with the append (PostgreSQL) or
    were read after it (SQLite, and a queue_event of its own)."""
    from expediente.notify.models import Subscription
    from expediente.notify.outbox import queue_event
    from expediente.rules.loader import load_pack

    follow(accused_case, "P2", "email", "family@example.org", language="en")
    follow(accused_case, "P1", "email", "family@example.org", language="es")
    older = Subscription.objects.order_by("pk").first()
    recorded = hearing(record, accused_case)
    delivery = Delivery.objects.get(address="family@example.org")
    assert (delivery.subscription_id, delivery.language) == (older.pk, "en")

    Delivery.objects.all().delete()
    Notification.objects.all().delete()
    queue_event(accused_case, recorded.event, load_pack(accused_case.court.rule_pack))
    delivery = Delivery.objects.get(address="family@example.org")
    assert (delivery.subscription_id, delivery.language) == (older.pk, "en")
