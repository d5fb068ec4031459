"""``expediente serve`` with ``PORT=xyz`` ended in ``ValueError: invalid literal for
int()``, even for ``--help``; with ``--port 99999`` it announced the address, then ended in
gunicorn's ``OverflowError``. A port that is not a whole number from 1 to 65535, in the
variable or the option, now stops start-up before anything starts, naming which one and
the rule, with a non-zero exit; ``--help`` works whatever PORT holds. WEB_CONCURRENCY and
THREADS, read the same way, are held to their own rules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from gunicorn.app.base import BaseApplication

RULE = "must be a whole number from 1 to 65535"
ONE_WORKER = ("--workers", "1", "--no-control-socket")


@pytest.fixture(autouse=True)
def _nothing_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server these tests started would be a failure, not a hang."""

    def run(self: BaseApplication) -> None:
        raise AssertionError("the server started")

    monkeypatch.setattr(BaseApplication, "run", run)
    for name in ("PORT", "WEB_CONCURRENCY", "THREADS", "HOST"):
        monkeypatch.delenv(name, raising=False)


def cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "expediente.cli", "serve", *args],
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "expediente.settings",
            "XDG_RUNTIME_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("given", ["xyz", "0", "99999", "-1", "80.5", "８０"])
def test_a_port_variable_that_is_no_port_is_named(monkeypatch, capsys, given):
    monkeypatch.setenv("PORT", given)
    with pytest.raises(CommandError) as refused:
        call_command("serve")
    assert str(refused.value) == f"PORT: {RULE}, not {given!r}"
    assert "Expediente on" not in capsys.readouterr().out


@pytest.mark.parametrize("given", ["xyz", "0", "99999", "65536"])
def test_a_port_option_that_is_no_port_is_named(capsys, given):
    with pytest.raises(CommandError) as refused:
        call_command("serve", "--port", given)
    assert f"argument --port: {RULE}, not {given!r}" in str(refused.value)
    assert "Expediente on" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("variable", "given", "rule"),
    [
        ("WEB_CONCURRENCY", "many", "must be a whole number of at least 0"),
        ("THREADS", "0", "must be a whole number of at least 1"),
    ],
)
def test_the_other_numbers_read_from_the_environment_are_named_too(
    monkeypatch, variable, given, rule
):
    monkeypatch.setenv(variable, given)
    with pytest.raises(CommandError, match=f"^{variable}: {rule}, not {given!r}$"):
        call_command("serve", "--port", "8123")


def test_the_port_option_wins_over_the_variable_and_both_take_their_limits(monkeypatch, capsys):
    monkeypatch.setenv("PORT", "xyz")
    with pytest.raises(AssertionError, match="the server started"):
        call_command("serve", "--port", "65535", "--workers", "1", "--no-control-socket")
    assert "Expediente on http://127.0.0.1:65535/ (1 workers" in capsys.readouterr().out
    monkeypatch.setenv("PORT", " 1 ")
    with pytest.raises(AssertionError, match="the server started"):
        call_command("serve", "--workers", "1", "--no-control-socket")
    assert "Expediente on http://127.0.0.1:1/" in capsys.readouterr().out


def test_help_is_written_whatever_port_holds(tmp_path):
    done = cli(tmp_path, "--help", PORT="xyz", WEB_CONCURRENCY="x", THREADS="y")
    assert done.returncode == 0, done.stderr
    assert "--port PORT" in done.stdout
    assert "Traceback" not in done.stderr


def test_on_the_command_line_a_bad_port_exits_non_zero_without_a_traceback(tmp_path):
    done = cli(tmp_path, PORT="xyz")
    assert done.returncode == 1
    assert done.stderr.strip().endswith(f"PORT: {RULE}, not 'xyz'")
    assert "Traceback" not in done.stderr
    assert "Expediente on" not in done.stdout
    done = cli(tmp_path, "--port", "99999")
    assert done.returncode == 2
    assert f"argument --port: {RULE}, not '99999'" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Expediente on" not in done.stdout


def test_a_bad_web_concurrency_is_named_even_with_workers_given(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "xyz")
    with pytest.raises(CommandError, match=r"^WEB_CONCURRENCY: must be a whole number"):
        call_command("serve", "--port", "8123", "--workers", "2")


def test_an_empty_web_concurrency_serves_with_the_default(tmp_path):
    """gunicorn reads WEB_CONCURRENCY with int() when it is imported: an empty one, which
    serve takes as "the default", ended in a traceback there."""
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "expediente.cli", "serve", "--port", str(port), *ONE_WORKER],
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "expediente.settings",
            "WEB_CONCURRENCY": "",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        answered = False
        while time.monotonic() < deadline and server.poll() is None and not answered:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    answered = True
            except OSError:
                time.sleep(0.2)
        assert answered, server.stderr.read() if server.poll() is not None else "no answer"
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "Traceback" not in err


def test_a_good_web_concurrency_is_kept_for_a_restart(monkeypatch):
    """gunicorn restarts (USR2) by running the command again with its environment: the
    checked number stays there, as a number gunicorn reads."""
    monkeypatch.setenv("WEB_CONCURRENCY", " 2 ")
    with pytest.raises(AssertionError, match="the server started"):
        call_command("serve", "--port", "8123", "--no-control-socket")
    assert os.environ["WEB_CONCURRENCY"] == "2"
