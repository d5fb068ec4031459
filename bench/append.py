"""Append rate through ``event_record``, against raw single-row INSERTs of the same rows.

    DATABASE_URL=postgres://… .venv/bin/python bench/append.py [--events N]

1. ``event_record`` appends N events (``note.added`` and ``hearing.scheduled`` in turn,
   each with an idempotency key, as an API client sends them) to demo cases that are not
   closed, one call after another, through the real service with a real ``Actor`` (the
   demo system account): the validation, permission check, case lock, idempotency
   lookup, hash chain, projections (the docket's and every registered projector's) and
   commit all count.
2. The reference, interleaved: right after each call, the very row it wrote is inserted
   with psycopg in its own transaction (BEGIN, INSERT, COMMIT, prepared) into the
   scratch table ``bench_event_raw``, which has docket_event's columns, defaults, checks,
   indexes and foreign keys (``LIKE docket_event INCLUDING ALL`` plus the two foreign
   keys). The raw rows never go into docket_event itself: they would break its hash
   chains. The scratch table starts empty, which if anything flatters the reference, and
   is dropped at the end. Interleaving the two sides puts both under the same load at
   every moment, so a burst of other work on a shared machine cannot land on one side
   only (docs/performance.md).

Both run on one connection each, over TCP to the same server, with the first 5% of the
rows as untimed warm-up. The result is events per second and its ratio to the raw rate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
import uuid
from typing import Any

from common import database_url, django_setup, result_line

TARGET = 0.35
SCRATCH = "bench_event_raw"
COLUMNS = [
    "seq",
    "type",
    "schema_version",
    "occurred_at",
    "recorded_at",
    "actor_label",
    "payload",
    "corrects_seq",
    "idempotency_key",
    "request_digest",
    "prev_hash",
    "hash",
    "actor_id",
    "case_id",
]


def open_cases(limit: int) -> list[Any]:
    """Up to ``limit`` demo cases, spread over the caseload, in a stage that takes events."""
    from expediente.docket.models import Case, Court
    from expediente.rules.loader import load_pack

    terminal: set[str] = set()
    for court in Court.objects.all():
        terminal |= {s.id for s in load_pack(court.rule_pack).stages if s.terminal}
    ids = list(
        Case.objects.exclude(stage__in=terminal).order_by("?").values_list("pk", flat=True)[:limit]
    )
    return list(Case.objects.select_related("court").filter(pk__in=ids).order_by("pk"))


def bench_actor() -> Any:
    """The demo system account, which recorded the caseload, with every scope.

    An established account: PostgreSQL's statistics know its events, as they would for
    any account that has been recording for a while. (For an account created after the
    last ANALYZE the planner looks its idempotency keys up through the plain actor index
    instead of the (actor, key) unique index, and each append scans all that account's
    events: see docs/performance.md.)
    """
    from expediente.access.policy import Actor
    from expediente.demo.generator import demo_user

    return Actor.system(demo_user())


def payload_for(i: int, now: dt.datetime, run: str = "") -> tuple[str, dict[str, Any]]:
    """The i-th entry: a note or a hearing; ``run`` makes the hearing's id this run's own
    (a hearing id is scheduled once per case, and runs reuse the same cases)."""
    if i % 2:
        return "note.added", {"text": f"Benchmark note {i}: escrito recibido y agregado al legajo."}
    return "hearing.scheduled", {
        "hearing": f"B{run}{i}",
        "kind": "review",
        "starts_at": (now + dt.timedelta(days=30)).isoformat(),
        "courtroom": "Sala 3",
    }


def _scratch(conn: Any) -> None:
    conn.execute(f"DROP TABLE IF EXISTS {SCRATCH}")
    conn.execute(f"CREATE TABLE {SCRATCH} (LIKE docket_event INCLUDING ALL)")
    conn.execute(
        f"ALTER TABLE {SCRATCH} "
        "ADD FOREIGN KEY (actor_id) REFERENCES access_user (id) DEFERRABLE INITIALLY DEFERRED, "
        "ADD FOREIGN KEY (case_id) REFERENCES docket_case (id) DEFERRABLE INITIALLY DEFERRED"
    )


def _row(event: Any) -> tuple[Any, ...]:
    """The row event_record wrote, as the raw INSERT sends it."""
    from psycopg.types.json import Jsonb

    return tuple(
        Jsonb(event.payload) if name == "payload" else getattr(event, name) for name in COLUMNS
    )


def paired_appends(n: int, warmup: int, max_seconds: float) -> tuple[list[float], list[float]]:
    """Append ``n`` events through event_record, each followed at once by the raw INSERT
    + COMMIT of the very row it wrote; the seconds of each timed call on both sides."""
    import psycopg
    from django.utils import timezone

    from expediente.docket.services import event_record

    actor = bench_actor()
    cases = open_cases(min(n, 1000))
    if not cases:
        sys.exit("append: no open demo case to append to (load the demo caseload first)")
    prefix = f"bench:{uuid.uuid4().hex[:12]}:"
    cols = ", ".join(COLUMNS)
    insert = f"INSERT INTO {SCRATCH} ({cols}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    service: list[float] = []
    raw: list[float] = []
    deadline = time.monotonic() + max_seconds
    print(
        f"append: {n:,} events through event_record on {len(cases):,} open cases, each "
        "followed by the raw INSERT + COMMIT of the same row",
        flush=True,
    )
    with psycopg.connect(database_url(), autocommit=True) as conn:
        _scratch(conn)
        conn.autocommit = False
        try:
            for i in range(n):
                case = cases[i % len(cases)]
                now = timezone.now()
                type_name, payload = payload_for(i, now, prefix[6:14])
                started = time.perf_counter()
                recorded = event_record(
                    case=case,
                    type=type_name,
                    payload=payload,
                    actor=actor,
                    occurred_at=now - dt.timedelta(minutes=1),
                    idempotency_key=f"{prefix}{i}",
                )
                between = time.perf_counter()
                conn.execute(insert, _row(recorded.event), prepare=True)
                conn.commit()
                ended = time.perf_counter()
                if i >= warmup:
                    service.append(between - started)
                    raw.append(ended - between)
                if time.monotonic() > deadline:
                    print(
                        f"append: stopped after {i + 1:,} events ({max_seconds:.0f} s)", flush=True
                    )
                    break
        finally:
            conn.rollback()
            conn.autocommit = True
            conn.execute(f"DROP TABLE IF EXISTS {SCRATCH}")
    return service, raw


def _ms(seconds: list[float], q: int) -> float:
    return 1000 * statistics.quantiles(seconds, n=100)[q - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000, help="events to append (2000)")
    parser.add_argument("--max-seconds", type=float, default=600, help="stop after this long (600)")
    args = parser.parse_args()
    if args.events < 100:
        parser.error("--events: give at least 100")
    django_setup()
    warmup = args.events // 20
    service, raw = paired_appends(args.events, warmup, args.max_seconds)
    rate = len(service) / sum(service)
    raw_rate = len(raw) / sum(raw)
    print(
        f"append: event_record {len(service):,} timed calls, {rate:,.1f}/s, "
        f"p50 {_ms(service, 50):.2f} ms, p99 {_ms(service, 99):.2f} ms; "
        f"raw INSERT+COMMIT {len(raw):,} rows, {raw_rate:,.1f}/s, "
        f"p50 {_ms(raw, 50):.2f} ms, p99 {_ms(raw, 99):.2f} ms",
        flush=True,
    )
    ratio = rate / raw_rate
    print(f"append: target {'met' if ratio >= TARGET else 'MISSED'}", flush=True)
    print(
        result_line(
            "append",
            rate,
            "events/s",
            ratio,
            f"raw single-row INSERT+COMMIT of the same rows at {raw_rate:,.1f} rows/s",
            f"≥ {TARGET}",
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nappend: interrupted", file=sys.stderr)
        sys.exit(130)
