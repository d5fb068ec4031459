"""`expediente demo --jobs N` shares the load between processes and records the same
cases as one process; a case interrupted after its opening is taken up again; and a
number of processes the database cannot take is refused before anything is written.

Kept out of tests/demo: its package-wide caseload holds a transaction open, which the
processes here could not see through."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from expediente.demo import parallel
from expediente.demo import sim as sim_module
from expediente.demo.generator import generate
from expediente.demo.models import DemoRun
from expediente.demo.parallel import LoadFailed, generate_in_parallel
from expediente.docket.models import Case, Event
from tests.notify.test_a_killed_worker_loses_nothing_and_repeats_at_most_the_message_in_flight import (  # noqa: E501
    scenario_db,  # noqa: F401 - the fixture
)

ANCHOR = dt.datetime(2025, 6, 2, 12, 0, tzinfo=dt.UTC)
SEED = 31
CASES = 10
ROOT = Path(__file__).resolve().parents[2]


def _cases_by_index() -> dict[str, list[tuple[Any, ...]]]:
    """Each case's entries as the docket states them, keyed by the demo's own name for the
    case (its opening's idempotency key), not by its number, which depends on the order
    in which the processes opened the cases."""
    opening = dict(Event.objects.filter(seq=1).values_list("case_id", "idempotency_key").iterator())
    out: dict[str, list[tuple[Any, ...]]] = {}
    rows = Event.objects.order_by("case_id", "seq").values_list(
        "case_id", "seq", "type", "occurred_at", "payload"
    )
    for case_id, *entry in rows.iterator():
        out.setdefault(opening[case_id], []).append(tuple(entry))
    for entries in out.values():  # the opening names the case's number: compare the rest
        entries[0] = entries[0][:2]
    return out


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_processes_record_the_same_cases_as_one():
    with transaction.atomic():
        generate(cases=CASES, seed=SEED, anchor=ANCHOR)
        alone = _cases_by_index()
        transaction.set_rollback(True)
    assert Case.objects.count() == 0

    shared = generate_in_parallel(cases=CASES, seed=SEED, anchor=ANCHOR, jobs=2)

    assert shared.cases == CASES
    assert shared.events == sum(len(entries) for entries in alone.values()) > 5 * CASES
    assert _cases_by_index() == alone
    numbers = list(Case.objects.values_list("court_id", "number"))
    assert len(set(numbers)) == CASES  # no number given twice


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_process_that_fails_stops_the_load_with_its_error(monkeypatch):
    real = parallel.generate

    def second_fails(**kwargs: Any) -> Any:  # forked: each process has this patch
        if kwargs["part"] == 1:
            raise RuntimeError("the disk is full")
        return real(**kwargs)

    monkeypatch.setattr(parallel, "generate", second_fails)
    with pytest.raises(LoadFailed, match=r"1 of 2 demo processes failed \(exit codes \[1\]\)"):
        generate_in_parallel(cases=100_000, seed=SEED, anchor=ANCHOR, jobs=2)
    # the other process, with 50,000 cases to record, was stopped as soon as the failure
    # was seen (within a poll of half a second and the case it was recording)
    assert Case.objects.count() < 1_000


def test_a_case_interrupted_after_its_opening_is_taken_up_again(db, monkeypatch):
    with transaction.atomic():
        generate(cases=3, seed=SEED, anchor=ANCHOR)
        whole = _cases_by_index()
        transaction.set_rollback(True)

    def interrupted(self: sim_module.Sim, type_name: str, payload: dict) -> dict:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(sim_module.Sim, "record", interrupted)
        with pytest.raises(KeyboardInterrupt):
            generate(cases=3, seed=SEED, anchor=ANCHOR)
    assert list(Case.objects.values_list("last_seq", flat=True)) == [1]  # the opening alone

    again = generate(cases=3, seed=SEED, anchor=ANCHOR)

    assert again.cases == 3
    assert _cases_by_index() == whole


@pytest.mark.django_db
@pytest.mark.parametrize("jobs", ["0", "-1", "65"])
def test_a_number_of_processes_out_of_range_is_refused(jobs):
    with pytest.raises(CommandError, match=r"--jobs: give a number of processes from 1 to 64"):
        call_command("demo", "--cases", "2", "--jobs", jobs)
    assert not DemoRun.objects.exists()
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_more_than_one_process_on_sqlite_is_refused():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's rule")
    with pytest.raises(CommandError, match=r"--jobs: more than one process needs PostgreSQL"):
        call_command("demo", "--cases", "2", "--jobs", "2")
    assert not DemoRun.objects.exists()
    assert not Case.objects.exists()


def _count_cases(url: str) -> int:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return int(conn.execute("SELECT count(*) FROM docket_case").fetchone()[0])
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM docket_case").fetchone()
        return int(row[0]) if row else 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_sigterm_stops_the_whole_load_and_it_continues_after(scenario_db, tmp_path, jobs):  # noqa: F811
    """A service manager, `kill` or a CI timeout stops the command with SIGTERM: the
    command and every process it started stop, keeping the cases recorded so far, and
    the same command then finishes the caseload. The command runs in another process,
    on a database of its own (``scenario_db``, the notification crash test's)."""
    load_db = scenario_db
    if jobs > 1 and load_db.startswith("sqlite"):
        pytest.skip("more than one process needs PostgreSQL")
    env = {**os.environ, "DATABASE_URL": load_db, "EXPEDIENTE_VAR": str(tmp_path)}
    command = [sys.executable, "-m", "expediente.cli", "demo", "--cases"]
    load = subprocess.Popen(
        [*command, "100000", "--jobs", str(jobs)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        waited = time.monotonic() + 120
        while _count_cases(load_db) < 4 * jobs:
            assert load.poll() is None, load.stderr.read() if load.stderr else ""
            assert time.monotonic() < waited, "the load recorded nothing in two minutes"
            time.sleep(0.2)
        children = _children(load.pid)
        assert len(children) == (jobs if jobs > 1 else 0)

        load.send_signal(signal.SIGTERM)
        _out, err = load.communicate(timeout=60)
    finally:
        if load.poll() is None:
            load.kill()

    assert load.returncode == 143, err
    assert "stopped (SIGTERM); the cases recorded so far are kept" in err
    stopped = _count_cases(load_db)
    time.sleep(1.5)  # no process left behind goes on loading
    assert _count_cases(load_db) == stopped
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]

    finished = subprocess.run(
        [*command, str(stopped + 3)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert finished.returncode == 0, finished.stderr
    assert "Continuing the demo caseload" in finished.stdout
    # the cases numbered below stopped + 3 are all there now (with two processes, one may
    # have got further than the other before the stop)
    assert _count_cases(load_db) >= stopped + 3


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found
