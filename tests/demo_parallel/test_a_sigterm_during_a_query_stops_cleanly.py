"""A SIGTERM that arrives while PostgreSQL is running one of the load's statements stops
the load as one arriving between statements does: the statement is cancelled, the case's
transaction rolled back, and the command says it stopped. (It surfaced in a CI run as
"can't change 'autocommit' now: connection in transaction status ACTIVE": the exception
raised by the signal handler left psycopg's connection mid-query, and the rollback that
followed failed in its place.)"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from django.db import connection, transaction

from expediente.demo.parallel import TERMINATED, Terminated, stopping_on_sigterm

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def _sleep_in_a_transaction() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(30)")


def test_a_sigterm_during_a_statement_raises_terminated_and_rolls_back() -> None:
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    started = time.monotonic()
    timer.start()
    with stopping_on_sigterm(), pytest.raises(Terminated) as stopped:
        _sleep_in_a_transaction()
    timer.cancel()
    # the statement was cancelled, not waited for (a stop that waits out a long statement
    # is not a stop)
    assert time.monotonic() - started < 15
    assert stopped.value.code == TERMINATED
    with connection.cursor() as cursor:  # the connection is usable again
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
