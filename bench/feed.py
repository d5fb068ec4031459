"""The docket feed (``GET /api/v1/feed``) against the per-case events route, on the bench
database (``bench/run.py`` loads it; run alone with DATABASE_URL=postgres://…).

An agency's system that follows every case of its courts reads each entry once. Without
the feed it would ask ``GET /cases/{nuid}/events`` for every case it knows (and still
not learn of new cases); with it, it reads the log page after page. Both are timed here
in process (Django's test client, a prosecution office's token, ``cases:read``): the
whole feed in pages of 200 from the start, then every case's events in pages of 200.
The figure is entries per second through the feed; the reference, entries per second
through the events route, reading the same entries. The target is this project's own,
not the issue's: the feed should cost no more per entry than asking case by case (ratio
≥ 1). Printed beside it: the pages' p50 and p99, and the worker's quick intake
(``integrity.log.log_take_newest``) when nothing is new, against a full pass over the
event log (``log_append``), which it spares the worker every few seconds.

Each run takes the docket's entries into the Merkle log first (a run after the append
benchmark takes in its entries: safe to run again, and interruptible between batches).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from common import django_setup, result_line


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    django_setup()
    from django.test import Client

    from expediente.access.accounts import system_account
    from expediente.access.tokens import token_create, token_revoke
    from expediente.docket.models import Case
    from expediente.integrity.log import log_append, log_take_newest

    started = time.monotonic()
    run = log_append(progress=lambda done, total: print(f"  log: {done:,} of {total:,}"))
    took = time.monotonic() - started
    print(f"feed: {run.appended:,} entries taken into the log in {took:.1f} s")
    user = system_account("bench-feed", create=True)
    assert user is not None
    token, secret = token_create(
        user=user, name="bench feed", scopes=["cases:read"], agency="prosecution"
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    limit = int(os.environ.get("FEED_PAGE", "200"))
    try:
        fed, pages, cursor = 0, [], ""
        t0 = time.perf_counter()
        while True:
            t = time.perf_counter()
            r = client.get(f"/api/v1/feed?limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
            pages.append(time.perf_counter() - t)
            if r.status_code != 200:
                sys.exit(f"feed: page answered {r.status_code}: {r.content[:200]!r}")
            body = json.loads(r.content)
            fed += len(body["items"])
            cursor = body["next_cursor"]
            if not body["more"]:
                break
        feed_s = time.perf_counter() - t0
        feed_rate = fed / feed_s
        print(
            f"feed: {fed:,} entries in {len(pages):,} pages, {feed_s:.1f} s, "
            f"{feed_rate:,.0f} entries/s; page p50 {_p(pages, 0.5) * 1000:.1f} ms, "
            f"p99 {_p(pages, 0.99) * 1000:.1f} ms",
            flush=True,
        )
        read, calls = 0, []
        t0 = time.perf_counter()
        for nuid in Case.objects.exclude(confidentiality="sealed").values_list("nuid", flat=True):
            cursor = ""
            while True:
                t = time.perf_counter()
                query = f"?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
                r = client.get(f"/api/v1/cases/{nuid}/events{query}")
                calls.append(time.perf_counter() - t)
                if r.status_code == 404:
                    break  # a case this token does not read (the feed passes it over too)
                body = json.loads(r.content)
                read += len(body["items"])
                cursor = body["next_cursor"]
                if not cursor:
                    break
        events_s = time.perf_counter() - t0
        events_rate = read / events_s
        print(
            f"feed: the events route, case by case: {read:,} entries in {len(calls):,} "
            f"requests, {events_s:.1f} s, {events_rate:,.0f} entries/s; request p50 "
            f"{_p(calls, 0.5) * 1000:.1f} ms, p99 {_p(calls, 0.99) * 1000:.1f} ms",
            flush=True,
        )
        if read != fed:
            print(f"feed: note: the feed gave {fed:,} entries, the events route {read:,}")
        quick = []
        for _ in range(20):
            t = time.perf_counter()
            log_take_newest()
            quick.append(time.perf_counter() - t)
        t = time.perf_counter()
        log_append()
        full = time.perf_counter() - t
        print(
            f"feed: the worker's quick intake with nothing new: p50 "
            f"{statistics.median(quick) * 1000:.2f} ms; a full pass over the event log: "
            f"{full * 1000:.0f} ms",
            flush=True,
        )
    finally:
        token_revoke(token=token)
    print(
        result_line(
            "feed",
            feed_rate,
            "entries/s",
            feed_rate / events_rate,
            f"the per-case events route at {events_rate:,.0f} entries/s",
            "≥ 1, this project's own",
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
