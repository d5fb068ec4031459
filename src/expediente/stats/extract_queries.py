"""Indicators computed from the Parquet extract (``stats.extract``) by an analytical
engine instead of the application database. The SQL is written once, over a view named
``events``, in the dialect DuckDB and Spark SQL share, and runs unchanged on both:

- ``duckdb_caseflow(path, start, end)``: DuckDB, embedded, on one machine;
- ``spark_caseflow(path, start, end)``: Spark (``pip install -e .[spark]``), for national
  data too large for one machine.

Both give the incoming and resolved cases and the clearance rate of the extract's cases,
which equal the application's figures for the same adult, non-sealed cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

CASEFLOW_SQL = """
WITH firsts AS (
  SELECT case_ref,
         MIN(CASE WHEN event_type = 'case.opened' THEN event_date END) AS opened,
         MIN(CASE WHEN event_type IN ('verdict.delivered', 'case.dismissed')
                  THEN event_date END) AS resolved
  FROM events
  GROUP BY case_ref
)
SELECT
  COUNT(CASE WHEN opened BETWEEN DATE '{start}' AND DATE '{end}' THEN 1 END) AS incoming,
  COUNT(CASE WHEN resolved BETWEEN DATE '{start}' AND DATE '{end}' THEN 1 END) AS resolved
FROM firsts
"""


def _sql(start: dt.date, end: dt.date) -> str:
    return CASEFLOW_SQL.format(start=start.isoformat(), end=end.isoformat())


def _result(incoming: int, resolved: int) -> dict[str, Any]:
    return {
        "incoming": int(incoming),
        "resolved": int(resolved),
        "clearance_rate": None if not incoming else resolved / incoming * 100,
    }


def duckdb_caseflow(path: Path, start: dt.date, end: dt.date) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect()
    try:
        # the path is ours (quoted), the dates are date objects: nothing comes from a user
        view = f"CREATE VIEW events AS SELECT * FROM read_parquet('{_quoted(path)}')"  # noqa: S608
        con.execute(view)
        row = con.execute(_sql(start, end)).fetchone()
    finally:
        con.close()
    assert row is not None
    return _result(*row)


def spark_caseflow(path: Path, start: dt.date, end: dt.date) -> dict[str, Any]:
    from pyspark.sql import SparkSession  # type: ignore[import-not-found,unused-ignore]

    spark = (
        SparkSession.builder.master("local[1]")
        .appName("expediente-stats")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        spark.read.parquet(str(path)).createOrReplaceTempView("events")
        row = spark.sql(_sql(start, end)).collect()[0]
    finally:
        spark.stop()
    return _result(row["incoming"], row["resolved"])


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
