"""A court's IT person stops a command with Ctrl-C, or pipes it into ``head``: the command
ends with one line that says what was kept, and the shell's code (130 for Ctrl-C), not
fifty lines of traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the console command, as a person runs it (``python -m expediente.cli`` is run by runpy,
# which reports an interrupted module by the signal whatever its exit code)
COMMAND = str(Path(sys.executable).parent / "expediente")


def expediente(tmp_path: Path, *args: str, **kw) -> subprocess.Popen[str]:  # type: ignore[no-untyped-def]
    return subprocess.Popen(
        [COMMAND, *args],
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "EXPEDIENTE_VAR": str(tmp_path),
        },
        cwd=ROOT,
        text=True,
        **kw,
    )


def test_ctrl_c_ends_a_command_with_one_line_and_code_130(tmp_path):
    started = expediente(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        "import sys, time; print('ready', flush=True); time.sleep(60)",
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert started.stdout is not None
    deadline = time.monotonic() + 60
    while "ready" not in started.stdout.readline():
        assert time.monotonic() < deadline
    started.send_signal(signal.SIGINT)
    _, err = started.communicate(timeout=30)
    assert started.returncode == 130
    assert "Traceback" not in err
    assert err.strip() == "interrupted: what was not yet committed was not written"


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path):
    started = expediente(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        "print('\\n'.join(str(i) for i in range(200000)))",
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert started.stdout is not None
    assert started.stdout.readline() == "0\n"
    started.stdout.close()  # as `| head -1` does
    started.wait(timeout=60)
    assert started.stderr is not None
    err = started.stderr.read()
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err
