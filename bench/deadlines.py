"""Listing a court's due deadlines, and the deadline sweep, with up to a million open.

    DATABASE_URL=postgres://… [DEADLINES=1000000] .venv/bin/python bench/deadlines.py

DEADLINES (default 100,000) is the number of open deadlines of the big size; the small
size is a tenth of it. Each size has its own database on the server of DATABASE_URL,
``expediente_bench_deadlines_<N>``, created, migrated and filled once (later runs reuse
it; an interrupted fill continues where it stopped; ``dropdb`` it to start again).

The fill. Four template deadlines are made by the real services in court ``bench-01``
(``case_open`` and ``event_record``: an arrest, a detainee placed before a judge, and a
pretrial detention order, which the custody projector turns into the presentation,
hearing-request, review and maximum deadlines of the Costa Rican pack). They are then
copied (``COPY``) with their dates moved, one detained person per case, 20,000 people
per committed batch, into 40 courts whose sizes follow a Zipf law (the largest holds
a fifth). Per person: 99.5% in pretrial detention (an open review due within
the next three months, 3% of them overdue, and an open maximum due within the year),
0.3% just arrested, 0.2% just placed before a judge (due within 24 hours); 2% of the
cases are sealed. The cases, people and participations are copied too: they have no
events, so never run ``expediente rebuild`` on these databases.

The anchor. Everything is dated relative to an anchor ``A`` (a noon in San José,
stored with the data): the list is read and the sweep runs "as at" ``A``.

1. Listing (big size): ``custody.selectors.deadline_list_due`` exactly as the due page
   calls it (every open deadline, ``PAGE_SIZE + 1`` rows of ``court.due.views``, most
   urgent first) for a judge and for a clerk (who does not see sealed cases), overdue
   only, and due within 7 days, in the largest court and in a median one; each timed
   200 times (p50, p99), alone and with the page's lines built from its rows
   (``court.due.rows.due_row`` for ``PAGE_SIZE`` of them, as the view does before the
   template), and each query EXPLAINed (ANALYZE) with the node that reads
   ``custody_deadline`` printed; the whole plan of the first is printed too. Then
   ``GET /api/v1/courts/{code}/deadlines`` in process (Django's test client, a token).
   The machine's load average is printed with each figure. Before it, the process
   freezes the garbage collector's view of what it has loaded (``gc.freeze()``), as
   ``expediente serve`` does before its workers fork.
2. The sweep (both sizes): ``custody.sweep.deadline_sweep(now=A)`` with its mark set to
   ``A - 1 h``, so it looks at ``(A - 70 min, A]``. Both sizes have the same 1,000
   deadlines with an alert threshold in that window (hour-counted ones: at noon, the
   day-counted ones, due at midnight, have none), and no other. Alerts are deleted and
   the mark reset before each run. Then the same sweep with a second, independent
   candidate query (``narrow_candidates`` below, patched in for the run only): both must
   raise the same alerts, or the benchmark fails.

The result line is the worst p99 of the selector's listings (the lines built from them
are printed above it), and the ratio of the sweep's time at the big size to its time at
the small one (the same number falling due).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from common import ROOT, database_url, django_setup, expediente_bin, result_line

DEFAULT_DEADLINES = 100_000
LIST_TARGET_MS = 20.0
SWEEP_TARGET = 1.5
FALLING_DUE = 1_000
COURTS = 40
ZIPF = 0.9
BATCH = 20_000  # people per committed batch
WINDOW = dt.timedelta(hours=1)  # the sweep runs an hour after the last one
TZ = ZoneInfo("America/Costa_Rica")
RESULT_JSON = "deadlines-json: "
STATE = "bench_deadlines"
NAMES = ["José", "María", "Luis", "Ana", "Carlos", "Sofía", "Jorge", "Laura", "Diego", "Elena"]
FAMILY = ["Pérez", "Mora", "Rojas", "Vargas", "Jiménez", "Solano", "Araya", "Castro", "Quesada"]


def _deadlines() -> int:
    raw = os.environ.get("DEADLINES", "") or str(DEFAULT_DEADLINES)
    try:
        n = int(raw.replace("_", "").replace(",", ""))
    except ValueError:
        n = -1
    if not 20_000 <= n <= 5_000_000:
        sys.exit(f"DEADLINES={raw!r}: give a number of open deadlines from 20,000 to 5,000,000")
    return n


# ------------------------------------------------------------------------ the parent


def _sibling(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def _ensure_database(url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(_sibling(url, "postgres"), autocommit=True, connect_timeout=5) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not found:
            print(f"deadlines: creating database {name}", flush=True)
            conn.execute(f'CREATE DATABASE "{name}"')
    return _sibling(url, name)


def _child(url: str, n: int, listing: bool) -> dict[str, Any]:
    """Fill and measure one size in its own process (Django is set up per database)."""
    env = {**os.environ, "DATABASE_URL": url}
    migrate = subprocess.run([expediente_bin(), "migrate", "--no-input", "-v", "0"], env=env)
    if migrate.returncode:
        sys.exit(f"deadlines: `expediente migrate` failed on {urlsplit(url).path[1:]}")
    args = [sys.executable, "-u", __file__, "--child", str(n), *(["--list"] if listing else [])]
    proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    found: dict[str, Any] | None = None
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(RESULT_JSON):
                found = json.loads(line[len(RESULT_JSON) :])
            else:
                print(line, end="", flush=True)
        rc = proc.wait()
    except KeyboardInterrupt:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        raise
    if rc or found is None:
        sys.exit(f"deadlines: measuring {n:,} open deadlines failed (exit {rc})")
    return found


def parent() -> int:
    url = database_url()
    big = _deadlines()
    small = big // 10
    results = {}
    for n in (small, big):
        db = _ensure_database(url, f"expediente_bench_deadlines_{n}")
        print(f"deadlines: {n:,} open deadlines in {urlsplit(db).path[1:]}", flush=True)
        results[n] = _child(db, n, listing=n == big)
    s, b = results[small]["sweep"], results[big]["sweep"]
    listing = results[big]["list"]
    worst = max(v["p99_ms"] for v in listing["selector"])
    ratio = b["current"]["seconds"] / s["current"]["seconds"]
    proposed = b["proposed"]["seconds"] / s["proposed"]["seconds"]
    lines = max(v["lines_p99_ms"] for v in listing["selector"])
    print(f"\ndeadlines: listing, {results[big]['open']:,} open deadlines:")
    for v in listing["selector"]:
        print(
            f"  {v['what']}: p50 {v['p50_ms']:.2f} ms, p99 {v['p99_ms']:.2f} ms (CPU p50 "
            f"{v['cpu_p50_ms']:.2f} ms); with the page's lines p50 {v['lines_p50_ms']:.2f} ms, "
            f"p99 {v['lines_p99_ms']:.2f} ms (CPU p50 {v['lines_cpu_p50_ms']:.2f} ms); "
            f"load {v['load']:.2f}; {v['plan']}"
        )
    api = listing["api"]
    print(
        f"  {api['what']}: p50 {api['p50_ms']:.2f} ms, p99 {api['p99_ms']:.2f} ms "
        f"(load {api['load']:.2f})"
    )
    print(f"  the plan of the first:\n    {listing['plan'].replace(chr(10), chr(10) + '    ')}")
    print(f"deadlines: the sweep, {FALLING_DUE:,} deadlines falling due in its window:")
    for name, label in (("current", "custody.sweep as it is"), ("proposed", "narrow_candidates")):
        lo, hi = s[name], b[name]
        print(
            f"  {label}: {lo['seconds']:.3f} s at {results[small]['open']:,} open "
            f"({lo['examined']:,} examined, {lo['raised']:,} raised), {hi['seconds']:.3f} s at "
            f"{results[big]['open']:,} open ({hi['examined']:,} examined, {hi['raised']:,} "
            f"raised): ratio {hi['seconds'] / lo['seconds']:.2f}"
        )
    print(
        f"deadlines: list target {'met' if worst < LIST_TARGET_MS else 'MISSED'} "
        f"(worst p99 {worst:.2f} ms; with the page's lines {lines:.2f} ms), "
        f"sweep target {'met' if ratio <= SWEEP_TARGET else 'MISSED'} (ratio {ratio:.2f}; "
        f"{proposed:.2f} with narrow_candidates); load average now "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}",
        flush=True,
    )
    print(
        result_line(
            "deadlines",
            worst,
            f"ms p99 to list a court's due deadlines among {results[big]['open']:,} open",
            ratio,
            f"the sweep's time at {results[small]['open']:,} open for the same "
            f"{FALLING_DUE:,} falling due ({b['current']['seconds']:.2f} s vs "
            f"{s['current']['seconds']:.2f} s)",
            f"list < {LIST_TARGET_MS:.0f} ms; sweep ratio ≤ {SWEEP_TARGET}",
        ),
        flush=True,
    )
    return 0


# ------------------------------------------------------------------- the fill (child)


@dataclass(frozen=True)
class Template:
    """One real deadline row, made by the projector, to copy with its dates moved."""

    row: dict[str, Any]
    offsets: tuple[dt.timedelta, ...]  # due_at minus each alert moment, and 0 (due itself)

    @property
    def days(self) -> bool:
        return bool(self.row["counting"] != "continuous")


def _anchor(conn: Any) -> dt.datetime:
    """The anchor of this database: the last noon in San José before it was first filled."""
    conn.execute(f"CREATE TABLE IF NOT EXISTS {STATE} (name text PRIMARY KEY, anchor timestamptz)")
    conn.execute(f"CREATE TABLE IF NOT EXISTS {STATE}_batch (batch int PRIMARY KEY)")
    row = conn.execute(f"SELECT anchor FROM {STATE} WHERE name = 'anchor'").fetchone()
    if row:  # on the court's clock, as at first (the idempotent templates compare it)
        return row[0].astimezone(TZ)  # type: ignore[no-any-return]
    local = dt.datetime.now(TZ)
    noon = local.replace(hour=12, minute=0, second=0, microsecond=0)
    if noon > local:
        noon -= dt.timedelta(days=1)
    conn.execute(f"INSERT INTO {STATE} VALUES ('anchor', %s)", (noon,))
    return noon


def _courts() -> list[Any]:
    from expediente.docket.models import Court, Jurisdiction

    jur, _ = Jurisdiction.objects.get_or_create(
        code="bench", defaults={"name": "Benchmark", "rule_pack": "cr"}
    )
    courts = []
    for k in range(1, COURTS + 1):
        court, _ = Court.objects.get_or_create(
            code=f"bench-{k:02d}",
            defaults={
                "jurisdiction": jur,
                "name": f"Juzgado Penal de prueba {k}",
                "office_code": f"{900 + k:04d}",
                "timezone": "America/Costa_Rica",
                "rule_pack": "cr",
            },
        )
        courts.append(court)
    return courts


def _templates(
    court: Any, anchor: dt.datetime
) -> tuple[dict[str, Template], dict[str, dict[str, Any]]]:
    """The four template deadlines, recorded through the real services (idempotent), and
    the case, person and participation rows of the detained person in the last one."""
    from expediente.access.models import User
    from expediente.access.policy import Actor
    from expediente.custody.confirmations import ORDER_PAST_MAXIMUM, confirmed
    from expediente.custody.models import Deadline
    from expediente.docket.models import Case, Participation, Person
    from expediente.docket.services import case_open, event_record

    user, _ = User.objects.get_or_create(username="bench-deadlines", defaults={"is_system": True})
    actor = Actor.system(user)
    person = {"given_names": "José", "family_names": "Pérez Mora", "sex": "male"}
    hour = dt.timedelta(hours=1)
    day = dt.timedelta(days=1)
    scenarios = {
        "arrested": [("custody.arrested", {}, -5 * hour)],
        "placed": [
            ("custody.arrested", {}, -20 * hour),
            ("custody.placed_before_judge", {}, -10 * hour),
        ],
        "pretrial": [
            ("custody.arrested", {}, -50 * day - 2 * hour),
            ("custody.placed_before_judge", {}, -50 * day + 6 * hour),
            ("custody.hearing_requested", {}, -49 * day - 3 * hour),
            (
                "custody.pretrial_ordered",
                {"until": f"{anchor.year + 2}-12-31", "grounds": "Peligro de fuga"},
                -49 * day - 2 * hour,
            ),
        ],
    }
    for name, steps in scenarios.items():
        key = f"bench-template:{name}"
        case = case_open(
            court=court,
            actor=actor,
            procedure="adult",
            occurred_at=anchor - 60 * day,
            idempotency_key=key,
        ).event.case
        events = [("participant.added", {"role": "accused", "person": person}, -60 * day)]
        for i, (type_name, payload, when) in enumerate([*events, *steps]):
            body = payload if type_name == "participant.added" else {"person": "P1", **payload}
            # the order's term runs past the legal maximum (both deadlines are templates):
            # recorded as a judge gave it, read and confirmed
            with confirmed([ORDER_PAST_MAXIMUM]):
                event_record(
                    case=case,
                    type=type_name,
                    payload=body,
                    actor=actor,
                    occurred_at=anchor + when,
                    idempotency_key=f"{key}:{i}",
                )
    found: dict[str, Template] = {}
    rows = Deadline.objects.filter(court=court, open=True).exclude(case__nuid__startswith="BENCH-")
    for d in rows.values():
        if d["rule_id"] in found:
            continue
        due = d["due_at"]
        moments = [dt.datetime.fromisoformat(at) for _, at in d["alerts"]]
        found[d["rule_id"]] = Template(d, (dt.timedelta(0), *(due - m for m in moments)))
    wanted = {"cr.presentation_to_judge", "cr.custody_hearing_request", "cr.pretrial_review"}
    wanted |= {"cr.pretrial_maximum", "cr.pretrial_order_term"}
    if set(found) != wanted:
        sys.exit(f"deadlines: the templates gave {sorted(found)}, expected {sorted(wanted)}")
    part = Participation.objects.filter(case=case, uid="P1")
    base = {
        "case": Case.objects.filter(pk=case.pk).values()[0],
        "person": Person.objects.filter(participations__in=part).values()[0],
        "participation": part.values()[0],
    }
    return found, base


def _moved(t: Template, due: dt.datetime) -> dict[str, Any]:
    """The template's deadline row with its dates moved so that it falls due at ``due``
    (for a deadline counted in days: on that day, at the template's time of day)."""
    row = t.row
    if t.days:
        days = round((due - row["due_at"]) / dt.timedelta(days=1))
        shift = dt.timedelta(days=days)
        due_on = row["due_on"] + shift
    else:
        shift = due - row["due_at"]
        due_on = (row["due_at"] + shift).astimezone(TZ).date()
    start = row["start_at"] + shift
    return {
        "start_at": start,
        "due_at": row["due_at"] + shift,
        "due_on": due_on,
        "alert_from": row["alert_from"] + shift if row["alert_from"] else None,
        "alerts": [
            [code, (dt.datetime.fromisoformat(at) + shift).isoformat()]
            for code, at in row["alerts"]
        ],
        "computed_at": start,
    }


def _quiet(t: Template, moved: dict[str, Any], lo: dt.datetime, hi: dt.datetime) -> bool:
    """No threshold, due moment or recomputation of this row falls in (lo, hi]."""
    moments = [moved["due_at"] - off for off in t.offsets] + [moved["computed_at"]]
    return not any(lo < m <= hi for m in moments)


class Plan:
    """Who is detained where, and when each of their deadlines falls due: person ``i``
    is the same on every run (a seeded generator per batch), so a fill can resume."""

    def __init__(
        self,
        n: int,
        anchor: dt.datetime,
        templates: tuple[dict[str, Template], dict[str, dict[str, Any]]],
    ) -> None:
        self.n = n
        self.anchor = anchor
        self.t, self.base = templates
        self.since = anchor - WINDOW - dt.timedelta(minutes=10)  # the sweep's OVERLAP
        weights = [1 / (k**ZIPF) for k in range(1, COURTS + 1)]
        self.cum = list(accumulate(weights))
        # people: FALLING_DUE first (one deadline each), then the rest until n deadlines
        self.people = FALLING_DUE + self._bulk_people(n - FALLING_DUE)

    @staticmethod
    def kind(i: int) -> str:
        r = i % 1000
        return "arrested" if r < 3 else "placed" if r < 5 else "pretrial"

    def _bulk_people(self, wanted: int) -> int:
        count = people = 0
        while count < wanted:
            count += 3 if self.kind(FALLING_DUE + people) == "pretrial" else 1
            people += 1
        return people

    def batches(self) -> int:
        return -(-self.people // BATCH)

    def court(self, rng: random.Random) -> int:
        return bisect(self.cum, rng.random() * self.cum[-1])

    def deadlines(self, i: int, rng: random.Random) -> list[tuple[Template, dict[str, Any]]]:
        """Person i's open deadlines, dated."""
        a, hour, day = self.anchor, dt.timedelta(hours=1), dt.timedelta(days=1)
        if i < FALLING_DUE:  # one threshold (or the due moment) in the sweep's window
            t = self.t["cr.presentation_to_judge" if i % 2 else "cr.custody_hearing_request"]
            moment = a - dt.timedelta(minutes=rng.uniform(1, 60))
            return [(t, _moved(t, moment + rng.choice(t.offsets)))]
        quiet_from, quiet_to = (
            self.since - 10 * dt.timedelta(minutes=1),
            a + dt.timedelta(minutes=1),
        )
        kind = self.kind(i)
        if kind != "pretrial":
            t = self.t[
                "cr.presentation_to_judge" if kind == "arrested" else "cr.custody_hearing_request"
            ]
            while True:  # arrested or placed in the last 26 hours, quiet in the window
                moved = _moved(t, a + rng.uniform(-2, 24) * hour)
                if _quiet(t, moved, quiet_from, quiet_to):
                    return [(t, moved)]
        review, maximum = self.t["cr.pretrial_review"], self.t["cr.pretrial_maximum"]
        order = self.t["cr.pretrial_order_term"]  # the last day the order states
        return [
            (review, _moved(review, a + rng.uniform(-3, 88) * day)),
            (maximum, _moved(maximum, a + rng.uniform(-1, 364) * day)),
            (order, _moved(order, a + rng.uniform(-1, 364) * day)),
        ]


def _ids(conn: Any, table: str, n: int) -> list[int]:
    rows = conn.execute(
        f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",
        (n,),
    ).fetchall()
    return [r[0] for r in rows]


def _fill_batch(conn: Any, plan: Plan, b: int, courts: list[Any]) -> int:
    """Copy batch ``b`` (people ``b * BATCH`` …) in one transaction; its deadlines.

    Every row is a copy of a template row (all its columns, whatever the schema has
    grown), with its identity and dates replaced."""
    first, last = b * BATCH, min((b + 1) * BATCH, plan.people)
    rng = random.Random(f"deadlines:{b}")
    count = last - first
    case_ids = _ids(conn, "docket_case", count)
    person_ids = _ids(conn, "docket_person", count)
    part_ids = _ids(conn, "docket_participation", count)
    base = plan.base
    cases, people, parts, deadlines = [], [], [], []
    for j, i in enumerate(range(first, last)):
        court = courts[plan.court(rng)]
        mine = plan.deadlines(i, rng)
        opened = min(m["start_at"] for _, m in mine) - dt.timedelta(days=2)
        nuid = f"BENCH-{i:07d}"
        sealed = rng.random() < 0.02
        cases.append(
            base["case"]
            | {"id": case_ids[j], "court_id": court.pk, "number": f"B{i:07d}", "nuid": nuid}
            | {"created_at": opened, "opened_at": opened, "stage_since": opened}
            | {"updated_at": opened, "last_seq": 0, "head_hash": "0" * 64}
            | {"confidentiality": "sealed" if sealed else "restricted"}
        )
        given, family = rng.choice(NAMES), f"{rng.choice(FAMILY)} {rng.choice(FAMILY)}"
        people.append(
            base["person"]
            | {"id": person_ids[j], "uid": f"bench-person-{i}", "given_names": given}
            | {"family_names": family, "search_name": f"{given} {family}".lower()}
        )
        parts.append(
            base["participation"]
            | {"id": part_ids[j], "case_id": case_ids[j], "person_id": person_ids[j]}
        )
        for t, moved in mine:
            row = t.row
            deadlines.append(
                {k: v for k, v in row.items() if k != "id"}
                | {"key": f"{row['rule_id']}|{nuid}:P1|{row['start_seq']}"}
                | {"court_id": court.pk, "case_id": case_ids[j], "participation_id": part_ids[j]}
                | {"subject": f"{nuid}:P1"}
                | moved
            )
    with conn.transaction():
        for table, rows in (
            ("docket_case", cases),
            ("docket_person", people),
            ("docket_participation", parts),
            ("custody_deadline", deadlines),
        ):
            columns = list(rows[0])
            with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row([_sql(r[c]) for c in columns])
        conn.execute(f"INSERT INTO {STATE}_batch VALUES (%s)", (b,))
    return len(deadlines)


def _sql(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, dict | list) else value


def fill(n: int) -> tuple[dt.datetime, Plan]:
    """Fill this database up to ``n`` open deadlines (resuming a fill that stopped)."""
    import psycopg

    from expediente.progress import reporter

    with psycopg.connect(database_url(), autocommit=True) as conn:
        anchor = _anchor(conn)
        courts = _courts()
        plan = Plan(n, anchor, _templates(courts[0], anchor))
        done = {r[0] for r in conn.execute(f"SELECT batch FROM {STATE}_batch").fetchall()}
        todo = [b for b in range(plan.batches()) if b not in done]
        if not todo:
            return anchor, plan
        print(
            f"deadlines: copying {plan.people:,} detained people's deadlines "
            f"({len(todo)} batches of {BATCH:,} people left)",
            flush=True,
        )
        report = reporter("batches copied")
        started = time.monotonic()
        for k, b in enumerate(todo, 1):
            _fill_batch(conn, plan, b, courts)
            report(k, len(todo))
        print(f"deadlines: copied in {time.monotonic() - started:,.0f} s; analysing", flush=True)
        conn.execute("VACUUM ANALYZE")
    return anchor, plan


# -------------------------------------------------------------- measuring (child)


def _timed(
    call: Callable[[], Any], times: int, max_seconds: float = 20
) -> tuple[list[float], list[float]]:
    """Wall-clock seconds of each call, and this process's CPU seconds for it (Python's
    share: on a busy machine the wall time also counts waiting for a CPU)."""
    for _ in range(max(3, times // 10)):
        call()
    wall: list[float] = []
    cpu: list[float] = []
    stop = time.monotonic() + max_seconds
    while len(wall) < times and time.monotonic() < stop:
        started, used = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    return wall, cpu


def _pct(seconds: list[float], q: int) -> float:
    return 1000 * statistics.quantiles(seconds, n=100, method="inclusive")[q - 1]


def _deadline_nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if plan.get("Relation Name") == "custody_deadline":
        yield plan
    for child in plan.get("Plans", []):
        yield from _deadline_nodes(child)


def explain(call: Callable[[], Any]) -> str:
    """Run ``call``, EXPLAIN ANALYZE the queries it made that read custody_deadline, and
    say how each reads it (the node type and its index)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        call()
    said = []
    for q in ctx.captured_queries:
        sql = q["sql"]
        if "custody_deadline" not in sql or not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
            raw = cur.fetchone()[0]
        out = (json.loads(raw) if isinstance(raw, str) else raw)[0]
        nodes = [
            f"{n['Node Type']}" + (f" using {n['Index Name']}" if n.get("Index Name") else "")
            for n in _deadline_nodes(out["Plan"])
        ]
        said.append(
            f"{' + '.join(nodes) or 'no read of custody_deadline'} "
            f"(top: {out['Plan']['Node Type']}, {out['Execution Time']:.2f} ms in PostgreSQL)"
        )
    return "; ".join(said) or "no query"


def full_plan(call: Callable[[], Any]) -> str:
    """The EXPLAIN (ANALYZE, BUFFERS) text of the first query ``call`` makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        call()
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + ctx.captured_queries[0]["sql"])
        return "\n".join(row[0] for row in cur.fetchall())


def _load() -> float:
    return os.getloadavg()[0]


def measure_list(anchor: dt.datetime) -> dict[str, Any]:
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import translation

    from expediente.access.models import User
    from expediente.access.policy import Actor
    from expediente.access.tokens import token_create, token_revoke
    from expediente.court.due.rows import due_row
    from expediente.court.due.views import PAGE_SIZE
    from expediente.custody.models import Deadline
    from expediente.custody.selectors import deadline_list_due
    from expediente.docket.models import Court

    translation.activate("es")  # the courts' language, as the due page shows it
    # As `expediente serve` does before its workers fork: what is loaded by now stays for
    # the process's life and is kept out of the collector's sight (a full collection of it
    # took ~35 ms, the slowest 1% of these timings before the server did this).
    import gc

    gc.freeze()

    sizes = list(
        Deadline.objects.filter(open=True).values("court").annotate(n=Count("id")).order_by("-n")
    )
    largest = Court.objects.get(pk=sizes[0]["court"])
    median = Court.objects.get(pk=sizes[len(sizes) // 2]["court"])
    user, _ = User.objects.get_or_create(username="bench-deadlines", defaults={"is_system": True})
    out: list[dict[str, Any]] = []
    plan = ""
    for court, n in ((largest, sizes[0]["n"]), (median, sizes[len(sizes) // 2]["n"])):
        judge = Actor(user=user, roles=((court.code, "judge"),), channel="web")
        clerk = Actor(user=user, roles=((court.code, "clerk"),), channel="web")
        variants: list[tuple[str, dict[str, Any]]] = [
            ("due page, judge", {"until": None, "actor": judge}),
            ("due page, clerk", {"until": None, "actor": clerk}),
            ("overdue, judge", {"until": None, "actor": judge, "status": "overdue"}),
            ("due within 7 days", {"until": anchor + dt.timedelta(days=7), "actor": judge}),
        ]
        for what, kw in variants:

            def call(kw: dict[str, Any] = kw, court: Any = court) -> Any:
                return deadline_list_due(court=court, now=anchor, limit=PAGE_SIZE + 1, **kw)

            def lines(call: Callable[[], Any] = call, court: Any = court) -> Any:
                return [due_row(d, court, anchor) for d in call()[:PAGE_SIZE]]

            got = len(call())
            seconds, cpu = _timed(call, 200)
            with_lines, lines_cpu = _timed(lines, 200)
            out.append(
                {
                    "what": f"{court.code} ({n:,} open), {what}, {got} rows",
                    "p50_ms": _pct(seconds, 50),
                    "p99_ms": _pct(seconds, 99),
                    "cpu_p50_ms": _pct(cpu, 50),
                    "lines_p50_ms": _pct(with_lines, 50),
                    "lines_p99_ms": _pct(with_lines, 99),
                    "lines_cpu_p50_ms": _pct(lines_cpu, 50),
                    "load": _load(),
                    "plan": explain(call),
                }
            )
            plan = plan or full_plan(call)
            print(
                f"deadlines: {out[-1]['what']}: p99 {out[-1]['p99_ms']:.2f} ms, with the "
                f"page's lines {out[-1]['lines_p99_ms']:.2f} ms (load {_load():.2f})",
                flush=True,
            )
    setup_test_environment()
    token, secret = token_create(user=user, name="bench deadlines", scopes=["cases:read"])
    try:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
        path = f"/api/v1/courts/{largest.code}/deadlines?limit=50"

        def get() -> None:
            response = client.get(path)
            if response.status_code != 200:
                sys.exit(f"deadlines: GET {path} answered {response.status_code}")

        seconds, _cpu = _timed(get, 200)
    finally:
        token_revoke(token=token)
    api = {
        "what": f"GET /api/v1/courts/{largest.code}/deadlines?limit=50 (in process)",
        "p50_ms": _pct(seconds, 50),
        "p99_ms": _pct(seconds, 99),
        "load": _load(),
    }
    return {"selector": out, "api": api, "plan": plan}


def narrow_candidates(court: Any, since: dt.datetime | None, now: dt.datetime) -> Any:
    """A second candidate query for custody/sweep.py, written apart from it (the one this
    benchmark first proposed, before the sweep took the idea): only open
    deadlines that can have a threshold in (since, now], i.e. whose due moment lies in
    (since + b, now + b] for some alert lead b of the pack (or b = 0, the due moment
    itself), plus those recomputed since the last sweep. One index range per lead."""
    from django.db.models import Q

    from expediente.custody.models import Deadline
    from expediente.rules.deadlines import lead_most as _at_most
    from expediente.rules.loader import load_pack

    if since is None:
        return ORIGINAL_CANDIDATES(court, since, now)
    hour = dt.timedelta(hours=1)
    leads = {(dt.timedelta(0), dt.timedelta(0))}
    for rule in load_pack(court.rule_pack).deadlines:
        for before in rule.alert.before:
            n = before.amount
            # on a calendar a lead may be an hour shorter or longer (daylight saving)
            least, most = {
                "hours": (n * hour, n * hour),
                "days": (n * 24 * hour - hour, n * 24 * hour + hour),
                "working_days": (n * 24 * hour - hour, _at_most(before) + hour),
                "months": (n * 28 * 24 * hour - hour, _at_most(before) + hour),
                "years": (n * 365 * 24 * hour - hour, _at_most(before) + hour),
            }[before.unit]
            leads.add((least, most))
    q = Q(computed_at__gt=since)
    for least, most in sorted(leads):
        q |= Q(due_at__gt=since + least, due_at__lte=now + most)
    return Deadline.objects.filter(court=court, open=True).filter(q)


ORIGINAL_CANDIDATES: Callable[..., Any] = lambda *a: None  # noqa: E731 - set in measure_sweep


def measure_sweep(anchor: dt.datetime) -> dict[str, Any]:
    global ORIGINAL_CANDIDATES
    from expediente.custody import sweep
    from expediente.custody.models import Alert, SweepMark
    from expediente.docket.models import Court
    from expediente.progress import reporter

    ORIGINAL_CANDIDATES = sweep._candidates

    def run() -> tuple[float, Any, set[str]]:
        Alert.objects.all().delete()
        SweepMark.objects.update_or_create(
            name=sweep.MARK, defaults={"swept_until": anchor - WINDOW}
        )
        started = time.perf_counter()
        result = sweep.deadline_sweep(now=anchor, progress=reporter("deadlines swept"))
        seconds = time.perf_counter() - started
        return seconds, result, set(Alert.objects.values_list("key", flat=True))

    out: dict[str, Any] = {}
    largest = Court.objects.order_by("code").first()
    since = anchor - WINDOW - sweep.OVERLAP
    keys: dict[str, set[str]] = {}
    try:
        for name, candidates in (("current", ORIGINAL_CANDIDATES), ("proposed", narrow_candidates)):
            sweep._candidates = candidates  # type: ignore[assignment]
            times, budget = [], time.monotonic() + 120
            while len(times) < 3 and (not times or time.monotonic() < budget):
                seconds, result, keys[name] = run()
                times.append(seconds)
            plan = explain(lambda: list(sweep._candidates(largest, since, anchor)[:500]))
            out[name] = {
                "seconds": statistics.median(times),
                "runs": [round(t, 3) for t in times],
                "examined": result.deadlines,
                "raised": result.raised,
                "plan": plan,
            }
            print(
                f"deadlines: sweep ({name}): {statistics.median(times):.3f} s (runs "
                f"{', '.join(f'{t:.3f}' for t in times)}), {result.deadlines:,} examined, "
                f"{result.raised:,} raised; bench-01 candidates: {plan}",
                flush=True,
            )
    finally:
        sweep._candidates = ORIGINAL_CANDIDATES  # type: ignore[assignment]
    if keys["current"] != keys["proposed"]:
        sys.exit("deadlines: narrow_candidates raised other alerts than the sweep as it is")
    return out


def child(n: int, listing: bool) -> int:
    django_setup()
    anchor, _ = fill(n)
    from expediente.custody.models import Deadline

    open_now = Deadline.objects.filter(open=True).count()
    print(f"deadlines: {open_now:,} open deadlines, anchor {anchor.isoformat()}", flush=True)
    found: dict[str, Any] = {"open": open_now, "sweep": measure_sweep(anchor)}
    if listing:
        found["list"] = measure_list(anchor)
    print(RESULT_JSON + json.dumps(found), flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--list", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    return child(args.child, args.list) if args.child else parent()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ndeadlines: interrupted; run again to continue", file=sys.stderr)
        sys.exit(130)
