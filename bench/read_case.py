"""Reading a case with its last 20 events over HTTP, against the same server's constant answer.

    DATABASE_URL=postgres://… .venv/bin/python bench/read_case.py [--duration 10] [--rounds 2]

Starts ``expediente serve`` (through bench/serve_const.py, which adds two constant paths
and changes nothing else) on a free loopback port, issues a ``cases:read`` API token, and
drives the server with wrk, 32 connections, in alternating rounds:

* the reference: ``GET /bench/django-constant``, a fixed body answered by a view through
  Django's whole middleware stack, without the database;
* the stricter reference, also reported: ``GET /bench/constant``, the same body from the
  WSGI layer, without Django;
* for context only: ``GET /healthz`` (Django with its middleware and one ``SELECT 1``);
* the figure: ``GET /api/v1/cases/{nuid}`` (the case, its participants and charges and its
  last 20 events), rotating over up to 5,000 demo cases picked at random.

All get the same warm-up, duration, connections and Authorization header. Every response
must be a 2xx, or the run fails. The result is requests per second with its p50/p99
latency, and the ratios to both constants (docs/performance.md says why the Django one
is the reference). The token is revoked and the server stopped at the end, also on
Ctrl-C or error. Needs wrk (``apt-get install wrk``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import ROOT, django_setup, result_line
from serve_const import CONSTANT_PATH, DJANGO_CONSTANT_PATH

TARGET_RATIO = 0.5
TARGET_P99_MS = 50.0
CONNECTIONS = 32
SAMPLE = 5000
WARM_READS_PER_CASE = 8
HERE = Path(__file__).resolve().parent


@dataclass
class Load:
    requests: int
    seconds: float
    socket_errors: int
    bad_status: int
    timeouts: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def describe(self) -> str:
        return (
            f"{self.rate:,.1f} requests/s ({self.requests:,} in {self.seconds:.1f} s), "
            f"latency p50 {self.p50_ms:.1f} ms, p90 {self.p90_ms:.1f} ms, "
            f"p99 {self.p99_ms:.1f} ms, max {self.max_ms:.1f} ms"
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _token_and_paths(sample: int) -> tuple[str, list[str], Any]:
    from expediente.access.models import User
    from expediente.access.tokens import token_create
    from expediente.docket.models import Case

    user, created = User.objects.get_or_create(username="bench-api", defaults={"is_system": True})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    token, secret = token_create(
        user=user,
        name=f"bench read_case {time.strftime('%Y-%m-%d %H:%M:%S')}",
        scopes=["cases:read"],
    )
    nuids = list(Case.objects.order_by("?").values_list("nuid", flat=True)[:sample])
    return secret, [f"/api/v1/cases/{n}" for n in nuids], token


def _get(url: str, secret: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {secret}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


class Server:
    """`expediente serve` (with the constant path) on a loopback port, as a context manager."""

    def __init__(self, port: int, log: Path) -> None:
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = log
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        log = self.log_path.open("wb")
        cmd = [sys.executable, str(HERE / "serve_const.py"), "--host", "127.0.0.1"]
        cmd += ["--port", str(self.port)]
        self.proc = subprocess.Popen(
            cmd,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            start_new_session=True,  # its own process group: Ctrl-C is ours to pass on
        )
        log.close()
        try:
            self._wait_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_ready(self) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited at start; see {self.log_path}")
            try:
                if _get(self.base + "/bench/constant", "")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"the server did not answer within 60 s; see {self.log_path}")

    def __exit__(self, *exc: object) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)  # gunicorn: graceful stop of its workers
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def _wrk(base: str, paths_file: Path, secret: str, seconds: int) -> Load:
    threads = max(1, min(4, os.cpu_count() or 1))
    cmd = ["wrk", "-t", str(threads), "-c", str(CONNECTIONS), "-d", f"{seconds}s"]
    cmd += ["--timeout", "10s", "-s", str(HERE / "read_case.lua"), base, "--", str(paths_file)]
    cmd += [secret]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"wrk did not finish within {seconds + 60} s") from exc
    line = next((x for x in out.stdout.splitlines() if x.startswith("WRK_RESULT ")), None)
    if out.returncode or line is None:
        raise RuntimeError(f"wrk failed (exit {out.returncode}): {out.stderr.strip()}")
    n, us, connect, read, write, status, timeout, p50, p90, p99, top = map(int, line.split()[1:])
    return Load(
        n,
        us / 1e6,
        connect + read + write,
        status,
        timeout,
        *(x / 1000 for x in (p50, p90, p99, top)),
    )


def _warm_up(base: str, paths_file: Path, secret: str, cases: int, most_seconds: int) -> Load:
    loads: list[Load] = []
    started = time.monotonic()
    while True:
        loads.append(_wrk(base, paths_file, secret, 5))
        done = sum(x.requests for x in loads)
        print(f"read_case: warming up, {done:,} reads of {cases:,} cases", flush=True)
        if done >= WARM_READS_PER_CASE * cases or time.monotonic() - started >= most_seconds:
            return _combine(loads)


def _combine(loads: list[Load]) -> Load:
    """Several rounds as one: total requests over total time; the worst round's percentiles."""
    return Load(
        requests=sum(x.requests for x in loads),
        seconds=sum(x.seconds for x in loads),
        socket_errors=sum(x.socket_errors for x in loads),
        bad_status=sum(x.bad_status for x in loads),
        timeouts=sum(x.timeouts for x in loads),
        p50_ms=max(x.p50_ms for x in loads),
        p90_ms=max(x.p90_ms for x in loads),
        p99_ms=max(x.p99_ms for x in loads),
        max_ms=max(x.max_ms for x in loads),
    )


def _check(name: str, load: Load) -> None:
    if load.bad_status or load.timeouts or not load.requests:
        raise RuntimeError(
            f"{name}: {load.bad_status:,} non-2xx responses and {load.timeouts:,} timeouts "
            f"in {load.requests:,} requests; the figures would mean nothing"
        )
    if load.socket_errors:
        print(f"read_case: note: {name} had {load.socket_errors:,} socket errors", flush=True)


def measure(duration: int, rounds: int, sample: int, warmup: int) -> int:
    django_setup()
    from expediente.access.tokens import token_revoke

    if shutil.which("wrk") is None:
        print("read_case: needs wrk on PATH (Debian/Ubuntu: apt-get install wrk)", file=sys.stderr)
        return 2
    secret, paths, token = _token_and_paths(sample)
    if not paths:
        print("read_case: no demo cases to read (load the demo caseload first)", file=sys.stderr)
        return 2
    log_dir = ROOT / "var" / "bench"
    log_dir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-read-") as tmp:
            case_paths = Path(tmp) / "cases.txt"
            case_paths.write_text("\n".join(paths) + "\n", encoding="utf-8")
            constant_path = Path(tmp) / "constant.txt"
            constant_path.write_text(f"{CONSTANT_PATH}\n", encoding="utf-8")
            django_constant_path = Path(tmp) / "django-constant.txt"
            django_constant_path.write_text(f"{DJANGO_CONSTANT_PATH}\n", encoding="utf-8")
            healthz_path = Path(tmp) / "healthz.txt"
            healthz_path.write_text("/healthz\n", encoding="utf-8")
            print(
                f"read_case: starting `expediente serve` on 127.0.0.1:{port} "
                f"(log {log_dir / 'server.log'})",
                flush=True,
            )
            with Server(port, log_dir / "server.log") as server:
                status, body = _get(server.base + paths[0], secret)
                if status != 200:
                    raise RuntimeError(f"GET {paths[0]} answered {status}: {body[:300]!r}")
                sample = json.loads(body)
                print(
                    f"read_case: GET {paths[0]}: {len(body):,} bytes, "
                    f"{len(sample['recent_events'])} recent events; "
                    f"{len(paths):,} cases in rotation, {CONNECTIONS} connections",
                    flush=True,
                )
                print("read_case: warming up", flush=True)
                _wrk(server.base, constant_path, secret, 2)
                _wrk(server.base, django_constant_path, secret, 2)
                # Each worker keeps the bodies it rendered (api/present.py): the first read
                # of a case in a worker renders it, later ones are served from the store.
                # Warm up until every case has been read about WARM_READS_PER_CASE times,
                # so that nearly every worker has rendered nearly every case (a case read
                # k times reaches about W × (1 - (1 - 1/W)^k) of W workers: 8 reads reach
                # 2.88 of 3), or for at most `warmup` seconds.
                warm = _warm_up(server.base, case_paths, secret, len(paths), warmup)
                print(
                    f"read_case: warm-up read {warm.requests:,} cases in {warm.seconds:.0f} s "
                    f"({warm.requests / len(paths):.1f} reads per case in rotation)",
                    flush=True,
                )
                print(f"read_case: for context, GET /healthz, {duration} s", flush=True)
                healthz = _wrk(server.base, healthz_path, secret, duration)
                constants: list[Load] = []
                django_constants: list[Load] = []
                reads: list[Load] = []
                for r in range(rounds):
                    label = f" (round {r + 1}/{rounds})" if rounds > 1 else ""
                    print(f"read_case: constant from WSGI, {duration} s{label}", flush=True)
                    constants.append(_wrk(server.base, constant_path, secret, duration))
                    print(f"read_case: constant through Django, {duration} s{label}", flush=True)
                    django_constants.append(
                        _wrk(server.base, django_constant_path, secret, duration)
                    )
                    print(f"read_case: GET /api/v1/cases/{{nuid}}, {duration} s{label}", flush=True)
                    reads.append(_wrk(server.base, case_paths, secret, duration))
    finally:
        token_revoke(token=token)
    constant, django_constant = _combine(constants), _combine(django_constants)
    read = _combine(reads)
    for name, load in (
        ("constant", constant),
        ("Django constant", django_constant),
        ("read", read),
        ("healthz", healthz),
    ):
        _check(name, load)
    if rounds > 1:
        # the rounds one by one: on a shared host the constant itself moves from one
        # round to the next, and each round's read is compared with its own constant
        for r, (c, d, x) in enumerate(zip(constants, django_constants, reads, strict=True)):
            print(
                f"read_case: round {r + 1}: constant from WSGI {c.rate:,.1f}/s, through "
                f"Django {d.rate:,.1f}/s (p99 {d.p99_ms:.1f} ms), read {x.rate:,.1f}/s "
                f"(p99 {x.p99_ms:.1f} ms), ratio {x.rate / d.rate:.2f}",
                flush=True,
            )
    print(f"read_case: constant from WSGI      {constant.describe()}", flush=True)
    print(f"read_case: constant through Django {django_constant.describe()}", flush=True)
    print(f"read_case: healthz                 {healthz.describe()}", flush=True)
    print(f"read_case: read case               {read.describe()}", flush=True)
    # Each worker keeps its own bodies (api/present.py): a case's first read in a worker
    # renders it. The paths are read in rotation, each read going to whichever worker
    # takes the connection: with R reads of C cases and W workers, a case is read R/C
    # times and reaches about W × (1 - (1 - 1/W)^(R/C)) distinct workers.
    workers = int(os.environ.get("WEB_CONCURRENCY", "0")) or (os.cpu_count() or 1) + 1

    def firsts(reads: int) -> float:
        """(case, worker) pairs reached by ``reads`` reads in rotation: first reads."""
        per_case = reads / len(paths)
        return min(reads, len(paths) * workers * (1 - (1 - 1 / workers) ** per_case))

    total = warm.requests + read.requests
    measured = firsts(total) - firsts(warm.requests)
    print(
        f"read_case: {total:,} case reads of {len(paths):,} cases with {workers} workers, "
        f"{warm.requests:,} of them warming up: about {firsts(total):,.0f} were a case's "
        f"first read in its worker (rendered), about {measured:,.0f} "
        f"({100 * measured / max(read.requests, 1):.1f}%) of the {read.requests:,} "
        "measured ones; the rest could come from a worker's store",
        flush=True,
    )
    ratio = read.rate / django_constant.rate
    wsgi_ratio = read.rate / constant.rate
    print(
        f"read_case: ratio {ratio:.2f} of the constant through Django (the reference), "
        f"{wsgi_ratio:.2f} of the constant from WSGI",
        flush=True,
    )
    met = ratio >= TARGET_RATIO and read.p99_ms < TARGET_P99_MS
    print(f"read_case: target {'met' if met else 'MISSED'}", flush=True)
    print(
        result_line(
            "read_case",
            read.rate,
            "requests/s",
            ratio,
            f"the same server's constant response through Django at "
            f"{django_constant.rate:,.1f} requests/s ({wsgi_ratio:.2f} of its constant from "
            f"WSGI, without Django, at {constant.rate:,.1f} requests/s)",
            f"≥ {TARGET_RATIO} and p99 < {TARGET_P99_MS:.0f} ms; p99 was {read.p99_ms:.1f} ms",
        ),
        flush=True,
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement (10)")
    parser.add_argument("--rounds", type=int, default=2, help="constant/read pairs to run (2)")
    parser.add_argument(
        "--cases", type=int, default=SAMPLE, help=f"cases in rotation, at most ({SAMPLE})"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=180,
        help=f"at most this many seconds of case reads before measuring (180), which stop "
        f"once each case was read {WARM_READS_PER_CASE} times",
    )
    args = parser.parse_args()
    if not 1 <= args.duration <= 600 or not 1 <= args.rounds <= 10:
        parser.error("--duration: 1 to 600 seconds; --rounds: 1 to 10")
    if not 1 <= args.cases <= 100_000 or not 1 <= args.warmup <= 600:
        parser.error("--cases: 1 to 100,000; --warmup: 1 to 600 seconds")
    try:
        return measure(args.duration, args.rounds, args.cases, args.warmup)
    except RuntimeError as exc:
        print(f"read_case: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nread_case: interrupted; the server is stopped", file=sys.stderr)
        sys.exit(130)
