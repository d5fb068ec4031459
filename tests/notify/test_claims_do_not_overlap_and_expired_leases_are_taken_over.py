"""A claim takes due deliveries for one worker only; a second claim gets the others;
when a worker's lease runs out (it died), its deliveries are claimed again, and the
dead worker can no longer send them."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from expediente.notify.models import Delivery
from expediente.notify.worker import claim, deliver


@pytest.fixture
def five(accused_case, follow, record):
    for n in range(5):
        follow(accused_case, "P2", "email", f"ana{n}@example.org")
    record(
        accused_case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-04-10T09:00:00-06:00"},
    )
    return accused_case


def later(seconds):
    return lambda: timezone.now() + dt.timedelta(seconds=seconds)


def test_two_claims_share_out_the_due_deliveries(five):
    _, first = claim(worker="a", batch=3)
    _, second = claim(worker="b", batch=3)
    assert len(first) == 3
    assert len(second) == 2
    assert not set(first) & set(second)
    assert claim(worker="c", batch=3)[1] == []


def test_an_expired_lease_is_claimed_again_and_the_old_claim_is_void(five, settings, smtp):
    settings.NOTIFY_LEASE_SECONDS = 60
    dead, ids = claim(worker="dead", batch=5)
    assert claim(worker="new", batch=5, clock=later(30))[1] == []  # lease still running
    token, again = claim(worker="new", batch=5, clock=later(61))
    assert again == ids
    assert deliver(delivery_id=ids[0], token=dead) == "lost"
    assert deliver(delivery_id=ids[0], token=token) == "sent"
    assert len(smtp.messages) == 1
    assert Delivery.objects.get(pk=ids[0]).attempts == 2


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_on_postgresql_never_claim_the_same_row(
    court, clerk, follow, record, open_case
):
    from tests.conftest import PERSON

    case = open_case()
    record(case, "participant.added", {"role": "victim", "person": PERSON})
    for n in range(40):
        follow(case, "P1", "email", f"p{n}@example.org")
    record(
        case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-04-10T09:00:00-06:00"},
    )
    claimed: list[list[int]] = []
    barrier = threading.Barrier(4)

    def grab(name):
        barrier.wait()
        mine = []
        while True:
            _, ids = claim(worker=name, batch=3)
            if not ids:
                break
            mine += ids
        claimed.append(mine)
        connection.close()

    threads = [threading.Thread(target=grab, args=(f"w{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for ids in claimed for i in ids]
    assert len(every) == len(set(every)) == 40
