"""The Parquet extract is anonymised, holds only the cases the public may see (by the
rule pack's disclosure rules), applies corrections, and an analytical engine reading it
gives the application's own figures for the same cases: DuckDB for every indicator the
extract can give, Spark for the caseflow when pyspark is installed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from expediente.access.disclosure import PUBLIC, case_exists_for
from expediente.docket.models import Case, Person
from expediente.stats.compute import indicator_compute
from expediente.stats.extract import age_group, extract_case_ids, extract_write
from expediente.stats.extract_queries import (
    EXTRACT_INDICATORS,
    duckdb_caseflow,
    duckdb_indicators,
    same,
    spark_caseflow,
)
from tests.stats.conftest import demo_scope

WHOLE = ("2022-01-01", "2025-11-13")
PERIODS = [("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-06-30")]


@pytest.fixture
def extract(demo, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "extract.parquet"
    extract_write(demo_scope(*WHOLE), path)
    return path


def test_it_holds_exactly_the_cases_the_public_may_see(demo) -> None:  # type: ignore[no-untyped-def]
    scope = demo_scope(*WHOLE)
    chosen = extract_case_ids(scope)
    everyone = Case.objects.filter(court__in=scope.court_ids, opened_at__lt=scope.period.hi)
    assert chosen == {c.pk for c in everyone if case_exists_for(PUBLIC, c)}
    assert chosen, "the demo has public cases"
    assert not Case.objects.filter(pk__in=chosen, procedure="juvenile").exists()
    assert not Case.objects.filter(pk__in=chosen, confidentiality="sealed").exists()


def test_it_names_nobody(extract: Path) -> None:
    table = pq.read_table(extract)
    assert "date_of_birth" not in table.column_names
    assert table.num_rows > 100
    text = {str(v) for col in table.columns for v in col.to_pylist()}
    for person in Person.objects.exclude(family_names="")[:300]:
        assert person.family_names not in text
        assert person.id_number not in text or not person.id_number
    assert set(table.column("age_group").to_pylist()) - {None} <= {
        "18-24",
        "25-34",
        "35-44",
        "45-54",
        "55-64",
        "65 or more",
        "unknown",
    }  # adults only: no juvenile case is in the extract


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_duckdb_gives_the_application_s_figures(extract: Path, start: str, end: str) -> None:
    scope = demo_scope(start, end)
    mine = frozenset(extract_case_ids(demo_scope(*WHOLE)))
    same_cases = dataclasses.replace(scope, cases=mine)
    duck = duckdb_indicators(extract, scope.period.start, scope.period.end)
    assert set(duck) == set(EXTRACT_INDICATORS)
    nonzero = 0
    for ident in EXTRACT_INDICATORS:
        app = indicator_compute(ident, same_cases)
        assert same(duck[ident], app), (ident, duck[ident], app)
        nonzero += bool(app) if isinstance(app, dict) else app.value is not None
    # measures ordered and the non-custodial share are nothing (not 0) in a period whose
    # extracted cases have no non-custodial measure recorded
    assert nonzero >= 10


def test_spark_gives_the_same_figures(extract: Path) -> None:
    pytest.importorskip(
        "pyspark",
        reason="Spark variant skipped: pyspark is not installed (pip install -e .[spark])",
    )
    start, end = PERIODS[0]
    figures = spark_caseflow(extract, dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert figures == duckdb_caseflow(
        extract, dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    )


def test_age_groups() -> None:
    on = dt.date(2024, 6, 1)
    assert age_group(dt.date(2006, 6, 2), on) == "under 18"
    assert age_group(dt.date(2006, 6, 1), on) == "18-24"
    assert age_group(dt.date(1950, 1, 1), on) == "65 or more"
    assert age_group(None, on) == "unknown"
