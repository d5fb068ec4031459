"""Kill the worker (SIGKILL, no chance to clean up) in the middle of a delivery batch,
against a real SMTP server and a real HTTP receiver: after a restart every notification
is delivered. Nothing is sent twice, except possibly the single message that was being
sent at the moment of the kill (sent, but not yet recorded as sent): it is sent again
with the same delivery key, which the receiver uses to drop the copy
(docs/notifications.md, "What is guaranteed").

The worker runs as a real subprocess against a database of its own (a migrated file
for SQLite; on PostgreSQL a database made from the test database as a template), since
the test's own database is not visible to other processes. On PostgreSQL two workers
finish the job together.
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import psycopg
import pytest
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]
PARTICIPANTS = 8  # × 3 channels × 2 entries = 48 deliveries
LEASE = 3


@pytest.fixture
def scenario_db(tmp_path, transactional_db, django_db_blocker):
    """A migrated database the subprocesses share: a new file for SQLite; on
    PostgreSQL a copy of the (migrated, empty) test database, dropped afterwards."""
    db = connections["default"].settings_dict  # names the test database
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        migrated = subprocess.run(
            [sys.executable, "-m", "expediente.cli", "migrate", "--no-input", "-v", "0"],
            env={**os.environ, "DATABASE_URL": url, "EXPEDIENTE_VAR": str(tmp_path)},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migrated.returncode == 0, migrated.stderr
        yield url
        return
    with django_db_blocker.unblock():
        name = f"{db['NAME']}_crash_{os.getpid()}"
        server = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"]}
        connections.close_all()  # a template database must have no other session
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            # Connections other threads of this test run left open (a live server's, say)
            # would make the copy fail: end them, as `DROP DATABASE … WITH (FORCE)` does.
            for attempt in range(10):
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    [db["NAME"]],
                )
                try:
                    conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{db["NAME"]}"')
                    break
                except psycopg.errors.ObjectInUse:
                    if attempt == 9:
                        raise
                    time.sleep(0.5)  # a process of an earlier test is still going away
        yield f"postgres://{server['user']}@{server['host']}:{server['port']}/{name}"
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def received_keys(smtp, receiver):
    mail = [m["X-Expediente-Delivery"] for m in smtp.messages]
    http = [r.headers["X-Expediente-Delivery"] for r in receiver.received()]
    return mail + http


def test_after_a_kill_and_a_restart_everything_is_delivered_once(
    scenario_db, smtp_server, receiver, tmp_path
):
    smtp_server.mailbox.delay = 0.05
    receiver.delay = 0.05
    env = {
        **os.environ,
        "DATABASE_URL": scenario_db,
        "EXPEDIENTE_VAR": str(tmp_path),
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
        "NOTIFY_SMS_GATEWAY_URL": f"{receiver.url}/sms",
        "NOTIFY_SMS_GATEWAY_TOKEN": "t",
        "NOTIFY_WEBHOOK_ALLOW_LOOPBACK": "1",
        "NOTIFY_LEASE_SECONDS": str(LEASE),
        "PYTHONPATH": str(ROOT),
    }
    expected = set(scenario(env, "setup", str(PARTICIPANTS))["deliveries"])
    assert len(expected) == PARTICIPANTS * 3 * 2

    worker = subprocess.Popen(
        [sys.executable, "-m", "expediente.cli", "worker", "--batch", "10", "--poll", "0.2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(received_keys(smtp_server, receiver)) < 14 and time.monotonic() < deadline:
        time.sleep(0.01)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    before_restart = len(received_keys(smtp_server, receiver))
    assert 14 <= before_restart < len(expected), "the kill did not land mid-way"

    time.sleep(LEASE + 0.5)  # the dead worker's lease runs out
    restarts = 2 if "postgres" in scenario_db else 1  # SKIP LOCKED lets several share
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "expediente.cli", "worker", "--once", "--name", f"w{n}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(restarts)
    ]
    for w in workers:
        _out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err

    after = scenario(env, "report")
    assert set(after["deliveries"].values()) == {"sent"}
    assert 2 in after["attempts"].values(), "no claim of the killed worker was taken over"
    keys = received_keys(smtp_server, receiver)
    assert set(keys) == expected, "every notification reached its address"
    copies = Counter(keys)
    repeated = [key for key, n in copies.items() if n > 1]
    assert len(repeated) <= 1, f"only the message in flight may repeat: {repeated}"
    assert all(copies[key] == 2 for key in repeated)


def scenario(env, *args):
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("crash_scenario.py")), *args],
        env={**env, "DJANGO_SETTINGS_MODULE": "expediente.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
