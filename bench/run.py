"""Run the benchmarks: ``make bench`` (300 demo cases) or ``make bench SCALE=100000``.

Environment:

SCALE         demo cases to measure with (default 300).
DATABASE_URL  a PostgreSQL database to use. By default the benchmarks create their own,
              ``expediente_bench_<SCALE>`` on BENCH_PG, migrate it and load the demo
              caseload into it once (``expediente demo --cases SCALE --jobs
              LOAD_JOBS``); later runs at the same SCALE reuse it, and an interrupted
              load continues where it stopped. Drop it with
              ``dropdb expediente_bench_<SCALE>``. A database given here is migrated
              and loaded the same way, and the append benchmark adds events to it.
LOAD_JOBS     processes loading the demo caseload (default: one per CPU, up to 4).
BENCH_PG      the PostgreSQL server for that (default postgres://postgres@127.0.0.1:5432/postgres).
DEADLINES     open deadlines for the deadlines benchmark (default 100,000; it also measures a
              tenth of that). It keeps them in its own databases on the same server,
              ``expediente_bench_deadlines_<N>`` (see bench/deadlines.py).

Each benchmark runs in its own process and ends with one line
``NAME: FIGURE UNIT; ratio R of REFERENCE (target T)``; this script repeats those lines at
the end. ``--only``, ``--events`` and ``--duration`` narrow or lengthen a run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import time
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from common import BIN, DEFAULT_SCALE, ROOT, expediente_bin

BENCH_DIR = ROOT / "bench"
BENCHMARKS = ("append", "read_case", "deadlines", "stats", "feed")
RESULT = re.compile(r"^\w+: .+; ratio [\d.]+ of .+ \(target .+\)$")


def _scale() -> int:
    raw = os.environ.get("SCALE", "") or str(DEFAULT_SCALE)
    try:
        scale = int(raw.replace("_", "").replace(",", ""))
    except ValueError:
        scale = -1
    if scale < 1 or scale > 2_000_000:
        sys.exit(f"SCALE={raw!r}: give a number of demo cases from 1 to 2,000,000")
    return scale


def _connect(url: str) -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        where = urlsplit(url)
        print(
            f"PostgreSQL is not reachable at {where.hostname}:{where.port or 5432} "
            f"({str(exc).strip().splitlines()[0]}).\n"
            "The benchmarks need PostgreSQL: start it, or point BENCH_PG (a server) or "
            "DATABASE_URL (a database) at one.",
            file=sys.stderr,
        )
        sys.exit(2)


def _bench_database(scale: int) -> str:
    """The URL of the database to measure with, created if it is ours and missing."""
    given = os.environ.get("DATABASE_URL")
    if given:
        if not given.startswith(("postgres://", "postgresql://")):
            sys.exit("DATABASE_URL must be a PostgreSQL URL: the figures are for PostgreSQL")
        _connect(given).close()
        return given
    server = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"expediente_bench_{scale}"
    with _connect(server) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            print(f"creating database {name}", flush=True)
            conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))


def _run(args: list[str], env: dict[str, str]) -> int:
    """Run a step in the foreground; Ctrl-C reaches it too and it stops on its own."""
    proc = subprocess.Popen(args, env=env, cwd=ROOT)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        raise


def _load_jobs() -> int:
    """LOAD_JOBS, or one process per CPU up to four: the load is CPU-bound (Python and
    PostgreSQL); a third process on two CPUs gained nothing (docs/performance.md)."""
    raw = os.environ.get("LOAD_JOBS", "")
    if not raw:
        return max(1, min(os.cpu_count() or 1, 4))
    if not raw.isdigit() or not 1 <= int(raw) <= 64:
        sys.exit(f"LOAD_JOBS={raw!r}: give a number of processes from 1 to 64")
    return int(raw)


def _prepare(url: str, scale: int, env: dict[str, str]) -> int:
    """Migrate, and load the demo caseload up to ``scale`` cases; the cases there."""
    if _run([expediente_bin(), "migrate", "--no-input", "-v", "0"], env):
        sys.exit("`expediente migrate` failed")
    with _connect(url) as conn:
        cases = conn.execute("SELECT count(*) FROM docket_case").fetchone()[0]
    if cases < scale:
        started = time.monotonic()
        jobs = _load_jobs()
        print(f"loading the demo caseload with {jobs} process(es)", flush=True)
        rc = _run([expediente_bin(), "demo", "--cases", str(scale), "--jobs", str(jobs)], env)
        if rc:
            sys.exit(f"loading the demo caseload failed (exit {rc}); run again to continue")
        seconds = time.monotonic() - started
        print(
            f"loaded {scale - cases:,} demo cases in {seconds:,.0f} s "
            f"({(scale - cases) / seconds:,.1f} cases/s); analysing the tables",
            flush=True,
        )
        with _connect(url) as conn:
            conn.execute("VACUUM ANALYZE")
            cases = conn.execute("SELECT count(*) FROM docket_case").fetchone()[0]
    elif cases > scale:
        print(f"note: the database has {cases:,} cases, more than SCALE={scale:,}", flush=True)
    return cases


def _machine(url: str) -> str:
    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            kb = int(f.readline().split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    with _connect(url) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
    return (
        f"{platform.node()}: {os.cpu_count()} CPUs{mem}, {platform.python_implementation()} "
        f"{platform.python_version()}, PostgreSQL {version}; code {_code_version()}"
    )


def _busy() -> str:
    """The load average, since other work on the machine lowers every figure."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return ""
    line = f"load average before the benchmarks: {one:.2f} (1 min), {five:.2f} (5 min)\n"
    if one > 0.5 * (os.cpu_count() or 1):
        line += "warning: this machine is busy with other work; the figures will be lower\n"
    return line


def _vacuum_if_off(url: str) -> None:
    """On a server with autovacuum off (this machine kind's CI settings), clear what the
    previous benchmark left dead, as autovacuum would between two runs: each append run
    leaves thousands of dead case rows and index entries, never cleared otherwise (an
    append went from 2.0 to 2.9 ms over a dozen runs; docs/performance.md)."""
    with _connect(url) as conn:
        if conn.execute("SHOW autovacuum").fetchone()[0] == "on":
            return
        started = time.monotonic()
        conn.execute("VACUUM")
    print(
        f"autovacuum is off on this server: vacuumed in {time.monotonic() - started:,.1f} s",
        flush=True,
    )


def _code_version() -> str:
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip()


def _benchmark(name: str, extra: list[str], env: dict[str, str]) -> tuple[int, str | None]:
    """Run one benchmark, echoing its output; its exit code and its result line."""
    proc = subprocess.Popen(
        [sys.executable, "-u", str(BENCH_DIR / f"{name}.py"), *extra],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    result = None
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            print(line, end="", flush=True)
            if RESULT.match(line.strip()):
                result = line.strip()
        return proc.wait(), result
    except KeyboardInterrupt:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        raise


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Expediente benchmarks", epilog="SCALE=N sets the number of demo cases."
    )
    parser.add_argument("--only", choices=BENCHMARKS, action="append", help="run only these")
    parser.add_argument("--events", type=int, help="append: events to append (2000)")
    parser.add_argument("--duration", type=int, help="read_case: seconds per measurement (10)")
    args = parser.parse_args()
    scale = _scale()
    url = _bench_database(scale)
    env = {**os.environ, "DATABASE_URL": url, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    cases = _prepare(url, scale, env)
    started = dt.datetime.now(dt.UTC)
    print(f"\n{_machine(url)}", flush=True)
    print(f"{started:%Y-%m-%d %H:%M} UTC, {cases:,} demo cases in {urlsplit(url).path[1:]}")
    print(_busy(), flush=True)
    results: list[str] = []
    failed: list[str] = []
    for name in args.only or BENCHMARKS:
        extra: list[str] = []
        if name == "append" and args.events:
            extra = ["--events", str(args.events)]
        if name == "read_case" and args.duration:
            extra = ["--duration", str(args.duration)]
        _vacuum_if_off(url)
        rc, result = _benchmark(name, extra, env)
        if rc or result is None:
            failed.append(name)
        if result:
            results.append(result)
        print(flush=True)
    print(f"Results at {cases:,} demo cases:")
    for line in results:
        print(f"  {line}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        sys.exit(130)
