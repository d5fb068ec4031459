"""The full indicator set for one year, in PostgreSQL, against DuckDB over the extract.

    DATABASE_URL=postgres://…/postgres [STATS_CASES=1000000] .venv/bin/python bench/stats.py

STATS_CASES (default 1,000,000) is the number of cases. They live in their own database
on the server of DATABASE_URL, ``expediente_bench_stats_<N>``, created, migrated and
filled once; later runs reuse it, an interrupted fill continues where it stopped, and
``dropdb`` starts again. ``bench/stats.py --measure-only`` measures the database of
DATABASE_URL as it is (a fill stopped part way, say).

The fill. A template of 1,000 demo cases is made first: a copy of the database
``expediente_bench_1000`` (``make bench SCALE=1000``) when it exists, else ``expediente
demo --cases 1000``. The template's cases, people, participations, charges, events, the
statistics projection, custody periods, arrest deadlines and measures are then copied
``N / 1000 - 1`` times with SQL (``INSERT … SELECT``, every column whatever the schema
has grown): ids moved by a stride per table, case numbers, national identifiers, person
uids and deadline keys suffixed with the copy's number, every date and time moved back
by ``copy mod 730`` days (so the cases spread over five years), idempotency keys
dropped. One ``INSERT … SELECT`` per table per batch of copies, from the template's rows
held in temporary tables; one transaction per batch, progress printed; Ctrl-C stops
between batches. While it fills, the copied tables keep only their primary keys (the
other indexes and unique constraints are dropped, remembered in ``bench_stats_index``
and built once at the end) and the batches run with ``session_replication_role =
replica``, which skips the per-row triggers (foreign-key checks, the event log's
append-only triggers): the copies are consistent by construction. A benchmark
database only, never a production one. The copies' event payloads still name the
template's people, so never run ``expediente rebuild`` on these databases.

The measurement, for the last complete calendar year of the copied caseload, all
courts: every computable indicator of the catalogue in PostgreSQL (``indicator_compute``
inside one ``release()``, as the dashboard and the exports compute a release, so a
family's query is shared; each timed); the anonymised Parquet extract written once (not
timed; kept in ``var/bench/`` for later runs of the same database, year and number of
cases); then DuckDB computing the same indicators from the extract
(``stats.extract_queries``: every indicator the extract can give). The extract holds the
cases the public may see (the rule pack's disclosure rules), so its figures are printed
beside PostgreSQL's for all cases; the tests show both engines equal on the same cases
(``tests/stats/test_the_extract_names_nobody_…``).

The result line: seconds for the full set in PostgreSQL, and the ratio of PostgreSQL's
time for the indicators the extract gives to DuckDB's time for the same.
Target (issue 8): under 10 s at 1M cases, within 3x of DuckDB.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from common import ROOT, database_url, django_setup, expediente_bin, result_line

DEFAULT_CASES = 1_000_000
TEMPLATE_CASES = 1_000
TEMPLATE_DB = "expediente_bench_1000"
COPIES_PER_BATCH = 20
SHIFT_DAYS = 730
TARGET_S, TARGET_RATIO = 10.0, 3.0
STATE = "bench_stats"

# Tables copied, in foreign-key order, with the rows of the template to copy.
TABLES: list[tuple[str, str]] = [
    ("docket_case", "TRUE"),
    ("docket_person", "TRUE"),
    ("docket_participation", "TRUE"),
    ("docket_charge", "TRUE"),
    ("docket_event", "TRUE"),
    ("stats_caseflow", "TRUE"),
    ("stats_accusedflow", "TRUE"),
    ("stats_decision", "TRUE"),
    ("stats_casespell", "TRUE"),
    ("stats_counselentry", "TRUE"),
    ("custody_custodyperiod", "TRUE"),
    ("custody_deadline", "start_type = 'custody.arrested'"),
    ("measures_measure", "TRUE"),
]
# Columns holding a row of another copied table: moved by that table's stride.
REFERENCES = {
    "case_id": "docket_case",
    "person_id": "docket_person",
    "participation_id": "docket_participation",
    "accused_id": "docket_participation",
    "counsel_id": "docket_participation",
}
SUFFIXED = {("docket_case", "nuid"), ("docket_case", "number"), ("docket_person", "uid")}
SUFFIXED.add(("custody_deadline", "key"))
NULLED = {("docket_event", "idempotency_key")}


def _cases() -> int:
    raw = os.environ.get("STATS_CASES", "") or str(DEFAULT_CASES)
    try:
        n = int(raw.replace("_", "").replace(",", ""))
    except ValueError:
        n = -1
    if not TEMPLATE_CASES <= n <= 5_000_000 or n % TEMPLATE_CASES:
        sys.exit(
            f"STATS_CASES={raw!r}: give a multiple of {TEMPLATE_CASES:,} from "
            f"{TEMPLATE_CASES:,} to 5,000,000"
        )
    return n


def _sibling(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


# ------------------------------------------------------------------------ the parent


def parent() -> int:
    import psycopg

    url = database_url()
    n = _cases()
    name = f"expediente_bench_stats_{n}"
    with psycopg.connect(_sibling(url, "postgres"), autocommit=True, connect_timeout=5) as conn:
        have = {r[0] for r in conn.execute("SELECT datname FROM pg_database").fetchall()}
        if name not in have:
            if TEMPLATE_DB in have:
                print(f"stats: creating {name} as a copy of {TEMPLATE_DB}", flush=True)
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE_DB}"')
            else:
                print(f"stats: creating {name}", flush=True)
                conn.execute(f'CREATE DATABASE "{name}"')
    db = _sibling(url, name)
    env = {**os.environ, "DATABASE_URL": db}
    if subprocess.run([expediente_bin(), "migrate", "--no-input", "-v", "0"], env=env).returncode:
        sys.exit(f"stats: `expediente migrate` failed on {name}")
    with psycopg.connect(db, autocommit=True) as conn:
        _state_tables(conn)
        filled = conn.execute(f"SELECT count(*) FROM {STATE}_batch").fetchone()[0]
        cases = conn.execute("SELECT count(*) FROM docket_case").fetchone()[0]
    if not filled and cases < TEMPLATE_CASES:
        print(f"stats: making the template: expediente demo --cases {TEMPLATE_CASES}", flush=True)
        cmd = [expediente_bin(), "demo", "--cases", str(TEMPLATE_CASES)]
        if subprocess.run(cmd, env=env).returncode:
            sys.exit("stats: loading the demo caseload failed; run again to continue")
    print(f"stats: {n:,} cases in {name}", flush=True)
    child = subprocess.run([sys.executable, "-u", __file__, "--child", str(n)], env=env, cwd=ROOT)
    return child.returncode


# ------------------------------------------------------------------- the fill (child)


def _state_tables(conn: Any) -> None:
    conn.execute(f"CREATE TABLE IF NOT EXISTS {STATE} (name text PRIMARY KEY, value bigint)")
    conn.execute(f"CREATE TABLE IF NOT EXISTS {STATE}_batch (batch int PRIMARY KEY)")


def _strides(conn: Any) -> dict[str, int]:
    """Per table with an id, the stride between copies: the last id of the template
    (fixed when the first batch is copied, stored with the data)."""
    out: dict[str, int] = {}
    for table, _where in TABLES:
        if not any(c == "id" for c, _k in _columns(conn, table)):
            continue
        row = conn.execute(f"SELECT value FROM {STATE} WHERE name = %s", (table,)).fetchone()
        if row is None:
            top = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
            conn.execute(f"INSERT INTO {STATE} VALUES (%s, %s)", (table, top))
            row = (top,)
        out[table] = int(row[0])
    return out


def _columns(conn: Any, table: str) -> list[tuple[str, str]]:
    return [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s AND table_schema = 'public' ORDER BY ordinal_position",
            (table,),
        ).fetchall()
    ]


def _copy_sql(conn: Any, table: str, strides: dict[str, int]) -> str:
    """INSERT … SELECT of the template rows of ``table`` (held in ``template_<table>``)
    for the copies k in [%s, %s]."""
    exprs = []
    cols = _columns(conn, table)
    for col, kind in cols:
        if col == "id":
            exprs.append(f"id + k * {strides[table]}")
        elif col in REFERENCES:
            exprs.append(f"{col} + k * {strides[REFERENCES[col]]}")
        elif (table, col) in SUFFIXED:
            exprs.append(f"{col} || '-' || k")
        elif (table, col) in NULLED:
            exprs.append("NULL")
        elif kind.startswith("timestamp"):
            exprs.append(f"{col} - make_interval(days => (k %% {SHIFT_DAYS})::int)")
        elif kind == "date":
            exprs.append(f"({col} - (k %% {SHIFT_DAYS})::int)")
        else:
            exprs.append(col)
    names = ", ".join(c for c, _k in cols)
    return (
        f"INSERT INTO {table} ({names}) SELECT {', '.join(exprs)} "
        f"FROM generate_series(%s::int, %s::int) AS k CROSS JOIN template_{table}"
    )


def _index_state(conn: Any) -> None:
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {STATE}_index "
        "(name text PRIMARY KEY, tbl text NOT NULL, definition text NOT NULL, "
        "is_constraint boolean NOT NULL)"
    )


def _indexes_drop(conn: Any) -> None:
    """Drop every index and unique constraint of the copied tables but their primary
    keys, remembering each definition (``bench_stats_index``) to build it again after
    the fill: one sorted build instead of millions of random inserts."""
    tables = [t for t, _w in TABLES]
    rows = conn.execute(
        "SELECT i.indexrelid::regclass::text, i.indrelid::regclass::text, "
        "pg_get_indexdef(i.indexrelid), c.conname, pg_get_constraintdef(c.oid) "
        "FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid "
        "AND c.contype IN ('u', 'x') "
        "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary",
        (tables,),
    ).fetchall()
    with conn.transaction():
        for name, table, index_def, constraint, constraint_def in rows:
            if constraint:
                definition = f'ALTER TABLE {table} ADD CONSTRAINT "{constraint}" {constraint_def}'
            else:
                definition = index_def
            conn.execute(
                f"INSERT INTO {STATE}_index VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (constraint or name, table, definition, bool(constraint)),
            )
            if constraint:
                conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{constraint}"')
            else:
                conn.execute(f'DROP INDEX "{name}"')


def _indexes_build(conn: Any) -> None:
    """Build again the indexes and constraints the fill dropped (as the migrations left
    them), then forget them."""
    rows = conn.execute(f"SELECT name, tbl, definition FROM {STATE}_index ORDER BY tbl").fetchall()
    if not rows:
        return
    conn.execute("SET maintenance_work_mem = '1GB'")
    started = time.monotonic()
    for name, table, definition in rows:
        t = time.monotonic()
        with conn.transaction():
            conn.execute(definition)
            conn.execute(f"DELETE FROM {STATE}_index WHERE name = %s", (name,))
        print(f"stats: built {table}.{name} in {time.monotonic() - t:,.0f} s", flush=True)
    print(f"stats: indexes built in {time.monotonic() - started:,.0f} s", flush=True)


def fill(n: int) -> None:
    """Copy the template until there are ``n`` cases: one ``INSERT … SELECT`` per table
    per batch of copies, from the template's rows held in temporary tables. During the
    fill the copied tables have only their primary keys (the other indexes are built
    once at the end) and ``session_replication_role = replica`` skips the per-row
    triggers (the foreign-key checks and the event log's append-only triggers, which
    only guard updates and deletes): the copies are consistent by construction. This is
    a benchmark database, never a production one."""
    import psycopg

    from expediente.progress import reporter

    copies = n // TEMPLATE_CASES - 1
    batches = -(-copies // COPIES_PER_BATCH)
    with psycopg.connect(database_url(), autocommit=True) as conn:
        _state_tables(conn)
        _index_state(conn)
        strides = _strides(conn)
        done = {r[0] for r in conn.execute(f"SELECT batch FROM {STATE}_batch").fetchall()}
        todo = [b for b in range(batches) if b not in done]
        if todo:
            _indexes_drop(conn)
            for table, where in TABLES:
                cols = _columns(conn, table)
                mine = "case_id" if any(c == "case_id" for c, _k in cols) else "id"
                top = strides["docket_case" if mine == "case_id" else table]
                conn.execute(
                    f"CREATE TEMP TABLE template_{table} AS SELECT * FROM {table} "
                    f"WHERE {mine} <= {top} AND {where}"
                )
            sql = {t: _copy_sql(conn, t, strides) for t, _w in TABLES}
            print(
                f"stats: copying the {TEMPLATE_CASES:,}-case template {copies:,} times "
                f"({len(todo)} batches of {COPIES_PER_BATCH} copies left; indexes dropped "
                "until the end, per-row triggers off)",
                flush=True,
            )
            report = reporter("batches copied", stream=sys.stdout)
            started = time.monotonic()
            for i, b in enumerate(todo, 1):
                first = 1 + b * COPIES_PER_BATCH
                last = min(first + COPIES_PER_BATCH - 1, copies)
                with conn.transaction():
                    conn.execute("SET LOCAL session_replication_role = replica")
                    conn.execute("SET LOCAL synchronous_commit = off")
                    for table, _where in TABLES:
                        conn.execute(sql[table], (first, last))
                    conn.execute(f"INSERT INTO {STATE}_batch VALUES (%s)", (b,))
                report(i, len(todo))
            print(f"stats: copied in {time.monotonic() - started:,.0f} s", flush=True)
        _indexes_build(conn)
        if todo:
            for table, _where in TABLES:
                if table in strides:
                    conn.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
            print("stats: vacuuming and analysing", flush=True)
            t = time.monotonic()
            conn.execute("VACUUM (ANALYZE)")
            print(f"stats: vacuumed in {time.monotonic() - t:,.0f} s", flush=True)


# -------------------------------------------------------------- measuring (child)


def measure() -> int:
    from expediente.docket.models import Case, Jurisdiction
    from expediente.stats.extract import EXTRACT_VERSION, extract_write
    from expediente.stats.extract_queries import EXTRACT_INDICATORS, duckdb_indicators
    from expediente.stats.scope import scope_resolve

    jurisdiction = Jurisdiction.objects.order_by("code").first()
    last = Case.objects.order_by("-opened_at").values_list("opened_at", flat=True).first()
    if jurisdiction is None or last is None:
        sys.exit("stats: the bench database has no cases")
    year = last.year - 1
    scope = scope_resolve(
        jurisdiction=jurisdiction.code,
        courts=None,
        start=f"{year}-01-01",
        end=f"{year}-12-31",
        today=dt.datetime.now(dt.UTC).date(),
    )
    print(f"stats: {jurisdiction.code}, {year}, {Case.objects.count():,} cases", flush=True)
    full, times, app = _timed_set(scope)
    shared = sum(times[i] for i in EXTRACT_INDICATORS)

    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    # named by the number of cases and the extract's version too: a database filled
    # further, or an extract of a new version (whose readers refuse the old), needs a new
    # file
    cases = Case.objects.count()
    database = urlsplit(database_url()).path[1:]
    path = folder / f"stats-{database}-{year}-{cases}-v{EXTRACT_VERSION}.parquet"
    if not path.exists():
        t = time.perf_counter()
        partial = path.with_name(f".{path.name}.partial")
        rows = extract_write(scope, partial, progress=_progress)
        partial.rename(path)
        print(f"extract: {rows:,} rows in {time.perf_counter() - t:.0f} s (not timed)", flush=True)
    duckdb_indicators(path, scope.period.start, scope.period.end)  # warm: import, first read
    t = time.perf_counter()
    duck = duckdb_indicators(path, scope.period.start, scope.period.end)
    duck_s = time.perf_counter() - t
    print(
        f"the {len(EXTRACT_INDICATORS)} indicators the extract gives: PostgreSQL {shared:.3f} s "
        f"(all cases), DuckDB {duck_s:.3f} s (the extract: the cases the public may see; "
        "tests/stats show both equal on the same cases)",
        flush=True,
    )
    for ident in EXTRACT_INDICATORS:
        print(f"  {ident:28} PostgreSQL {_short(app[ident]):>24}  DuckDB {_short(duck[ident]):>24}")
    print(
        result_line(
            "stats",
            full,
            f"s for the full indicator set ({len(times)} indicators)",
            shared / max(duck_s, 1e-9),
            f"DuckDB computing the same {len(EXTRACT_INDICATORS)} from the extract",
            f"under {TARGET_S:.0f} s at 1M cases; ratio under {TARGET_RATIO:.0f}",
        ),
        flush=True,
    )
    return 0


def _timed_set(scope: Any) -> tuple[float, dict[str, float], dict[str, Any]]:
    from expediente.stats.catalogue import INDICATORS
    from expediente.stats.compute import indicator_compute, release

    times: dict[str, float] = {}
    out: dict[str, Any] = {}
    started = time.perf_counter()
    with release():  # as the dashboard and the exports compute a release
        for indicator in [i for i in INDICATORS if i.computable]:
            t = time.perf_counter()
            out[indicator.id] = indicator_compute(indicator, scope)
            times[indicator.id] = time.perf_counter() - t
            print(f"  {indicator.id:28} {times[indicator.id]:8.3f} s", flush=True)
    return time.perf_counter() - started, times, out


def _short(result: Any) -> str:
    if isinstance(result, dict):
        return f"{sum(result.values()):,} in {len(result)} cells"
    return "undefined" if result.value is None else f"{result.value:,.2f}"


def _progress(n: int) -> None:
    if n % 500_000 < 5_000:
        print(f"extract: {n:,} rows", flush=True)


def child(n: int) -> int:
    django_setup()
    fill(n)
    return measure()


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        return child(int(sys.argv[2]))
    if sys.argv[1:] == ["--measure-only"]:  # the database of DATABASE_URL as it is
        django_setup()
        return measure()
    return parent()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nstats: interrupted; run again to continue", file=sys.stderr)
        sys.exit(130)
