"""``expediente serve`` answers with greenlets on PostgreSQL (expediente/greenlets.py):
slow clients (phones on slow links sending their request a piece at a time) do not hold
the server; its PostgreSQL connections stay within the pool's size however many clients
are connected; a case read twice is logged twice. EXPEDIENTE_SERVER chooses, and a bad
value stops start-up naming it."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from expediente import greenlets
from expediente.portal.management.commands.serve import Command
from tests.served.conftest import Served, _cli, own_database, running, server_env

POSTGRES = "postgres://postgres@127.0.0.1:5432/x"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"DATABASE_URL": POSTGRES}, True),
        ({"DATABASE_URL": "postgresql://db.court.example/expediente"}, True),
        ({"DATABASE_URL": "sqlite:///var/expediente.sqlite3"}, False),
        ({"DATABASE_URL": "postgis://db.court.example/gis"}, False),  # no pool there
        ({}, False),  # the default database is SQLite
        ({"DATABASE_URL": POSTGRES, "EXPEDIENTE_SERVER": "threads"}, False),
        ({"DATABASE_URL": POSTGRES, "EXPEDIENTE_SERVER": " Threads "}, False),
        ({"DATABASE_URL": "sqlite:///x", "EXPEDIENTE_SERVER": "greenlets"}, True),
        ({"DATABASE_URL": POSTGRES, "EXPEDIENTE_SERVER": ""}, True),
    ],
)
def test_greenlets_on_postgresql_threads_on_sqlite_unless_chosen(environ, expected):
    assert greenlets.wanted(environ) is expected


@pytest.mark.parametrize("value", ["gevent", "fibres", "1", "thread"])
def test_a_bad_choice_is_refused_naming_the_variable_and_the_choices(value):
    with pytest.raises(greenlets.BadChoice) as refused:
        greenlets.wanted({"EXPEDIENTE_SERVER": value})
    message = str(refused.value)
    assert message.startswith("EXPEDIENTE_SERVER must be 'greenlets' or 'threads'")
    assert repr(value) in message


def test_serve_with_a_bad_choice_stops_before_listening(tmp_path):
    env = {**os.environ, "EXPEDIENTE_SERVER": "fibres", "XDG_RUNTIME_DIR": str(tmp_path)}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-m", "expediente.cli", "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "EXPEDIENTE_SERVER must be 'greenlets' or 'threads'" in done.stderr
    assert "'fibres'" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Expediente on" not in done.stdout


def test_serve_started_without_greenlets_set_up_says_so_and_uses_threads(monkeypatch):
    """`call_command("serve")` from another program: gevent cannot be set up once Django
    holds the standard library's sockets and locks."""
    monkeypatch.setenv("EXPEDIENTE_SERVER", "greenlets")
    command = Command(stdout=io.StringIO(), stderr=io.StringIO())
    assert command._greenlets() is False
    assert "serving with threads" in command.stderr._out.getvalue()


def test_the_pool_size_is_checked_at_start_up(tmp_path):
    env = {**os.environ, "DATABASE_URL": POSTGRES, "EXPEDIENTE_DB_POOL_SIZE": "none"}
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "expediente.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "EXPEDIENTE_DB_POOL_SIZE must be a whole number from 1 to 1000, not 'none'" in (
        done.stderr
    )


def test_the_server_says_how_it_answers(served: Served):
    expected = "1 workers × greenlets" if served.shape == "greenlets" else "1 workers × 4 threads"
    assert expected in served.log.read_text()


def _healthz(served: Served, timeout: float) -> int:
    url = f"http://{served.host}:{served.port}/healthz"
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return int(answer.status)


def test_slow_clients_do_not_keep_others_waiting(served: Served):
    """Twenty phones that have sent half a request each: with threads, each would hold one
    of the process's 4 threads until it finished or timed out; with greenlets, another
    client is answered at once."""
    if served.shape != "greenlets":
        pytest.skip("with threads each slow client holds a thread: why greenlets serve")
    slow = []
    try:
        for _ in range(20):
            sock = socket.create_connection((served.host, served.port), timeout=10)
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slo")
            slow.append(sock)
        time.sleep(0.5)  # every one of them is in the server's hands
        started = time.monotonic()
        assert _healthz(served, timeout=5) == 200
        assert time.monotonic() - started < 3
        # and the slow ones are answered when they finish
        slow[0].sendall(b"w\r\nConnection: close\r\n\r\n")
        assert slow[0].recv(100).startswith(b"HTTP/1.1 200")
    finally:
        for sock in slow:
            sock.close()


def test_a_request_sent_slowly_over_seconds_is_answered(served: Served):
    """A phone on a poor link that takes 8 s to send its request's head is answered,
    not dropped."""
    if served.shape != "greenlets":
        pytest.skip("with threads the request holds a thread meanwhile, but is answered too")
    head = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: a-slow-phone\r\n\r\n"
    pieces = [head[i : i + 12] for i in range(0, len(head), 12)]
    with socket.create_connection((served.host, served.port), timeout=30) as sock:
        for piece in pieces:
            sock.sendall(piece)
            time.sleep(8 / len(pieces))
        assert sock.recv(100).startswith(b"HTTP/1.1 200")


@pytest.mark.postgres_only
def test_connections_to_postgresql_stay_within_the_pool(tmp_path: Path):
    """Thirty clients at once against a process whose pool holds two: every one is
    answered, and PostgreSQL never sees more than the pool's two connections and the
    confirming connection of kept reads."""
    import psycopg

    with own_database(tmp_path, "greenlets") as database_url:
        env = server_env(tmp_path, database_url, "greenlets")
        env["EXPEDIENTE_DB_POOL_SIZE"] = "2"
        _cli("migrate", "--no-input", "-v", "0", env=env)
        _cli("demo", "--cases", "4", "--seed", "3", env=env)
        token = (
            _cli("token", "create", "--user", "served", "--create-user", "--name", "t", env=env)
            .strip()
            .splitlines()[-1]
        )
        with psycopg.connect(database_url, autocommit=True) as db:
            nuids = [row[0] for row in db.execute("SELECT nuid FROM docket_case ORDER BY id")]
            name = db.info.dbname
        with running(tmp_path, env, "--workers", "1") as (port, _log):
            seen: list[int] = []
            stop = threading.Event()

            def watch() -> None:
                with psycopg.connect(database_url, autocommit=True) as db:
                    while not stop.is_set():
                        (n,) = db.execute(
                            "SELECT count(*) FROM pg_stat_activity "
                            "WHERE datname = %s AND pid <> pg_backend_pid()",
                            [name],
                        ).fetchone()  # type: ignore[misc]
                        seen.append(n)
                        time.sleep(0.005)

            statuses: list[int] = []
            bodies: dict[str, bytes] = {}

            def client(i: int) -> None:
                for j in range(6):
                    nuid = nuids[(i + j) % len(nuids)]
                    request = urllib.request.Request(
                        f"http://127.0.0.1:{port}/api/v1/cases/{nuid}",
                        headers={"Authorization": f"Bearer {token}"},
                    )
                    with urllib.request.urlopen(request, timeout=30) as answer:
                        statuses.append(answer.status)
                        bodies.setdefault(nuid, answer.read())

            watcher = threading.Thread(target=watch)
            watcher.start()
            clients = [threading.Thread(target=client, args=(i,)) for i in range(30)]
            for t in clients:
                t.start()
            for t in clients:
                t.join()
            stop.set()
            watcher.join()
        assert statuses == [200] * 180
        assert all(json.loads(body)["nuid"] in nuids for body in bodies.values())
        assert seen
        assert max(seen) <= 3, max(seen)
        with psycopg.connect(database_url, autocommit=True) as db:
            (logged,) = db.execute(
                "SELECT count(*) FROM access_accessrecord WHERE channel = 'api'"
            ).fetchone()  # type: ignore[misc]
        assert logged == 180  # every read, kept or rendered, has its line


_HASHING = """
from gevent import monkey
monkey.patch_all()
import os, time
os.environ["DJANGO_SETTINGS_MODULE"] = "expediente.settings"
import django
django.setup()
import gevent
from django.contrib.auth.hashers import check_password, make_password
from expediente.access.participant_codes import _digest

stored = make_password("clave-de-la-secretaria")
gaps, last, done = [], [time.monotonic()], [False]

def tick():
    while not done[0]:
        gevent.sleep(0.005)
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

ticker = gevent.spawn(tick)
gevent.sleep(0.05)
work = [gevent.spawn(check_password, "mala", stored) for _ in range(3)]
work += [gevent.spawn(_digest, "26-000123-0042-PE", "K7QM3XHD9RTW") for _ in range(3)]
gevent.joinall(work)
done[0] = True
ticker.join()
print(round(max(gaps), 3))
"""


def test_slow_hashing_does_not_stop_the_other_greenlets(tmp_path):
    """Wrong passwords and wrong portal codes cost a slow hash each (PBKDF2 about 0.3 s,
    scrypt 65 ms here): with greenlets they run in real threads, and the rest of the
    process (here a greenlet that ticks every 5 ms) keeps running meanwhile."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "-c", _HASHING], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    longest_pause = float(done.stdout.strip().splitlines()[-1])
    assert longest_pause < 0.15  # one PBKDF2 in the greenlet itself would be ~0.3 s
