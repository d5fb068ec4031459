"""Load the demo caseload with several processes (``expediente demo --jobs N``).

Each process records the cases ``i`` with ``i % N == k`` through ``event_record``, as
one process would; the cases are the same, only the order in which the courts' counters
give out their numbers differs from run to run. PostgreSQL only: SQLite takes one writer
at a time. The parent reports the processes' progress together and, on Ctrl-C, waits
for them to roll back the case each was recording.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable
from typing import Any

from django.db import connection, connections

from expediente.demo.generator import DemoResult, demo_courts, demo_user, generate


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
    from expediente.docket.models import Case, Event

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
    for worker in workers:
        worker.start()
    try:
        while any(worker.is_alive() for worker in workers):
            if progress:
                progress(min(done.value, cases - 1), cases)
            time.sleep(0.5)
    except KeyboardInterrupt:
        for worker in workers:  # a terminal's Ctrl-C reaches them too; a kill may not
            if worker.pid is not None and worker.is_alive():
                os.kill(worker.pid, signal.SIGINT)
        for worker in workers:
            worker.join()
        raise
    failed = [w.exitcode for w in workers if w.exitcode != 0]
    if failed:
        raise RuntimeError(f"{len(failed)} of {jobs} demo processes failed (exit codes {failed})")
    if progress:
        progress(cases, cases)
    return DemoResult(
        courts=len(courts), cases=Case.objects.count(), events=Event.objects.count() - before
    )


def _work(cases: int, seed: int, anchor: dt.datetime, part: int, parts: int, done: Any) -> None:
    def counted(_n: int, _total: int) -> None:
        with done.get_lock():
            done.value += 1

    try:
        generate(cases=cases, seed=seed, anchor=anchor, part=part, parts=parts, progress=counted)
    except KeyboardInterrupt:
        sys.exit(130)  # the case being recorded was rolled back
    finally:
        connections.close_all()
