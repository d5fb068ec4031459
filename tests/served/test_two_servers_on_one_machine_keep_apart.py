"""Two ``expediente serve`` on one machine (a second court's test server, ``make run``
beside a test run) shared gunicorn's control socket (gunicorn ≥ 25.1: ``gunicornc``,
one path per user): the second replaced the first's, so ``gunicornc`` told the first
one's operator about, or shut down, the second; and the first, stopping, deleted the
second's. Each server now has its own, named by its address and port; both answer,
and stopping one leaves the other answering, on its port and on its control socket."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.served.conftest import _cli, _free_port

ctl = pytest.importorskip("gunicorn.ctl.client", reason="gunicorn without a control socket")


def start(port: int, env: dict[str, str], log: Path, *extra: str) -> subprocess.Popen[bytes]:
    serve = ["serve", "--port", str(port), "--workers", "1", *extra]
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "expediente.cli", *serve],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.2)


def healthy(port: int) -> bool:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as answer:
        return bool(answer.status == 200)


def control_sockets(where: Path) -> dict[int, str]:
    """The control sockets under ``where``, by the port of the server that answers each."""
    found: dict[int, str] = {}
    for path in sorted(where.rglob("*.ctl")):
        for port in ports_behind(str(path)):
            assert port not in found, "two control sockets reach one server"
            found[port] = str(path)
    return found


def control_sockets_when_up(where: Path, ports: set[int], within: float = 20) -> dict[int, str]:
    """``control_sockets``, once they answer for ``ports`` (gunicorn opens its control
    socket a moment after its listener: a loaded machine once looked too soon), or as
    found when ``within`` seconds have passed."""
    deadline = time.monotonic() + within
    while True:
        try:
            found = control_sockets(where)
        except OSError:  # a socket file whose server does not answer yet
            found = {}
        if set(found) >= ports or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def ports_behind(path: str) -> set[int]:
    with ctl.ControlClient(path, timeout=10) as client:
        listeners = client.send_command("show listeners")["listeners"]
    return {int(item["address"].rsplit(":", 1)[1]) for item in listeners}


def test_each_server_has_its_own_control_socket_and_outlives_the_other(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "expediente.settings",
        "XDG_RUNTIME_DIR": str(tmp_path),  # one machine, one user: one runtime directory
    }
    _cli("migrate", "--no-input", "-v", "0", env=env)
    first_port, second_port = _free_port(), _free_port()
    while second_port == first_port:
        second_port = _free_port()
    first = start(first_port, env, tmp_path / "first.log")
    second = None
    try:
        second = start(second_port, env, tmp_path / "second.log")
        assert healthy(first_port)
        assert healthy(second_port)
        sockets = control_sockets_when_up(tmp_path, {first_port, second_port})
        assert set(sockets) == {first_port, second_port}
        first_ctl, second_ctl = sockets[first_port], sockets[second_port]
        assert ports_behind(first_ctl) == {first_port}
        assert f"gunicornc -s {first_ctl}" in (tmp_path / "first.log").read_text()

        first.terminate()
        first.wait(timeout=30)
        assert healthy(second_port)
        assert not os.path.exists(first_ctl)
        assert ports_behind(second_ctl) == {second_port}
    finally:
        for server in (first, second):
            if server is not None and server.poll() is None:
                server.terminate()
                server.wait(timeout=30)


def test_the_control_socket_can_be_turned_off(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "expediente.settings",
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    _cli("migrate", "--no-input", "-v", "0", env=env)
    port = _free_port()
    log = tmp_path / "serve.log"
    server = start(port, env, log, "--no-control-socket")
    try:
        assert healthy(port)
        assert "gunicornc" not in log.read_text()
        assert not list(tmp_path.rglob("*.ctl"))
    finally:
        server.terminate()
        server.wait(timeout=30)
