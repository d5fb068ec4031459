"""A week later the hearing is moved: the sister gets an SMS within a minute of the
clerk recording it (issue 5).

Everything is real and runs as it does in production, each in its own process: the
clerk signs in and records "Hearing rescheduled" through the workspace's form; a running
`expediente worker` (default poll, as `make run` starts it) finds the outbox row and
sends it to a local SMS gateway (an HTTP receiver). The time is counted from the moment
the clerk's page answered to the moment the gateway received the message, and the
message says the new date and time in the language she chose (English here, while the
court works in Spanish).

The processes share a database of their own (`scenario_db`, the crash test's: a
migrated SQLite file, or a copy of the PostgreSQL test database).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import translation

from expediente.notify.rendering import moment_text
from tests.notify.conftest import receiver  # noqa: F401 - the fixture
from tests.notify.test_a_killed_worker_loses_nothing_and_repeats_at_most_the_message_in_flight import (  # noqa: E501
    scenario_db,  # noqa: F401 - the fixture
)

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = Path(__file__).with_name("reschedule_scenario.py")
CR = ZoneInfo("America/Costa_Rica")
LIMIT = 60.0


def run_scenario(env: dict[str, str], *args: str) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(
        [sys.executable, str(SCENARIO), *args],
        env={**env, "DJANGO_SETTINGS_MODULE": "expediente.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def wait_for(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_the_moved_hearing_is_on_her_phone_within_a_minute(  # type: ignore[no-untyped-def]
    scenario_db,  # noqa: F811
    receiver,  # noqa: F811
    tmp_path,
):
    env = {
        **os.environ,
        "DATABASE_URL": scenario_db,
        "EXPEDIENTE_VAR": str(tmp_path),
        "NOTIFY_SMS_GATEWAY_URL": f"{receiver.url}/sms",
        "NOTIFY_SMS_GATEWAY_TOKEN": "gateway-token",
        "NOTIFY_BASE_URL": "https://expediente.example",
        "AXES_ENABLED": "0",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    nuid = run_scenario(env, "setup")["nuid"]
    log = tmp_path / "worker.log"
    with log.open("w") as err:
        worker = subprocess.Popen(
            [sys.executable, "-m", "expediente.cli", "worker", "--name", "w-portal"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        assert wait_for(lambda: "delivering notifications" in log.read_text(), 60), log.read_text()
        assert receiver.received("/sms") == []  # the hearing's scheduling was before she followed

        moved = (dt.datetime.now(CR) + dt.timedelta(days=13)).replace(
            hour=14, minute=30, second=0, microsecond=0
        )
        clerk = run_scenario(env, "reschedule", nuid, moved.strftime("%Y-%m-%dT%H:%M"))
        assert clerk["status"] == 302, "the clerk's form did not record the entry"

        assert wait_for(lambda: receiver.received("/sms"), LIMIT + 5), "no SMS arrived"
        arrived = time.time()
        assert arrived - clerk["answered"] < LIMIT
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    (sms,) = receiver.received("/sms")
    message = sms.json()
    assert message["to"] == "+50688881234"
    assert sms.headers["Authorization"] == "Bearer gateway-token"
    text = message["text"]
    assert "Hearing rescheduled" in text  # English, as she chose; the court works in Spanish
    with translation.override("en"):
        when = moment_text(moved)  # "13 December 2026, 14:30"
    assert when in text, f"the new date and time ({when}) is not in: {text}"
    assert "La defensa" not in text  # the reason given is not sent
