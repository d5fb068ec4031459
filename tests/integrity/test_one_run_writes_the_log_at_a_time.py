"""Two runs at once (two workers, a worker and `expediente checkpoint`) never write the
log twice: on PostgreSQL the second finds the first's lock, writes nothing and says it
is busy; once the first is done, the next run finds nothing missing. (SQLite has one
writer at a time anyway.)"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from expediente.integrity.log import LOCK, Run, checkpoint_run
from expediente.integrity.models import Checkpoint, Leaf

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _run_elsewhere() -> Run:
    found: list[Run] = []

    def go() -> None:
        try:
            found.append(checkpoint_run(now=timezone.now))
        finally:
            connections.close_all()

    thread = threading.Thread(target=go)
    thread.start()
    thread.join(30)
    return found[0]


def test_a_run_that_finds_another_writing_writes_nothing(docket):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        other = _run_elsewhere()
    assert other.busy
    assert (other.appended, other.checkpoint) == (0, None)
    assert not Leaf.objects.exists()
    done = checkpoint_run(now=timezone.now)
    assert (done.appended, done.busy) == (7, False)
    assert Checkpoint.objects.get().size == 7
    again = _run_elsewhere()
    assert (again.appended, again.checkpoint, again.busy) == (0, None, False)
