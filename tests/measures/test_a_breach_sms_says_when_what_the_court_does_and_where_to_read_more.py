"""A victim's SMS about a breach of the measure protecting her says what happened (the
kind of device report, not "device event"), when on the court's clock, that the court
has it on record and on the judge's list (which the system does: the breach heads the
judge's due list until answered), the number to call in danger (the court's pack
gives it), and where to read more (the participants' portal), in a few SMS segments;
who reported it and the report's details are never in it."""

from __future__ import annotations

from expediente.notify.channels.sms import segments
from expediente.notify.worker import run

SHELTER = "Albergue de la calle 9"


def _sms(receiver) -> list[str]:
    run(once=True)
    return [r.json()["text"] for r in receiver.received("/sms")]


def test_a_zone_breach_sms_says_when_what_next_and_where(
    accused_case, impose, comply, at, follow, receiver
):
    impose(accused_case, "restraining_order", at(10))
    follow(accused_case, "P2", "sms", "+506 8888 2222", language="es")
    comply(accused_case, "device_event", at(1, 8, 55), device="DEV-1", kind="zone_breach")
    (text,) = _sms(receiver)
    assert "Incumplimiento de la zona" in text
    assert "08:55" in text  # San José's clock (14:55 UTC)
    assert "lista de asuntos por decidir" in text
    assert "/follow/" in text
    assert "DEV-1" not in text
    # Costa Rica's number (the pack's); without accents, as GSM-7 (``channels/sms.fit``)
    assert "Si esta en peligro, llame al 911." in text
    assert segments(text) == ("GSM-7", 2)  # the line to stop the messages included


def test_a_reported_breach_sms_names_no_source_and_tells_the_accused_the_same(
    accused_case, impose, comply, at, follow, receiver
):
    impose(accused_case, "restraining_order", at(10))
    follow(accused_case, "P2", "sms", "+506 8888 2222", language="en")
    follow(accused_case, "P1", "sms", "+506 8888 1111", language="en")
    comply(accused_case, "violation_reported", at(1, 21, 5), source="victim", details=SHELTER)
    run(once=True)
    by_phone = {r.json()["to"]: r.json()["text"] for r in receiver.received("/sms")}
    assert len(by_phone) == 2
    for text in by_phone.values():
        assert "Breach reported" in text
        assert "21:05" in text or "9:05" in text
        assert "judge's list" in text
        assert "/follow/" in text
        assert "victim" not in text.lower()
        assert SHELTER not in text
    # whom to call in danger: told to her, not to the man the order binds
    assert "If you are in danger, call 911." in by_phone["+50688882222"]
    assert "911" not in by_phone["+50688881111"]


def test_news_that_is_not_a_breach_says_when_and_where_but_claims_nothing_more(
    accused_case, impose, at, follow, receiver
):
    follow(accused_case, "P2", "sms", "+506 8888 2222", language="en")
    impose(accused_case, "restraining_order", at(10, 14, 30))
    (text,) = _sms(receiver)
    assert "Measure imposed" in text
    assert "2:30" in text or "14:30" in text
    assert "judge" not in text
    assert "911" not in text  # no alarm where nothing was breached
    assert "/follow/" in text


def test_the_defence_is_not_told_whom_to_call_against_its_own_client(
    accused_case, impose, comply, at, follow, receiver, record
):
    defence = {"role": "defence", "person": {"given_names": "Lic. Rosa", "family_names": "Mora"}}
    uid = record(accused_case, "participant.added", defence).event.payload["participant"]
    impose(accused_case, "restraining_order", at(10))
    follow(accused_case, "P2", "sms", "+506 8888 2222", language="en")
    follow(accused_case, uid, "sms", "+506 8888 3333", language="en")
    comply(accused_case, "violation_reported", at(1, 21, 5), source="victim", details=SHELTER)
    run(once=True)
    by_phone = {r.json()["to"]: r.json()["text"] for r in receiver.received("/sms")}
    assert "Breach reported" in by_phone["+50688883333"]
    assert "911" not in by_phone["+50688883333"]
    assert "If you are in danger, call 911." in by_phone["+50688882222"]
