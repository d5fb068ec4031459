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


@pytest.mark.parametrize(
    "path", ["/stats/download.csv", "/stats/download.sdmx.csv", "/stats/download.json"]
)
def test_a_download_is_the_same_bytes_in_every_browser_language(demo, path) -> None:  # type: ignore[no-untyped-def]
    # the CSV said "expedientes" in Spanish and "cases" in English, and a translated message
    bodies = {
        language: Client().get(path, QUERY, HTTP_ACCEPT_LANGUAGE=language).content
        for language in ("en", "es", "pt", "fr")
    }
    assert len(set(bodies.values())) == 1


def test_the_csv_holds_codes_and_labels_in_the_language_asked_for(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/download.csv", {**QUERY, "lang": "es"})
    assert "labels-es.csv" in response["Content-Disposition"]
    rows = _rows(response.content)
    assert {r["lang"] for r in rows} == {"es"}
    incoming = [r for r in rows if r["indicator"] == "incoming"]
    assert {r["unit"] for r in incoming} == {"cases"}
    assert {r["unit_label"] for r in incoming} == {"expedientes"}
    hidden = [r for r in rows if r["status"] == "suppressed"]
    assert {r["reason"] for r in hidden} <= {
        "small_count",
        "protects_another",
        "small_basis",
        "small_numerator",
        "reveals_hidden_count",
    }
    assert all(r["reason_label"].startswith("No se publica") for r in hidden)
    default = Client().get("/stats/download.csv", QUERY)
    assert "labels-en.csv" in default["Content-Disposition"]
    assert {r["lang"] for r in _rows(default.content)} == {"en"}


def test_a_cell_hidden_to_protect_another_says_so(demo) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(Client().get("/stats/download.csv", QUERY).content)
    reasons = {r["reason"]: r["reason_label"] for r in rows if r["status"] == "suppressed"}
    assert "too few" in reasons["small_count"]
    assert "another hidden figure cannot be worked out" in reasons["protects_another"]
    assert "too few" not in reasons["protects_another"]


def test_every_unit_has_a_code() -> None:
    from expediente.stats.exports import unit_code

    assert {unit_code(i) for i in INDICATORS} <= {
        "cases", "persons", "days", "hours", "arrests", "hearings", "verdicts",
        "measures", "victims", "deadlines", "percent", "ratio", "per_100000",
    }  # fmt: skip


def test_the_json_has_the_csv_s_rows(demo) -> None:  # type: ignore[no-untyped-def]
    import json

    body = json.loads(Client().get("/stats/download.json", QUERY).content)
    rows = _rows(Client().get("/stats/download.csv", QUERY).content)
    assert body["lang"] == "en"
    assert body["period_start"] == "2024-01-01"
    assert len(body["observations"]) == len(rows)
    assert [o["indicator"] for o in body["observations"]] == [r["indicator"] for r in rows]


def test_a_bad_label_language_is_refused_naming_the_field(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/download.csv", {**QUERY, "lang": "de"})
    assert response.status_code == 400
    assert response.content.decode().startswith("lang:")
