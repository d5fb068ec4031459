"""A real server: ``expediente serve`` (gunicorn) on a free port, with an API token, in
both its shapes: with threads, over its own SQLite file, and with greenlets, over its
own PostgreSQL database when the tests run on PostgreSQL (else over its own SQLite file,
chosen with EXPEDIENTE_SERVER). For what happens before Django sees a request (how
gunicorn hands over a body, the answers gunicorn gives itself), which the test client
skips."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Served:
    host: str
    port: int
    token: str
    shape: str  # "threads" or "greenlets"
    database_url: str
    log: Path

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


def _postgres_url() -> str | None:
    """The test run's own PostgreSQL server, if the tests run on PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.split(":", 1)[0] in {"postgres", "postgresql"} else None


@contextmanager
def own_database(where: Path, shape: str) -> Iterator[str]:
    """A database of the server's own, migrated, removed afterwards: PostgreSQL for
    greenlets when the tests run on it, else an SQLite file."""
    postgres = _postgres_url() if shape == "greenlets" else None
    if postgres is None:
        yield f"sqlite:///{where / 'db.sqlite3'}"
        return
    import psycopg

    base, _, _ = postgres.rpartition("/")
    name = f"expediente_served_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(where: Path, database_url: str, shape: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "expediente.settings",
        "XDG_RUNTIME_DIR": str(where),  # gunicorn's control socket, not the user's
        "EXPEDIENTE_SERVER": shape,
    }


@contextmanager
def running(where: Path, env: dict[str, str], *args: str) -> Iterator[tuple[int, Path]]:
    """``expediente serve`` on a free port until the block ends: (port, its log)."""
    port = _free_port()
    log_path = where / f"serve-{port}.log"
    log = log_path.open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "expediente.cli", "serve", "--port", str(port), *args],
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
                    raise RuntimeError(log_path.read_text()) from None
                time.sleep(0.2)
        yield port, log_path
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session", params=["threads", "greenlets"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    shape = request.param
    where: Path = tmp_path_factory.mktemp(f"served-{shape}")
    with own_database(where, shape) as database_url:
        env = server_env(where, database_url, shape)
        _cli("migrate", "--no-input", "-v", "0", env=env)
        out = _cli(
            "token", "create", "--user", "fiscalia", "--create-user", "--name", "served",
            "--scope", "cases:read", "--scope", "cases:write", env=env,
        )  # fmt: skip
        token = out.strip().splitlines()[-1]
        with running(where, env, "--workers", "1") as (port, log):
            yield Served("127.0.0.1", port, token, shape, database_url, log)
