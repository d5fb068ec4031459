"""Load the demo caseload with several processes (``expediente demo --jobs N``).

Each process records the cases ``i`` with ``i % N == k`` through ``event_record``, as
one process would; the cases are the same, only the order in which the courts' counters
give out their numbers differs from run to run. PostgreSQL only: SQLite takes one writer
at a time. The parent reports the processes' progress together and, on Ctrl-C or a
SIGTERM (``stopping_on_sigterm``), stops them and waits for each to roll back the case it
was recording: no process is left loading after the command has exited.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from django.db import connection, connections

from expediente.demo.generator import DemoResult, demo_courts, demo_user, generate
from expediente.docket.models import Case, Event

INTERRUPTED = 130  # a process's exit code after Ctrl-C, as a shell's
TERMINATED = 143  # the command's exit code after a SIGTERM, as a shell's (128 + 15)


class Terminated(SystemExit):
    """The load was asked to stop with SIGTERM (a service manager, ``kill``, a CI
    timeout): raised where the load stands, so that it stops as after a Ctrl-C (not an
    ``Exception``: no ``except Exception`` takes it for an error).

    A ``SystemExit`` (exit status 143 if nothing catches it), because psycopg cancels the
    query in flight when a ``SystemExit`` or ``KeyboardInterrupt`` interrupts its wait: a
    bare ``BaseException`` raised there left the connection ACTIVE, and the rollback that
    followed failed ("can't change 'autocommit' now") in place of a clean stop."""

    def __init__(self) -> None:
        super().__init__(TERMINATED)


def _raise_terminated(_signum: int, _frame: FrameType | None) -> None:
    raise Terminated


@contextmanager
def stopping_on_sigterm() -> Iterator[None]:
    """Within this block a SIGTERM raises ``Terminated`` instead of ending the process
    at once: the case being recorded is rolled back and, with ``--jobs``, the other
    processes are stopped too (they would otherwise go on loading after the command was
    gone). Only in the main thread, where Python delivers signals."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def check_jobs(jobs: int) -> None:
    """Raise ValueError, naming the rule, if this database cannot take ``jobs`` writers."""
    if jobs < 1 or jobs > 64:
        raise ValueError("--jobs: give a number of processes from 1 to 64")
    if jobs > 1 and connection.vendor != "postgresql":
        raise ValueError(
            "--jobs: more than one process needs PostgreSQL (SQLite takes one writer at a "
            "time); leave --jobs out or set DATABASE_URL to a PostgreSQL database"
        )


def generate_in_parallel(
    *,
    cases: int,
    seed: int,
    anchor: dt.datetime,
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    check_jobs(jobs)
    courts = demo_courts()  # created once, before the processes race to create them
    demo_user()
    before = Event.objects.count()
    connections.close_all()  # each process opens its own
    context = multiprocessing.get_context("fork")
    done = context.Value("q", 0)
    workers = [
        context.Process(target=_work, args=(cases, seed, anchor, part, jobs, done), daemon=True)
        for part in range(jobs)
    ]
    try:
        for worker in workers:
            worker.start()
        while any(worker.is_alive() for worker in workers):
            if any(worker.exitcode not in (None, 0) for worker in workers):
                _stop(workers)  # one failed: the others would only hide its error
                break
            if progress:
                progress(min(done.value, cases - 1), cases)
            time.sleep(0.5)
    except (KeyboardInterrupt, Terminated):
        _stop(workers)
        raise
    codes = [w.exitcode for w in workers]
    failed = [code for code in codes if code not in (0, INTERRUPTED)]
    if failed:
        raise LoadFailed(
            f"{len(failed)} of {jobs} demo processes failed (exit codes {failed}); what "
            "was recorded is kept, the errors are above"
        )
    if INTERRUPTED in codes:  # interrupted from outside, not through this process
        raise KeyboardInterrupt
    if progress:
        progress(cases, cases)
    return DemoResult(
        courts=len(courts), cases=Case.objects.count(), events=Event.objects.count() - before
    )


class LoadFailed(Exception):
    """A process of a shared load stopped with an error (printed by that process)."""


def _stop(workers: list[Any]) -> None:
    """Interrupt the processes still running (a terminal's Ctrl-C reaches them too, a
    kill of this process does not) and wait for each to roll back its case."""
    started = [worker for worker in workers if worker.pid is not None]
    for worker in started:
        if worker.is_alive():
            os.kill(worker.pid, signal.SIGINT)
    for worker in started:
        worker.join()


def _work(cases: int, seed: int, anchor: dt.datetime, part: int, parts: int, done: Any) -> None:
    # Ctrl-C, or the parent stopping this process, raises KeyboardInterrupt here even when
    # the command was started with SIGINT ignored (a shell's background job, CI); a
    # SIGTERM sent to the whole group (a service manager) stops it the same way
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise_terminated)

    def counted(_n: int, _total: int) -> None:
        with done.get_lock():
            done.value += 1

    try:
        generate(cases=cases, seed=seed, anchor=anchor, part=part, parts=parts, progress=counted)
    except (KeyboardInterrupt, Terminated):
        sys.exit(INTERRUPTED)  # the case being recorded was rolled back
    finally:
        connections.close_all()
