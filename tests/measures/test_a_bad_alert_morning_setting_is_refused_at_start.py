"""``MEASURES_ALERT_MORNING`` (when missed measure deadlines are alerted, court time) is
checked when a command starts: a value that is not a time of day stops the start with
an error naming the setting, so a worker never starts with a sweep that cannot run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value", ["8 o'clock", "25:00", "08:00+02:00", ""])
def test_a_value_that_is_not_a_time_of_day_is_refused_naming_the_setting(settings, value):
    settings.MEASURES_ALERT_MORNING = value
    if value == "":  # empty: the default, 08:00
        call_command("check")
        return
    with pytest.raises(SystemCheckError) as refused:
        call_command("check")
    assert "MEASURES_ALERT_MORNING" in str(refused.value)
    assert "measures.E001" in str(refused.value)


def test_a_time_of_day_passes(settings):
    settings.MEASURES_ALERT_MORNING = "07:30"
    call_command("check")


def test_the_worker_does_not_start_with_a_bad_value(tmp_path):
    started = subprocess.run(
        [sys.executable, "-m", "expediente.cli", "worker", "--once"],
        env={
            **os.environ,
            "MEASURES_ALERT_MORNING": "morning",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'never.sqlite3'}",
            "EXPEDIENTE_VAR": str(tmp_path),
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode != 0
    assert "MEASURES_ALERT_MORNING" in started.stderr
    assert "'morning' is not a time of day" in started.stderr
    assert "delivering notifications" not in started.stderr
