"""A real server: ``expediente serve`` (gunicorn) on a free port, over its own SQLite
file, with an API token. For what happens before Django sees a request (how gunicorn
hands over a body, the answers gunicorn gives itself), which the test client skips."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Served:
    host: str
    port: int
    token: str

    def exchange(self, raw: bytes, *, timeout: float = 10) -> bytes:
        """Send ``raw`` as it is and read the whole answer (the server closes after it,
        or after the keep-alive time)."""
        with socket.create_connection((self.host, self.port), timeout=timeout) as sock:
            sock.sendall(raw)
            sock.shutdown(socket.SHUT_WR)
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "expediente.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    where: Path = tmp_path_factory.mktemp("served")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{where / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "expediente.settings",
        "XDG_RUNTIME_DIR": str(where),  # gunicorn's control socket, not the user's
    }
    _cli("migrate", "--no-input", "-v", "0", env=env)
    out = _cli(
        "token", "create", "--user", "fiscalia", "--create-user", "--name", "served",
        "--scope", "cases:read", "--scope", "cases:write", env=env,
    )  # fmt: skip
    token = out.strip().splitlines()[-1]
    port = _free_port()
    log = (where / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "expediente.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((where / "serve.log").read_text()) from None
                time.sleep(0.2)
        yield Served("127.0.0.1", port, token)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
