"""Where the time of an append or a case read goes: cProfile, grouped by layer.

    DATABASE_URL=postgres://… .venv/bin/python bench/breakdown.py append [--calls 300]
    DATABASE_URL=postgres://… .venv/bin/python bench/breakdown.py read_case [--calls 300]

``append`` profiles ``event_record`` calls as bench/append.py makes them; ``read_case``
profiles ``GET /api/v1/cases/{nuid}`` through Django's test client in this process (the
whole Django stack with the middleware, without gunicorn and the network). Both print the
milliseconds per call without the profiler, the SQL statements per call, the profiled time
per call by layer (own time of the functions of each package; time waiting for PostgreSQL
counts under psycopg) and the functions with the most own time. Not part of ``make bench``.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable

from common import django_setup

LAYERS = [
    ("psycopg", "psycopg: sending SQL, waiting for PostgreSQL, reading rows"),
    ("/django/db/", "Django ORM: building SQL, making model objects"),
    ("/ninja/", "django-ninja: parameters, response schema"),
    ("/pydantic", "pydantic: validation and serialisation"),
    ("/django/", "Django: request handling, middleware, i18n, utilities"),
    ("/expediente/", "Expediente's own code"),
    ("/yaml/", "PyYAML"),
]


def _layer(filename: str, name: str) -> str:
    where = filename if filename != "~" else name
    for needle, label in LAYERS:
        if needle in where:
            return label
    if filename == "~" and ("select" in name or "poll" in name):
        return LAYERS[0][1]
    return "Python standard library and built-ins"


def _report(label: str, calls: int, run: Callable[[], None], queries: int) -> None:
    started = time.perf_counter()
    run()
    plain = (time.perf_counter() - started) / calls
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    by_layer: Counter[str] = Counter()
    by_function: Counter[str] = Counter()
    for (filename, line, name), (_cc, _nc, own, _cum, _callers) in stats.items():
        by_layer[_layer(filename, name)] += own
        short = filename.split("site-packages/")[-1].split("/src/")[-1]
        by_function[f"{short}:{line} {name}"] += own
    total = sum(by_layer.values())
    print(f"{label}: {1000 * plain:.2f} ms per call without the profiler, {queries} SQL statements")
    print(f"{label}: profiled {1000 * total / calls:.2f} ms per call, by layer:")
    for layer, own in by_layer.most_common():
        print(f"  {100 * own / total:5.1f}%  {1000 * own / calls:6.2f} ms  {layer}")
    print(f"{label}: functions with the most own time:")
    for function, own in by_function.most_common(15):
        print(f"  {100 * own / total:5.1f}%  {function}")


def _count_queries(run: Callable[[], None]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        run()
    return len(ctx.captured_queries)


def profile_append(calls: int) -> None:
    from django.utils import timezone

    from append import bench_actor, open_cases, payload_for
    from expediente.docket.services import event_record

    actor = bench_actor()
    cases = open_cases(calls)
    tag = uuid.uuid4().hex[:12]
    counter = iter(range(10**9))

    def one() -> None:
        i = next(counter)
        now = timezone.now()
        type_name, payload = payload_for(i, now, tag[:8])
        event_record(
            case=cases[i % len(cases)],
            type=type_name,
            payload=payload,
            actor=actor,
            occurred_at=now - dt.timedelta(minutes=1),
            idempotency_key=f"profile:{tag}:{i}",
        )

    def many() -> None:
        for _ in range(calls):
            one()

    for _ in range(20):
        one()
    _report("event_record", calls, many, _count_queries(one))


def profile_read(calls: int) -> None:
    from django.test import Client

    from expediente.access.models import User
    from expediente.access.tokens import token_create, token_revoke
    from expediente.docket.models import Case

    user, _ = User.objects.get_or_create(username="bench-api", defaults={"is_system": True})
    token, secret = token_create(user=user, name="bench profile", scopes=["cases:read"])
    try:
        paths = [
            f"/api/v1/cases/{n}"
            for n in Case.objects.order_by("?").values_list("nuid", flat=True)[:calls]
        ]
        client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

        def many() -> None:
            for i in range(calls):
                response = client.get(paths[i % len(paths)])
                if response.status_code != 200:
                    sys.exit(f"GET {paths[i % len(paths)]} answered {response.status_code}")

        from expediente.api.present import forget_bodies

        # First reads render each body; re-reads of unchanged cases are served from the
        # process's store (api/present.py). Time both, then profile the re-reads.
        forget_bodies()
        queries_first = _count_queries(lambda: client.get(paths[0]))
        forget_bodies()
        started = time.perf_counter()
        many()
        first = (time.perf_counter() - started) / calls
        started = time.perf_counter()
        many()
        again = (time.perf_counter() - started) / calls
        from serve_const import DJANGO_CONSTANT_PATH, add_django_constant

        add_django_constant()
        client.get(DJANGO_CONSTANT_PATH)
        started = time.perf_counter()
        for _ in range(calls):
            client.get(DJANGO_CONSTANT_PATH)
        constant = (time.perf_counter() - started) / calls
        print(
            f"GET /api/v1/cases/{{nuid}}: first read of a case {1000 * first:.2f} ms "
            f"({queries_first} SQL statements), re-read of an unchanged case "
            f"{1000 * again:.2f} ms; a constant view through the same middleware "
            f"{1000 * constant:.2f} ms"
        )
        queries = _count_queries(lambda: client.get(paths[0]))
        _report("GET /api/v1/cases/{nuid} (re-reads)", calls, many, queries)
    finally:
        token_revoke(token=token)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["append", "read_case"])
    parser.add_argument("--calls", type=int, default=300, help="calls to profile (300)")
    args = parser.parse_args()
    django_setup()
    if args.what == "append":
        profile_append(args.calls)
    else:
        profile_read(args.calls)
    return 0


if __name__ == "__main__":
    sys.exit(main())
