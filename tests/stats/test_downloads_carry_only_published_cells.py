"""CSV and SDMX-CSV downloads from the dashboard hold what the dashboard shows: a hidden
cell has no value and is marked, and bad input is refused naming the field."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from expediente.stats.catalogue import INDICATORS
from tests.stats.conftest import TODAY

QUERY = {"jurisdiction": "cr", "year": "2024"}


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode())))


def test_the_csv_has_every_indicator_and_hides_small_cells(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/download.csv", QUERY)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response.content)
    assert {r["indicator"] for r in rows} == {i.id for i in INDICATORS}
    hidden = [r for r in rows if r["status"] == "suppressed"]
    assert hidden, "the demo's juvenile court has small cells"
    assert all(r["value"] == "" for r in hidden)
    shown = [int(r["value"]) for r in rows if r["status"] == "ok" and r["breakdown"]]
    assert all(n == 0 or n >= 10 for n in shown)  # the default threshold, indicators.md §6


def test_the_sdmx_csv_marks_confidential_cells(demo) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(Client().get("/stats/download.sdmx.csv", QUERY).content)
    assert list(rows[0])[:4] == ["DATAFLOW", "REF_AREA", "INDICATOR", "TIME_PERIOD"]
    assert rows[0]["REF_AREA"] == "CR"
    assert rows[0]["TIME_PERIOD"] == "2024-01-01/2024-12-31"
    confidential = [r for r in rows if r["CONF_STATUS"] == "C"]
    assert confidential
    assert all(r["OBS_VALUE"] == "" and r["OBS_STATUS"] == "O" for r in confidential)
    sexes = {r["SEX"] for r in rows if r["INDICATOR"] == "HELD_ON_DAY"} - {"_Z"}  # withheld
    assert sexes <= {"F", "M", "_U", "_O", "_T"}


def test_bad_input_is_refused_naming_the_field(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/download.csv", {**QUERY, "year": "2099"})
    assert response.status_code == 400
    assert response.content.decode().startswith("year:")
