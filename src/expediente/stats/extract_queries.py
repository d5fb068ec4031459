"""Indicators computed from the Parquet extract (``stats.extract``) by an analytical
engine instead of the application database, over a view named ``events``:

- ``duckdb_indicators(path, start, end)``: DuckDB, embedded, on one machine: every
  indicator the extract can give (``EXTRACT_INDICATORS``): court efficiency, the UN-CTS
  flows of persons (and those brought before the courts by legal representation),
  violence against women, custody hearings, sentences and measures ordered, deaths in
  custody (by the kind of custody the death ended: the extract's ``custody_kind``). Stocks of
  persons held, arrests against the legal limit and firearm homicide victims need data
  the extract does not carry (custody periods, hours, victims);
- ``spark_caseflow(path, start, end)``: incoming and resolved cases (first dispositions
  only: a reopened case differs from the application) and the clearance
  rate in Spark SQL (``pip install -e .[spark]``), for national data too large for one
  machine; ``CASEFLOW_SQL`` runs unchanged on both engines.

The counts equal the application's for the same cases (``Scope.cases``): each person's
first event is ranked as the database ranks it, by the moment (the extract's
``day_order`` within the day), then the accused-in-a-case recorded first. The medians are
in whole days, as the extract dates events by the day (``same`` allows a day). Each
reader refuses an extract of another version (``extract.extract_check``)."""

# The SQL below is built from constants and ISO dates only: nothing comes from a user.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from expediente.docket.verdicts import sql_convicts
from expediente.stats.extract import extract_check
from expediente.stats.indicators.base import Counts, Derived
from expediente.stats.indicators.custody import DIED, RANK
from expediente.stats.indicators.measures import recorded_or_nothing
from expediente.stats.indicators.rows import LIBERTY_STATUS

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

CASES = """
CREATE TEMP TABLE cases AS
SELECT case_ref, MIN(court) AS court,
       MIN(event_date) FILTER (WHERE event_type = 'case.opened') AS opened,
       MIN(event_date) FILTER (WHERE event_type IN ('verdict.delivered', 'case.dismissed'))
         AS resolved
FROM events GROUP BY case_ref
"""
# the stretches a case is pending, as stats.projector._spells finds them: the opening
# and reopenings start one, a verdict or dismissal ends it; in each case's time order a
# move of the same kind as the one before changes nothing (a second verdict, a reopening
# of a pending case), so only the first of each run counts
SPELLS = """
CREATE TEMP TABLE spells AS
WITH moves AS (
  SELECT case_ref, court, event_date, n,
         CASE WHEN event_type IN ('case.opened', 'case.reopened') THEN 'S' ELSE 'E' END AS cls,
         MIN(event_date) FILTER (WHERE event_type = 'case.opened')
           OVER (PARTITION BY case_ref) AS opened
  FROM (SELECT *, row_number() OVER () AS n FROM events)
  WHERE event_type IN ('case.opened', 'case.reopened', 'verdict.delivered', 'case.dismissed')
), runs AS (
  SELECT *, LAG(cls) OVER (PARTITION BY case_ref ORDER BY event_date, n) AS before
  FROM moves
), turns AS (
  SELECT *, LEAD(event_date) OVER (PARTITION BY case_ref ORDER BY event_date, n) AS ended
  FROM runs WHERE before IS NULL OR cls <> before
)
SELECT case_ref, court, opened, event_date AS started, ended AS resolved
FROM turns WHERE cls = 'S' AND opened IS NOT NULL
"""
S, E = "DATE '{start}'", "DATE '{end}'"
IN = f"BETWEEN {S} AND {E}"
CONVICTED = sql_convicts("outcome")
# each person's rows from the first, as the database ranks them (stats.sql.persons: by
# the moment, then the accused-in-a-case recorded first): by the day, the order in the
# day (``day_order``: the moments' order, rows at the same moment sharing it), then the
# accused-in-a-case (numbered in the order they were recorded)
FIRST = "ROW_NUMBER() OVER (PARTITION BY person_ref ORDER BY event_date, day_order, accused_ref)"
# each accused's first charge filed by the end of the period, ranked as the statistics
# projection ranks them (the earliest filed, then the first recorded: rows are in the
# order first recorded, within a case), and its ICCS section; a period that ended before
# it knew no charge (``stats.sql.sources.accused``)
SECTIONS = """
CREATE TEMP TABLE sections AS
SELECT accused_ref, iccs_section AS section FROM (
  SELECT accused_ref, iccs_section,
         ROW_NUMBER() OVER (PARTITION BY accused_ref ORDER BY event_date, day_order, n) AS k
  FROM (SELECT *, row_number() OVER () AS n FROM events)
  WHERE event_type = 'charge.filed' AND accused_ref IS NOT NULL AND event_date <= DATE '{end}'
) WHERE k = 1
"""
# the first row per person, its breakdowns: the ICCS section known at the period's end
PERSONS = """
SELECT COALESCE(s.section, 'none'), f.sex, 'adult', f.citizenship, COUNT(*) FROM (
  SELECT *, {first} AS rn
  FROM events WHERE person_ref IS NOT NULL AND event_date {in_} AND {where}
) f LEFT JOIN sections s USING (accused_ref) WHERE f.rn = 1 GROUP BY ALL
"""
# persons indicted in the period, each once (their first row, as PERSONS), by the lawyers
# acting for them in that case at the end of the period: for each lawyer and accused the
# latest acts_for entry up to the end (rows are in the order first recorded, within a case)
REPRESENTED = """
WITH firsts AS (
  SELECT accused_ref, sex, citizenship, {first} AS rn
  FROM events WHERE person_ref IS NOT NULL AND event_date {in_}
    AND event_type = 'indictment.filed'
), entries AS (
  SELECT accused_ref, counsel_role, ended,
         ROW_NUMBER() OVER (PARTITION BY accused_ref, counsel_ref ORDER BY n DESC) AS latest
  FROM (SELECT *, row_number() OVER () AS n FROM events)
  WHERE event_type = 'participant.acts_for' AND counsel_ref IS NOT NULL
    AND accused_ref IS NOT NULL AND event_date <= DATE '{end}'
), acting AS (
  SELECT accused_ref, bool_or(counsel_role = 'defence') AS private_,
         bool_or(counsel_role = 'public_defender') AS public_
  FROM entries WHERE latest = 1 AND NOT ended GROUP BY accused_ref
)
SELECT CASE WHEN a.private_ AND a.public_ THEN 'both' WHEN a.private_ THEN 'private_counsel'
            WHEN a.public_ THEN 'public_defender' ELSE 'none_recorded' END,
       f.sex, 'adult', f.citizenship, COUNT(*)
FROM firsts f LEFT JOIN acting a USING (accused_ref) WHERE f.rn = 1 GROUP BY ALL
"""
# persons who died in custody in the period, each once, in the most restrictive kind of
# custody a death of theirs ended (``indicators.custody.deaths_in_custody``): only a death
# that ended a custody period (``custody_kind`` given; one the custody record skipped as
# impossible ends none, as in the database); a kind nobody classified is 'unknown', never
# dropped (the application refuses the figure)
_RANK = " ".join(f"WHEN '{kind}' THEN {RANK[status]}" for kind, status in LIBERTY_STATUS.items())
_STATUS = " ".join(f"WHEN {rank} THEN '{status}'" for status, rank in RANK.items())
DEATHS = f"""
SELECT CASE top {_STATUS} ELSE 'unknown' END, sex, 'adult', COUNT(*) FROM (
  SELECT person_ref, MIN(sex) AS sex, MAX(CASE custody_kind {_RANK} ELSE 0 END) AS top
  FROM events WHERE event_type = '{DIED}' AND person_ref IS NOT NULL
    AND custody_kind IS NOT NULL AND event_date {{in_}}
  GROUP BY person_ref
) GROUP BY ALL
"""
VAW = """
CREATE TEMP TABLE vaw AS
SELECT accused_ref, MIN(person_ref) AS person_ref, MIN(case_ref) AS case_ref,
       MIN(event_date) AS charged
FROM events WHERE event_type = 'charge.filed' AND vaw GROUP BY accused_ref
"""
COUNTS: dict[str, str] = {
    "incoming": f"SELECT court, 'adult', COUNT(*) FROM spells WHERE started {IN} GROUP BY ALL",
    "resolved": f"SELECT court, 'adult', COUNT(*) FROM spells WHERE resolved {IN} GROUP BY ALL",
    "pending_start": f"SELECT court, 'adult', COUNT(*) FROM spells WHERE started < {S} "
    f"AND (resolved IS NULL OR resolved >= {S}) GROUP BY ALL",
    "pending_end": f"SELECT court, 'adult', COUNT(*) FROM spells WHERE started <= {E} "
    f"AND (resolved IS NULL OR resolved > {E}) GROUP BY ALL",
    "formal_contact": PERSONS.replace("{where}", "event_type = 'participant.added'"),
    "indicted": PERSONS.replace("{where}", "event_type = 'indictment.filed'"),
    "convicted": PERSONS.replace("{where}", f"event_type = 'verdict.delivered' AND {CONVICTED}"),
    "represented": REPRESENTED,
    "deaths_in_custody": DEATHS,
    "vaw_charged": "SELECT 'adult', COUNT(*) FROM (SELECT person_ref, MIN(charged) AS first "
    f"FROM vaw WHERE charged {IN} GROUP BY person_ref) GROUP BY ALL",
    "vaw_outcomes": f"""
SELECT CASE best WHEN 0 THEN 'convicted' WHEN 1 THEN 'acquitted' ELSE 'dismissed' END,
       COUNT(*)
FROM (
  SELECT v.person_ref, MIN(CASE
    WHEN e.event_type = 'verdict.delivered' AND e.accused_ref = v.accused_ref
         AND e.{CONVICTED} THEN 0
    WHEN e.event_type = 'verdict.delivered' AND e.accused_ref = v.accused_ref
         AND e.outcome = 'acquitted' THEN 1
    WHEN e.event_type = 'case.dismissed' THEN 2 END) AS best
  FROM vaw v JOIN events e ON e.case_ref = v.case_ref
  WHERE e.event_date {IN}
  GROUP BY v.person_ref
) WHERE best IS NOT NULL GROUP BY ALL
""",
    "hearing_outcomes": "SELECT CASE WHEN outcome IN ('pretrial_detention', "
    "'alternative_measures', 'released') THEN outcome ELSE 'other' END, COUNT(*) FROM events "
    f"WHERE event_type = 'custody.hearing_held' AND event_date {IN} GROUP BY ALL",
    "sentence_kinds": "SELECT CASE WHEN custodial THEN 'custodial' WHEN NOT custodial THEN "
    "'non_custodial' ELSE 'not_recorded' END, COUNT(*) FROM events "
    f"WHERE event_type = 'verdict.delivered' AND {CONVICTED} AND event_date {IN} GROUP BY ALL",
    "measures_ordered": f"""
SELECT CASE WHEN event_type = 'measure.imposed' THEN 'non_custodial' ELSE 'custodial' END,
       CASE WHEN event_type = 'measure.imposed' THEN outcome
            WHEN event_type = 'custody.pretrial_ordered' THEN 'pretrial_detention'
            ELSE 'custodial_sentence' END,
       COUNT(*)
FROM events WHERE event_date {IN} AND (
  event_type IN ('measure.imposed', 'custody.pretrial_ordered')
  OR (event_type = 'verdict.delivered' AND {CONVICTED} AND custodial))
GROUP BY ALL
""",
}
MEDIANS: dict[str, str] = {
    "time_to_disposition": f"SELECT median(resolved - opened), COUNT(*) FROM cases "
    f"WHERE resolved {IN}",
    "pending_age": f"SELECT median({E} + 1 - opened), COUNT(*) FROM spells "
    f"WHERE started <= {E} AND (resolved IS NULL OR resolved > {E})",
}
# rates from the counts above: (numerator, its categories or None for all, denominator)
RATES: dict[str, tuple[str, tuple[str, ...] | None, str, float]] = {
    "clearance_rate": ("resolved", None, "incoming", 100.0),
    "case_turnover": ("resolved", None, "pending_end", 1.0),
    "pretrial_detention_share": (
        "hearing_outcomes",
        ("pretrial_detention",),
        "hearing_outcomes",
        100.0,
    ),
    "non_custodial_share": ("measures_ordered", ("non_custodial",), "measures_ordered", 100.0),
}
EXTRACT_INDICATORS = (*COUNTS, *MEDIANS, *RATES, "disposition_time")


def _sql(text: str, start: dt.date, end: dt.date) -> str:
    text = text.replace("{first}", FIRST)
    return text.replace("{in_}", IN).format(start=start.isoformat(), end=end.isoformat())


def duckdb_indicators(path: Path, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Every indicator in ``EXTRACT_INDICATORS``: ``Counts`` or ``Derived``, as the
    application gives them. An extract of another version is refused
    (``extract.ExtractOutdated``), never read as if it were this one."""
    import duckdb

    extract_check(path)
    con = duckdb.connect()
    out: dict[str, Any] = {}
    try:
        # the path is ours (quoted), the dates are date objects: nothing comes from a user
        con.execute(f"CREATE VIEW events AS SELECT * FROM read_parquet('{_quoted(path)}')")
        con.execute(CASES)
        con.execute(SPELLS)
        con.execute(VAW)
        con.execute(_sql(SECTIONS, start, end))
        for ident, text in COUNTS.items():
            rows = con.execute(_sql(text, start, end)).fetchall()
            out[ident] = {tuple(str(v) for v in r[:-1]): int(r[-1]) for r in rows if r[-1]}
        for ident, text in MEDIANS.items():
            value, n = con.execute(_sql(text, start, end)).fetchone()  # type: ignore[misc]
            out[ident] = (
                Derived(None, None, 0, undefined="no cases")
                if not n
                else Derived(float(value), None, int(n))
            )
    finally:
        con.close()
    for ident, (top, which, bottom, scale) in RATES.items():
        # the share of non-custodial measures only where one is recorded (never 0 %)
        only = recorded_or_nothing if ident == "non_custodial_share" else dict
        out[ident] = _rate(only(out[top]), which, only(out[bottom]), scale)
    pending, resolved = sum(out["pending_end"].values()), sum(out["resolved"].values())
    out["disposition_time"] = _ratio(pending, resolved, (end - start).days + 1)
    return out


def _rate(top: Counts, which: tuple[str, ...] | None, bottom: Counts, scale: float) -> Derived:
    n = sum(v for k, v in top.items() if which is None or k[0] in which)
    return _ratio(n, sum(bottom.values()), scale)


def _ratio(n: int, d: int, scale: float) -> Derived:
    if d == 0:
        return Derived(None, n, 0, undefined="denominator is zero")
    return Derived(n / d * scale, n, d)


def same(engine: Any, app: Any) -> bool:
    """Do the extract's figure and the application's agree: counts exactly, rates to
    rounding, medians within a day (the extract has days, not times)."""
    if isinstance(app, dict):
        return bool(engine == app)
    if app.value is None or engine.value is None:
        return app.value is None and engine.value is None
    if app.numerator is None:  # a median
        return bool(engine.basis == app.basis and abs(engine.value - app.value) <= 1.0)
    return bool(
        (engine.numerator, engine.basis) == (app.numerator, app.basis)
        and abs(engine.value - app.value) <= 1e-9 * max(1.0, abs(app.value))
    )


def _result(incoming: int, resolved: int) -> dict[str, Any]:
    return {
        "incoming": int(incoming),
        "resolved": int(resolved),
        "clearance_rate": None if not incoming else resolved / incoming * 100,
    }


def duckdb_caseflow(path: Path, start: dt.date, end: dt.date) -> dict[str, Any]:
    import duckdb

    extract_check(path)

    con = duckdb.connect()
    try:
        view = f"CREATE VIEW events AS SELECT * FROM read_parquet('{_quoted(path)}')"
        con.execute(view)
        row = con.execute(CASEFLOW_SQL.format(start=start, end=end)).fetchone()
    finally:
        con.close()
    assert row is not None
    return _result(*row)


def spark_caseflow(path: Path, start: dt.date, end: dt.date) -> dict[str, Any]:
    extract_check(path)  # first: an outdated extract is named as such, Spark or not

    from pyspark.sql import SparkSession  # type: ignore[import-not-found,unused-ignore]

    spark = (
        SparkSession.builder.master("local[1]")
        .appName("expediente-stats")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        spark.read.parquet(str(path)).createOrReplaceTempView("events")
        row = spark.sql(CASEFLOW_SQL.format(start=start, end=end)).collect()[0]
    finally:
        spark.stop()
    return _result(row["incoming"], row["resolved"])


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
