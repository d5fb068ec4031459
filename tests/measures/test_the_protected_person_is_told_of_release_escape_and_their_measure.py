"""The protected person (the victim a restraining order protects) is told, by SMS in
the language they chose, when the accused is released, when the measure protecting them
starts, is breached and ends, and when the accused escapes: each through the outbox,
the worker and a real local SMS gateway. No message carries an address or any other
detail of the record (the places in the payloads are checked), and a device's upkeep
(a low battery) sends nothing."""

from __future__ import annotations

import pytest

from expediente.notify.models import Delivery
from expediente.notify.worker import run

HOME = "Calle 5, casa 12, Desamparados"  # the accused's address, as a clerk might type it
SHELTER = "Albergue de la calle 9"  # where the victim stays


@pytest.fixture
def victim_phone(accused_case, follow, receiver):
    follow(accused_case, "P2", "sms", "+506 8888 2222", language="fr")
    return receiver


def texts(receiver, since: int = 0) -> list[str]:
    """Run the worker once; the SMS texts the gateway received after the first ``since``."""
    run(once=True)
    return [r.json()["text"] for r in receiver.received("/sms")[since:]]


def test_each_moment_that_matters_reaches_the_victim_in_french(
    accused_case, custody, impose, comply, record, at, victim_phone
):
    receiver = victim_phone

    def new_texts() -> list[str]:
        seen = len(receiver.received("/sms"))
        return texts(receiver, seen)

    custody(accused_case, "arrested", at(25))
    new_texts()
    custody(accused_case, "released", at(24), reason="measures_replaced")
    (released,) = new_texts()
    assert "Libération" in released
    assert accused_case.number in released

    impose(
        accused_case,
        "restraining_order",
        at(24, 11),
        report_place=HOME,
        conditions=f"No acercarse a {SHELTER}",
    )
    (imposed,) = new_texts()
    assert "Mesure imposée" in imposed

    comply(accused_case, "device_event", at(20), device="DEV-1", kind="battery")
    assert new_texts() == []  # upkeep: nothing sent
    comply(accused_case, "device_event", at(19), device="DEV-1", kind="zone_breach")
    (breach,) = new_texts()
    assert "Non-respect de la zone" in breach
    comply(accused_case, "violation_reported", at(18), source="police", details=HOME)
    (reported,) = new_texts()
    assert "Manquement signalé" in reported

    comply(accused_case, "ended", at(10), reason="lifted_by_court")
    (ended,) = new_texts()
    assert "Mesure levée" in ended

    custody(accused_case, "arrested", at(6))
    new_texts()
    custody(accused_case, "escaped", at(5), place=HOME)
    (escaped,) = new_texts()
    assert "Évasion" in escaped

    every = [r.json() for r in receiver.received("/sms")]
    assert len(every) == 8
    assert {m["to"] for m in every} == {"+50688882222"}
    for message in every:
        assert HOME not in message["text"]
        assert SHELTER not in message["text"]
        assert "DEV-1" not in message["text"]
        assert "Pérez" not in message["text"]  # the accused is not named either
    assert not Delivery.objects.exclude(status=Delivery.Status.SENT).exists()


def test_a_protected_person_who_did_not_subscribe_is_sent_nothing_and_nothing_fails(
    accused_case, custody, at, receiver
):
    custody(accused_case, "arrested", at(25))
    custody(accused_case, "escaped", at(5))
    assert texts(receiver) == []
    assert not Delivery.objects.exists()


def test_the_accused_subscribed_is_never_told_where_the_victim_is(
    accused_case, impose, comply, at, follow, receiver
):
    follow(accused_case, "P1", "sms", "+506 8888 1111", language="es")
    impose(accused_case, "restraining_order", at(10), conditions=f"No acercarse a {SHELTER}")
    comply(accused_case, "violation_reported", at(2), source="victim", details=SHELTER)
    sent = texts(receiver)
    assert len(sent) == 2
    assert all(SHELTER not in t and "Rojas" not in t for t in sent)


def test_the_messages_arrive_within_seconds_of_the_entry(accused_case, custody, at, victim_phone):
    import time

    custody(accused_case, "arrested", at(3))
    texts(victim_phone)
    started = time.monotonic()
    custody(accused_case, "escaped", at(0, 8))
    (escaped,) = texts(victim_phone, 1)
    assert "Évasion" in escaped
    assert time.monotonic() - started < 10
