"""The full indicator set for one year, in PostgreSQL, against DuckDB over the extract.

Times every computable indicator of the catalogue (``stats.catalogue``) computed in the
database for the last complete year of the demo caseload (all courts), then writes the
anonymised Parquet extract (not timed) and times DuckDB computing incoming, resolved and
the clearance rate from it, against the same three in PostgreSQL. Ends with the result
line: the full set's seconds, and the ratio of PostgreSQL to DuckDB on the shared three.
Target (issue 8): under 10 s for 1M cases, within 3x of DuckDB.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from common import django_setup, result_line


def main() -> int:
    django_setup()
    from expediente.docket.models import Case, Jurisdiction
    from expediente.stats.catalogue import INDICATORS
    from expediente.stats.compute import indicator_compute
    from expediente.stats.extract import extract_write
    from expediente.stats.extract_queries import duckdb_caseflow
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
    started = time.perf_counter()
    for indicator in [i for i in INDICATORS if i.computable]:
        t = time.perf_counter()
        indicator_compute(indicator, scope)
        print(f"  {indicator.id:28} {time.perf_counter() - t:8.3f} s", flush=True)
    full = time.perf_counter() - started

    t = time.perf_counter()
    for ident in ("incoming", "resolved", "clearance_rate"):
        indicator_compute(ident, scope)
    pg_three = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "extract.parquet"
        t = time.perf_counter()
        rows = extract_write(scope, path)
        print(f"extract: {rows:,} rows in {time.perf_counter() - t:.1f} s (not timed)", flush=True)
        duckdb_caseflow(path, scope.period.start, scope.period.end)  # warm: import, first read
        t = time.perf_counter()
        duckdb_caseflow(path, scope.period.start, scope.period.end)
        duck_three = time.perf_counter() - t
    print(
        f"incoming, resolved, clearance rate: PostgreSQL {pg_three:.3f} s, "
        f"DuckDB {duck_three:.3f} s",
        flush=True,
    )
    print(
        result_line(
            "stats",
            full,
            "s for the full indicator set",
            pg_three / max(duck_three, 1e-9),
            "DuckDB on the extract",
            "under 10 s at 1M cases; ratio under 3",
        )
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        sys.exit(130)
