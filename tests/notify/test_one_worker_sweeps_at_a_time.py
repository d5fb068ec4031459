"""Every worker runs the deadline sweep on a schedule, but one sweeps at a time: while
one worker is sweeping, another worker's turn finds the sweep taken and goes on
delivering, so the work is not repeated. A sweep that dies without giving the turn
back holds it only until its lease runs out."""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone

from expediente.custody.models import Alert, SweepMark
from expediente.custody.sweep import LEASE, Lease, SweepResult, deadline_sweep
from expediente.notify.worker import run
from tests.notify.conftest import impose_weekly_reporting, stop_after

CR = ZoneInfo("America/Costa_Rica")
MONDAY_MORNING = dt.datetime(2026, 2, 16, 8, 5, tzinfo=CR)


@pytest.fixture
def two_missed_check_ins(accused_case, record):
    """Two weekly reporting measures from Friday 6 February 2026: both first check-ins
    are missed, each alerted on Monday 16 February at 08:00."""
    impose_weekly_reporting(record, accused_case, "M1")
    impose_weekly_reporting(record, accused_case, "M2")
    return accused_case


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_while_one_worker_sweeps_another_workers_turn_leaves_it_alone(two_missed_check_ins):
    halfway = threading.Event()
    go_on = threading.Event()
    results: list[SweepResult] = []

    def hold(done: int, total: int) -> None:
        if done == 1:  # the first alert is raised; the second is not yet
            halfway.set()
            go_on.wait(30)

    def first_worker() -> None:
        try:
            results.append(deadline_sweep(now=MONDAY_MORNING, progress=hold, batch=1))
        finally:
            connection.close()

    thread = threading.Thread(target=first_worker)
    thread.start()
    try:
        assert halfway.wait(30)
        assert Alert.objects.count() == 1
        # another worker's turns, on its own connection, while the first is mid-sweep
        lines: list[str] = []
        run(
            stop=stop_after(3),
            poll=0.05,
            sweep_every=0.01,
            clock=lambda: MONDAY_MORNING,
            log=lines.append,
        )
        assert Alert.objects.count() == 1  # it swept nothing
        assert not any("deadline sweep" in line for line in lines)
        assert deadline_sweep(now=MONDAY_MORNING).skipped
    finally:
        go_on.set()
        thread.join(30)
    (first,) = results
    assert not first.skipped
    assert first.raised == 2
    assert Alert.objects.count() == 2
    # the turn is given back at the end: the next sweep runs (and finds nothing new)
    again = deadline_sweep(now=MONDAY_MORNING)
    assert not again.skipped
    assert again.raised == 0


def test_a_sweep_that_died_holds_the_turn_only_until_its_lease_runs_out(two_missed_check_ins):
    assert Lease().take()  # a sweep that is killed before it gives the turn back
    held = deadline_sweep(now=MONDAY_MORNING)
    assert held.skipped
    assert held.raised == 0
    assert not Alert.objects.exists()
    # LEASE_FOR later, the lease has run out
    SweepMark.objects.filter(name=LEASE).update(swept_until=timezone.now() - dt.timedelta(1))
    after = deadline_sweep(now=MONDAY_MORNING)
    assert not after.skipped
    assert after.raised == 2
