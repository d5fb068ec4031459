"""A deadline alert's SMS says which case (its number), which deadline, by when (on the
court's clock, in the reader's language) and where to read more (the portal), before
the line to stop the messages; it carried the subject alone. It names no one, so it
shows no more than the email each role was already sent. It fits in two SMS parts in
es, en, pt and fr, with the longest deadline label of any pack: where accents would
send it as UCS-2 (70 characters a part) it goes without them, as GSM-7 (160)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from expediente.access.models import Membership, User
from expediente.access.policy import Actor
from expediente.custody.models import Alert, Deadline
from expediente.custody.sweep import deadline_sweep
from expediente.docket.services import event_record
from expediente.notify.channels.sms import SEGMENTS, fit, fold, segments
from expediente.notify.models import Delivery, Notification
from expediente.notify.outbox import queue_alert
from expediente.notify.worker import run
from expediente.rules.loader import load_pack
from tests.notify.conftest import impose_weekly_reporting

LAWYER = {"given_names": "Laura", "family_names": "Méndez", "sex": "female"}
PROSECUTOR = {"given_names": "Marta", "family_names": "Ruiz", "sex": "female"}
PHONES = {"es": "+50688883000", "en": "+50688883001", "pt": "+50688883002", "fr": "+50688883003"}
# a court's real address is longer than the tests' https://expediente.example
LONG_BASE = "https://expediente.poder-judicial.go.cr"
CR = ZoneInfo("America/Costa_Rica")


def texts(receiver) -> dict[str, str]:
    run(once=True)
    return {r.json()["to"]: r.json()["text"] for r in receiver.received("/sms")}


@pytest.fixture
def lawyer_in_four_languages(accused_case, record, follow):
    record(accused_case, "participant.added", {"role": "defence", "person": LAWYER})
    for language, phone in PHONES.items():
        follow(accused_case, "P3", "sms", phone, language=language)
    return accused_case


def test_a_custody_alert_says_the_case_the_deadline_when_and_where(
    lawyer_in_four_languages, custody, at, receiver
):
    case = lawyer_in_four_languages
    custody(case, "arrested", at(2))  # before a judge within 24 hours: due 1 March, 10:00
    deadline_sweep(now=at(1, 5))
    by_phone = texts(receiver)
    expected = {
        "es": (
            "el plazo legal",
            '"Puesta a la orden de la autoridad judicial"',
            "1 de marzo de 2026 a las 10:00",
        ),
        "en": ("the legal deadline", '"Detainee placed before a judge"', "1 March 2026, 10:00."),
        "pt": ("o prazo legal", "Apresenta", "1 de mar"),
        "fr": ("délai légal", "personne détenue à l'autorité judiciaire", "1 mars 2026 10:00"),
    }
    for language, words in expected.items():
        text = by_phone[PHONES[language]]
        first, stop = text.split("\n")
        assert case.number in first, language
        for word in words:
            assert word in first, (language, word, first)
        assert "https://expediente.example/follow/" in first
        assert "/s/" in stop
        assert segments(text)[1] <= SEGMENTS, (language, text)
    assert by_phone[PHONES["pt"]].startswith(f"Processo {case.number}: o prazo legal")
    assert "10:00" in by_phone[PHONES["pt"]]


def test_the_longest_deadline_label_of_any_pack_fits_in_two_parts(
    lawyer_in_four_languages, custody, at, receiver, settings
):
    settings.NOTIFY_BASE_URL = LONG_BASE
    custody(lawyer_in_four_languages, "arrested", at(2))
    deadline_sweep(now=at(1, 5))
    Delivery.objects.all().delete()  # nothing sent yet: queue it again with other words
    Notification.objects.all().delete()
    packs = ("intl", "cr", "br", "cl", "co")
    rules = [rule for name in packs for rule in load_pack(name).deadlines]
    longest = {
        language: max((r.label.get(language, "") for r in rules), key=len) for language in PHONES
    }
    assert len(longest["es"]) > 50
    Deadline.objects.update(label=longest)
    queue_alert(Alert.objects.get())
    by_phone = texts(receiver)
    assert len(by_phone) == 4
    for language, phone in PHONES.items():
        text = by_phone[phone]
        encoding, parts = segments(text)
        assert parts <= SEGMENTS, (language, encoding, len(text), text)
        assert fold(fit(longest[language])) in text, language
        assert f"{LONG_BASE}/follow/" in text


def test_a_missed_check_in_says_the_case_the_order_and_the_last_day(
    accused_case, record, follow, receiver
):
    record(accused_case, "participant.added", {"role": "prosecutor", "person": PROSECUTOR})
    follow(accused_case, "P3", "sms", "+506 8888 3333", language="en")
    follow(accused_case, "P3", "sms", "+506 8888 3334", language="es")
    impose_weekly_reporting(record, accused_case)
    deadline_sweep(now=dt.datetime(2026, 2, 16, 8, 5, tzinfo=CR))
    by_phone = texts(receiver)
    en, es = by_phone["+50688883333"], by_phone["+50688883334"]
    assert en.startswith(f'Case {accused_case.number}: "Periodic check-in"')
    assert "(measure M1)" in en
    assert "was due by the end of the day on 13 February 2026 and is not on record" in en
    assert "https://expediente.example/follow/" in en
    assert f"Expediente {accused_case.number}:" in es
    assert "13 de febrero de 2026" in es
    for text in (en, es):
        assert segments(text)[1] <= SEGMENTS
        assert "José" not in text
        assert "Rojas" not in text


def test_the_accused_is_told_of_his_review_without_anyone_named(
    accused_case, custody, at, follow, receiver
):
    follow(accused_case, "P1", "sms", "+506 8888 1111", language="es")
    follow(accused_case, "P2", "sms", "+506 8888 2222", language="es")  # the victim
    custody(accused_case, "arrested", at(29))
    custody(accused_case, "pretrial_ordered", at(28))  # to be reviewed within 3 months
    run(once=True)  # the news of those entries
    receiver.requests.clear()
    review = Deadline.objects.get(rule_id="cr.pretrial_review")
    deadline_sweep(now=review.due_at - dt.timedelta(days=5))
    by_phone = texts(receiver)
    assert set(by_phone) == {"+50688881111"}  # the rule names the accused, not the victim
    text = by_phone["+50688881111"]
    assert f"Expediente {accused_case.number}: el plazo legal" in text
    assert "Revision de la prision preventiva" in text  # as GSM-7: two parts, not four
    assert "Ana" not in text
    assert "Rojas" not in text
    assert segments(text)[1] <= SEGMENTS


def test_a_sealed_cases_alert_names_nothing(accused_case, follow, custody, at, receiver):
    follow(accused_case, "P1", "sms", "+506 8888 1111", language="en")
    custody(accused_case, "arrested", at(29))
    custody(accused_case, "pretrial_ordered", at(28))
    run(once=True)
    receiver.requests.clear()
    judge = User.objects.create_user("juez.sms", password="una-clave-larga-2026")
    Membership.objects.create(user=judge, court=accused_case.court, role="judge")
    event_record(
        case=accused_case,
        type="case.sealed",
        payload={"grounds": "Orden 9-2026"},
        actor=Actor.staff(judge),
        occurred_at=timezone.now() - dt.timedelta(minutes=1),
    )
    review = Deadline.objects.get(rule_id="cr.pretrial_review")
    deadline_sweep(now=review.due_at - dt.timedelta(days=5))
    (text,) = texts(receiver).values()
    first = text.split("\n")[0]
    # P1 is held: the detention part is his, and the portal shows him the deadline there
    assert first.startswith("A deadline about a detention in a case you follow needs attention.")
    assert accused_case.number not in text
    assert "Revision" not in text  # nor which deadline


def test_a_deadline_counted_in_days_is_given_by_its_last_day(accused_case, custody, at):
    """A review due within three months of the order falls due at the midnight after its
    last day: the message gave that midnight ("3 de febrero … a las 00:00" for a last day
    of 2 February), a day later than the portal and the court's pages say."""
    from expediente.notify.rendering import render_alert

    custody(accused_case, "arrested", at(3))
    custody(accused_case, "hearing_held", at(2))
    custody(accused_case, "pretrial_ordered", at(2))
    review = Deadline.objects.get(case=accused_case, rule_id="cr.pretrial_review", open=True)
    assert review.counting != "continuous"
    alert = Alert(
        key="k",
        deadline_key=review.key,
        court=accused_case.court,
        case=accused_case,
        participant="P1",
        rule_id=review.rule_id,
        threshold="7d",
        at=review.due_at,
        due_at=review.due_at,
        effect=review.effect,
        who=["defence"],
        raised_at=review.due_at,
    )
    es = render_alert(alert, "es")
    last_day = review.due_on
    assert f"{last_day.day} de " in es["sms"]
    assert "00:00" not in es["sms"]
    assert "00:00" not in es["body"]
    en = render_alert(alert, "en")
    assert "midnight" not in en["sms"]
    assert f"{last_day.year}" in en["sms"]
