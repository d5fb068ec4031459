"""The inbox channel: a message is delivered by being stored; inbox_for lists a
participant's messages, newest first, in their language, and only theirs."""

import datetime as dt

from expediente.notify.models import DeliveryAttempt
from expediente.notify.selectors import inbox_for, inbox_mark_read
from expediente.notify.worker import run
from tests.conftest import NOW
from tests.notify.conftest import participation


def hearing(record, case, name, days):
    record(
        case,
        "hearing.scheduled",
        {"hearing": name, "kind": "trial", "starts_at": "2026-04-10T09:00:00-06:00"},
        occurred_at=NOW - dt.timedelta(days=days),
    )


def test_a_stored_message_is_in_the_inbox_without_a_worker(accused_case, follow, record):
    follow(accused_case, "P2", "inbox", language="en")
    hearing(record, accused_case, "H1", 3)
    hearing(record, accused_case, "H2", 2)
    items = inbox_for(participation(accused_case, "P2"))
    assert len(items) == 2
    # the hearing's date and time follow the label, on the court's clock
    assert items[0].subject.startswith(f"Case {accused_case.number}: Hearing scheduled (trial): ")
    assert items[0].at >= items[1].at
    assert not items[0].read
    assert set(DeliveryAttempt.objects.values_list("outcome", flat=True)) == {"stored"}
    assert run(once=True).sent == 0  # nothing for the worker to do


def test_only_the_participants_own_messages_are_shown(accused_case, follow, record):
    follow(accused_case, "P2", "inbox")
    hearing(record, accused_case, "H1", 3)
    assert inbox_for(participation(accused_case, "P1")) == []


def test_marking_as_read(accused_case, follow, record):
    follow(accused_case, "P2", "inbox")
    hearing(record, accused_case, "H1", 3)
    me = participation(accused_case, "P2")
    assert inbox_mark_read(me) == 1
    assert inbox_for(me)[0].read
    assert inbox_mark_read(me) == 0
