"""The Parquet extract is anonymised, and an analytical engine reading it gives the
application's own figures: DuckDB always, Spark when pyspark is installed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from expediente.docket.models import Case, Person
from expediente.stats.compute import indicator_compute
from expediente.stats.extract import age_group, extract_write
from expediente.stats.extract_queries import duckdb_caseflow, spark_caseflow
from expediente.stats.indicators.base import Derived
from tests.stats.conftest import demo_scope

ADULT = ["sj-penal", "cartago-penal"]
PERIODS = [("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-06-30")]


def _app(start: str, end: str) -> dict[str, object]:
    scope = demo_scope(start, end, ADULT)
    rate = indicator_compute("clearance_rate", scope)
    assert isinstance(rate, Derived)
    return {
        "incoming": sum(indicator_compute("incoming", scope).values()),  # type: ignore[union-attr]
        "resolved": sum(indicator_compute("resolved", scope).values()),  # type: ignore[union-attr]
        "clearance_rate": rate.value,
    }


@pytest.fixture
def extract(demo, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    # the extract leaves sealed cases out; the demo's adult cases are not sealed
    assert not Case.objects.filter(procedure="adult", confidentiality="sealed").exists()
    path = tmp_path / "extract.parquet"
    extract_write(demo_scope("2022-01-01", "2025-11-13", ADULT), path)
    return path


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
    figures = duckdb_caseflow(extract, dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    app = _app(start, end)
    assert figures["incoming"] == app["incoming"]
    assert figures["resolved"] == app["resolved"]
    assert figures["clearance_rate"] == pytest.approx(app["clearance_rate"])


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
