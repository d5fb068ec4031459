"""A deadline rule that names the judge reaches the judge's staff account, not only the
people who follow the case from the portal: the sweep queues it, through the same
outbox, on the account's alerts page and by email (a real SMTP server), once; not to an
account whose docket person is not the case's judge, nor by email to one that switched
the emails off."""

import datetime as dt
from typing import Any

import pytest

from expediente.access.models import Membership, User
from expediente.access.policy import Actor
from expediente.court.models import StaffPerson
from expediente.custody.models import Alert
from expediente.custody.sweep import deadline_sweep
from expediente.notify.models import Delivery
from expediente.notify.outbox import queue_alerts
from expediente.notify.staff import staff_alerts_set, staff_inbox
from expediente.notify.worker import run
from tests.conftest import PERSON
from tests.custody.conftest import CR
from tests.notify.conftest import impose_weekly_reporting

JUDGE = {"uid": "judge.esteban", "given_names": "Esteban", "family_names": "Vargas", "sex": "male"}
ADDRESS = "esteban.vargas@poder-judicial.example"


def account(username: str, court: Any, *, person: str, email: str = ADDRESS) -> User:
    """A judge's staff account in ``court``, tied to the docket person ``person``."""
    user = User.objects.create_user(username, email=email, first_name=username.title())
    Membership.objects.create(user=user, court=court, role="judge")
    StaffPerson.objects.create(user=user, person_uid=person)
    return user


@pytest.fixture
def judged_case(accused_case, record):
    """The accused case, with Esteban Vargas named as its judge (P3)."""
    record(accused_case, "participant.added", {"role": "judge", "person": JUDGE})
    return accused_case


@pytest.fixture
def judge(judged_case, court) -> User:
    return account("esteban", court, person=JUDGE["uid"])


@pytest.fixture
def arrested(judged_case, custody, at):
    """P1 arrested two days ago at 10:00: the judge must have him within 24 hours, an
    alert the rule sends to the judge (among others) 6 hours before."""
    custody(judged_case, "arrested", at(2))
    return judged_case


def sweep_and_send(at: Any, hours: int = 5) -> None:
    deadline_sweep(now=at(1, hours))
    run(once=True)


def to(smtp, address: str) -> list[Any]:
    """The deadline alerts emailed to ``address`` (not the news of docket entries)."""
    return [
        m
        for m in smtp.messages
        if address in str(m["To"]) and str(m["X-Expediente-Delivery"]).strip().startswith("alert:")
    ]


def test_a_sweep_emails_the_judge_of_the_case_once(arrested, judge, smtp, at):
    sweep_and_send(at)
    alert = Alert.objects.get()
    assert "judge" in alert.who
    (message,) = to(smtp, ADDRESS)
    assert arrested.number in message["Subject"]
    body = message.get_content()
    assert arrested.number in body
    assert "Constitución Política art. 37" in body  # the rule's article
    assert "America/Costa_Rica" in body  # the due moment is on the court's clock
    assert f"/court/cases/{arrested.nuid}/" in body
    assert "/court/account/alerts/" in body  # where to switch the emails off
    for name in ("José", "Pérez", "Ana", "Rojas"):  # no party is named
        assert name not in body

    sweep_and_send(at, hours=6)  # the next sweep, and the worker again
    assert queue_alerts([alert.key]) == 0
    run(once=True)
    assert len(to(smtp, ADDRESS)) == 1


def test_the_email_is_in_the_language_the_judge_chose(arrested, judge, smtp, at):
    staff_alerts_set(user=judge, by_email="yes", language="en")
    sweep_and_send(at)
    (message,) = to(smtp, ADDRESS)
    assert "deadline approaching" in message["Subject"]
    assert "Times are on the court's clock (America/Costa_Rica)." in message.get_content()


def test_a_judge_who_never_chose_reads_the_language_the_court_works_in(
    arrested, judge, smtp, at, settings
):
    # the site's default is English here; the Costa Rican pack says its courts work in
    # Spanish (a Brazilian judge, likewise, reads Portuguese until choosing)
    settings.LANGUAGE_CODE = "en"
    sweep_and_send(at)
    (message,) = to(smtp, ADDRESS)
    assert "deadline approaching" not in message["Subject"]
    assert "America/Costa_Rica" in message.get_content()
    assert "El plazo legal" in message.get_content()


def test_the_alert_is_on_the_judges_alerts_page_too(arrested, judge, smtp, at):
    sweep_and_send(at)
    stored = Delivery.objects.get(staff=judge, channel="inbox")
    assert stored.status == Delivery.Status.SENT
    assert stored.subscription is None


def test_no_email_for_a_judge_whose_person_is_not_in_the_case(arrested, court, smtp, at):
    account("adriana", court, person="judge.adriana", email="adriana@poder-judicial.example")
    sweep_and_send(at)
    assert to(smtp, "adriana@poder-judicial.example") == []
    assert not Delivery.objects.filter(staff__username="adriana").exists()


def test_no_email_for_an_account_whose_person_is_in_the_case_in_another_role(
    arrested, court, record, smtp, at
):
    """A person named in the case as a witness is not alerted as its judge, even if she
    is a judge with an account (of this court)."""
    witness = {"uid": "judge.adriana", "given_names": "Adriana", "family_names": "Solís"}
    record(
        arrested, "participant.added", {"role": "witness", "person": {**witness, "sex": "female"}}
    )
    account("adriana", court, person="judge.adriana", email="adriana@poder-judicial.example")
    sweep_and_send(at)
    assert to(smtp, "adriana@poder-judicial.example") == []
    assert len(to(smtp, ADDRESS)) == 0  # nobody named as judge has an account here


def test_no_email_for_a_judge_who_no_longer_sits_in_the_court(arrested, judge, smtp, at):
    Membership.objects.filter(user=judge).update(active=False)
    sweep_and_send(at)
    assert smtp.messages == []
    assert not Delivery.objects.filter(staff=judge).exists()


def test_no_email_when_the_judge_switched_them_off(arrested, judge, smtp, at):
    staff_alerts_set(user=judge, by_email="no", language="es")
    sweep_and_send(at)
    assert smtp.messages == []
    # the alert is on the account's page all the same
    assert Delivery.objects.filter(staff=judge, channel="inbox").count() == 1


def test_switching_them_off_stops_an_email_queued_and_not_yet_sent(arrested, judge, smtp, at):
    deadline_sweep(now=at(1, 5))
    staff_alerts_set(user=judge, by_email="no", language="es")
    run(once=True)
    assert smtp.messages == []
    email = Delivery.objects.get(staff=judge, channel="email")
    assert email.status == Delivery.Status.CANCELLED


def test_an_address_changed_after_queuing_is_not_written_to(arrested, judge, smtp, at):
    deadline_sweep(now=at(1, 5))
    User.objects.filter(pk=judge.pk).update(email="new@poder-judicial.example")
    run(once=True)
    assert smtp.messages == []


def test_a_judge_without_an_email_address_is_alerted_on_the_page_only(arrested, court, smtp, at):
    user = account("sin.correo", court, person=JUDGE["uid"], email="")
    sweep_and_send(at)
    assert smtp.messages == []
    assert list(Delivery.objects.filter(staff=user).values_list("channel", flat=True)) == ["inbox"]


def test_subscribers_are_told_as_before(judged_case, judge, record, custody, follow, smtp, at):
    """The defence subscribed from the portal: its message is the participants' (the
    portal's link); the judge's is the workspace's."""
    lawyer = {"given_names": "Laura", "family_names": "Méndez", "sex": "female"}
    record(judged_case, "participant.added", {"role": "defence", "person": lawyer})
    follow(judged_case, "P4", "email", "laura@bufete.example", language="es")
    custody(judged_case, "arrested", at(2))
    sweep_and_send(at)
    (defence,) = to(smtp, "laura@bufete.example")
    (mine,) = to(smtp, ADDRESS)
    assert "/follow/" in defence.get_content()
    assert "/court/cases/" not in defence.get_content()
    assert "/court/cases/" in mine.get_content()


def sealed_case(open_case, record, judge_in_court, at):
    """A sealed case (only judges see it: they record in it) whose accused, P1, was
    arrested two days ago; Esteban is its judge."""
    sealed = open_case(confidentiality="sealed")
    for role, person in (("accused", PERSON), ("judge", JUDGE)):
        record(sealed, "participant.added", {"role": role, "person": person}, actor=judge_in_court)
    record(sealed, "custody.arrested", {"person": "P1"}, occurred_at=at(2), actor=judge_in_court)
    return sealed


def test_a_sealed_case_is_not_named_in_the_email_but_on_the_alerts_page(
    open_case, record, judge_in_court, court, smtp, at
):
    """The email leaves the court's systems: of a sealed case it says only that a
    deadline in a confidential case awaits the judge on the alerts page."""
    sealed = sealed_case(open_case, record, judge_in_court, at)
    judge = account("esteban", court, person=JUDGE["uid"])
    staff_alerts_set(user=judge, by_email="yes", language="en")
    sweep_and_send(at)
    (message,) = to(smtp, ADDRESS)
    assert sealed.number not in message["Subject"]
    assert sealed.number not in message.get_content()
    assert "/court/alerts/" in message.get_content()
    (item,) = staff_inbox(Actor.staff(judge), language="en")
    assert item.case_number == sealed.number
    assert sealed.number in item.subject


def test_a_sealed_case_is_told_only_to_accounts_that_may_see_it(
    open_case, record, judge_in_court, court, smtp, at
):
    """An account tied to the judge's person but holding only a clerk's role in the
    court may not see a sealed case (``access.policy``): it is not told of it."""
    sealed_case(open_case, record, judge_in_court, at)
    user = account("esteban", court, person=JUDGE["uid"])
    Membership.objects.filter(user=user).update(role="clerk")
    sweep_and_send(at)
    assert smtp.messages == []
    assert not Delivery.objects.filter(staff=user).exists()


def test_a_missed_check_in_is_emailed_as_the_courts_order_not_the_law(
    judged_case, judge, record, smtp
):
    """A measure's deadline is one the court's order set: the judge is told which
    measure and its last day, never that a legal time limit passed."""
    staff_alerts_set(user=judge, by_email="yes", language="en")
    impose_weekly_reporting(record, judged_case)
    deadline_sweep(now=dt.datetime(2026, 2, 16, 8, 5, tzinfo=CR))
    run(once=True)
    (message,) = to(smtp, ADDRESS)
    body = message.get_content()
    assert judged_case.number in message["Subject"]
    assert "(measure M1, " in body
    assert "it is not a time limit set by law" in body
    assert "legal deadline" not in body
    assert f"/court/cases/{judged_case.nuid}/" in body
    assert "José" not in body


def test_a_judge_who_left_the_court_after_queuing_is_not_written_to(arrested, judge, smtp, at):
    deadline_sweep(now=at(1, 5))
    Membership.objects.filter(user=judge).update(active=False)
    run(once=True)
    assert to(smtp, ADDRESS) == []
    assert Delivery.objects.get(staff=judge, channel="email").status == "cancelled"
