"""With a PostgreSQL hot standby configured (``DATABASE_REPLICA_URL``), a release of
statistics (``stats export``, the dashboard) is read from it, and says so; when the
standby is behind, the figures say the moment the records stood at; further behind than
``EXPEDIENTE_REPLICA_MAX_LAG_SECONDS``, or down, the primary is read instead, and the
figures are the primary's. A real standby streaming from the test server
(``.ci/standby``, ``EXPEDIENTE_TEST_REPLICA_URL``), real commands and a real server:
the test run itself never routes to the standby (expediente/settings.py).

Kept out of tests/stats: its package-wide caseload holds a transaction open, which the
standby and the processes here could not see through."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from django.db import connection

from expediente import replica
from expediente.demo.generator import generate

STANDBY = os.environ.get("EXPEDIENTE_TEST_REPLICA_URL", "")
ANCHOR = dt.datetime(2025, 12, 10, 12, 0, tzinfo=dt.UTC)  # 2025 is a closed year now
SEED, CASES = 5, 40

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not STANDBY,
        reason="needs a PostgreSQL standby of the test server (run .ci/standby, then "
        "EXPEDIENTE_TEST_REPLICA_URL=postgres://postgres@127.0.0.1:5433/)",
    ),
    pytest.mark.django_db(transaction=True),
]


def standby_url() -> str:
    """The standby's address with the test database's name (the standby holds every
    database of the server it copies, the test run's too)."""
    parts = urlsplit(STANDBY)
    return parts._replace(path="/" + connection.settings_dict["NAME"]).geturl()


def primary_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def on_standby(sql: str) -> object:
    with psycopg.connect(standby_url(), autocommit=True) as conn:
        row = conn.execute(sql).fetchone()
    return row[0] if row else None


def caught_up(what: str = "replay") -> None:
    """Wait until the standby has replayed (or, with ``what="receive"``, received)
    everything the primary wrote so far."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (lsn,) = cursor.fetchone()
    deadline = time.monotonic() + 30
    while not on_standby(f"SELECT pg_last_wal_{what}_lsn() >= '{lsn}'::pg_lsn"):
        assert time.monotonic() < deadline, f"the standby did not {what} it all in 30 s"
        time.sleep(0.1)


@pytest.fixture
def replay_paused() -> Iterator[None]:
    on_standby("SELECT pg_wal_replay_pause()")
    try:
        deadline = time.monotonic() + 30
        while on_standby("SELECT pg_get_wal_replay_pause_state()") != "paused":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        yield
    finally:
        on_standby("SELECT pg_wal_replay_resume()")


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in {"DATABASE_REPLICA_URL"}}
    return out | {
        "DATABASE_URL": primary_url(),
        "DJANGO_SETTINGS_MODULE": "expediente.settings",
        **extra,
    }


def export(out: Path, **extra: str) -> tuple[str, dict[str, bytes]]:
    done = subprocess.run(
        [sys.executable, "-m", "expediente.cli", "stats", "export",
         "--jurisdiction", "cr", "--period", "2025", "--out", str(out)],
        env=env(**extra), capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return done.stdout + done.stderr, files


def test_an_export_reads_the_standby_and_says_how_current_it_is(tmp_path, replay_paused):
    generate(cases=CASES, seed=SEED, anchor=ANCHOR, part=0, parts=2)
    # the primary alone, then the standby: the same tables
    said, before = export(tmp_path / "primary")
    assert "no standby configured" in said
    on_standby("SELECT pg_wal_replay_resume()")
    caught_up()
    said, standby = export(tmp_path / "standby", DATABASE_REPLICA_URL=standby_url())
    assert "read from the standby (DATABASE_REPLICA_URL), up to date" in said
    assert standby == before

    # the standby stops replaying; the other half of the cases reaches the primary only
    on_standby("SELECT pg_wal_replay_pause()")
    generate(cases=CASES, seed=SEED, anchor=ANCHOR, part=1, parts=2)
    caught_up("receive")  # it has them, and has not replayed them
    time.sleep(replica.CURRENT_SECONDS + 1)  # its last replay now older than "current"
    said, behind = export(tmp_path / "behind", DATABASE_REPLICA_URL=standby_url())
    assert "read from the standby (DATABASE_REPLICA_URL), records as of 20" in said
    assert behind == before  # the standby's records: without the new cases

    said, now = export(
        tmp_path / "strict",
        DATABASE_REPLICA_URL=standby_url(),
        EXPEDIENTE_REPLICA_MAX_LAG_SECONDS="0",
    )
    assert "read from the primary: the standby is further behind than" in said
    assert now != before  # the primary's records: with them
    said, primary = export(tmp_path / "primary-now")
    assert now == primary


def test_a_standby_that_does_not_answer_leaves_the_primary_to_answer(tmp_path):
    generate(cases=CASES // 2, seed=SEED, anchor=ANCHOR)
    _said, reference = export(tmp_path / "primary")
    parts = urlsplit(standby_url())
    down = parts._replace(netloc=f"{parts.username}@127.0.0.1:{free_port()}").geturl()
    said, files = export(tmp_path / "down", DATABASE_REPLICA_URL=down)
    assert "read from the primary: the standby is not answering" in said
    assert files == reference


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_dashboard_says_when_its_records_stood_if_the_standby_is_behind(
    tmp_path, replay_paused
):
    generate(cases=CASES, seed=SEED, anchor=ANCHOR, part=0, parts=2)
    on_standby("SELECT pg_wal_replay_resume()")
    caught_up()
    on_standby("SELECT pg_wal_replay_pause()")
    generate(cases=CASES, seed=SEED, anchor=ANCHOR, part=1, parts=2)  # not on the standby
    caught_up("receive")
    time.sleep(replica.CURRENT_SECONDS + 1)
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "expediente.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env(
            DATABASE_REPLICA_URL=standby_url(),
            EXPEDIENTE_PUBLIC_FIGURES_SECONDS="0",
            XDG_RUNTIME_DIR=str(tmp_path),
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        page = get_when_up(f"http://127.0.0.1:{port}/stats/?jurisdiction=cr&year=2025", server)
        assert "From the records as they stood on" in page or "registros tal como" in page
        on_standby("SELECT pg_wal_replay_resume()")
        caught_up()
        time.sleep(11)  # what the server learnt of the standby is kept 10 s
        page = get_when_up(f"http://127.0.0.1:{port}/stats/?jurisdiction=cr&year=2025", server)
        assert "From the records as they stood on" not in page
        assert "registros tal como" not in page
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def get_when_up(url: str, server: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 60
    while True:
        try:
            request = urllib.request.Request(url, headers={"Accept-Language": "en"})
            with urllib.request.urlopen(request, timeout=30) as answer:
                return str(answer.read().decode())
        except OSError:
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not answer in 60 s"
            time.sleep(0.3)
