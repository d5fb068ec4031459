"""``expediente stats export --lang es``: the label columns of the public CSV in one of
the languages the project ships, as the download's ``?lang=es`` gives them; English when
not asked, in the file it always had. The SDMX-CSV holds codes only and does not change.
Another language is refused naming the option, and nothing is written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.stats.conftest import TODAY

STEM = "cr-2024-01-01-2024-12-31"


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _export(out: Path, *extra: str) -> None:
    call_command("stats", "export", "--jurisdiction", "cr", "--period", "2024",
                 "--out", str(out), *extra, stdout=io.StringIO())  # fmt: skip


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_labels_are_written_in_the_language_asked_for(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    english, spanish = tmp_path / "en", tmp_path / "es"
    _export(english)
    _export(spanish, "--lang", "es")
    assert sorted(p.name for p in spanish.iterdir()) == [
        f"{STEM}-indicators-labels-es.csv",
        f"{STEM}-indicators.sdmx.csv",
    ]
    rows = _rows(spanish / f"{STEM}-indicators-labels-es.csv")
    assert {r["lang"] for r in rows} == {"es"}
    incoming = [r for r in rows if r["indicator"] == "incoming"]
    assert {r["unit_label"] for r in incoming} == {"expedientes"}
    hidden = [r for r in rows if r["status"] == "suppressed"]
    assert hidden
    assert all(r["reason_label"].startswith("No se publica") for r in hidden)
    # the same cells, the same codes: only the words differ
    codes = ["indicator", "unit", "breakdown", "category", "value", "status", "reason"]
    english_rows = _rows(english / f"{STEM}-indicators.csv")
    assert [[r[c] for c in codes] for r in rows] == [[r[c] for c in codes] for r in english_rows]
    sdmx = f"{STEM}-indicators.sdmx.csv"
    assert (spanish / sdmx).read_bytes() == (english / sdmx).read_bytes()


def test_english_is_written_when_no_language_is_asked_for(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with translation.override("fr"):  # not the server's language: the files' own default
        _export(tmp_path)
    rows = _rows(tmp_path / f"{STEM}-indicators.csv")
    assert {r["lang"] for r in rows} == {"en"}
    assert "cases" in {r["unit_label"] for r in rows}


@pytest.mark.parametrize("lang", ["pt", "fr"])
def test_every_language_the_project_ships_is_taken(demo, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    _export(tmp_path, "--lang", lang)
    assert {r["lang"] for r in _rows(tmp_path / f"{STEM}-indicators-labels-{lang}.csv")} == {lang}


@pytest.mark.parametrize("lang", ["de", "ES", "es-cr", ""])
def test_another_language_is_refused_naming_the_option(demo, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    with (
        translation.override("en"),
        pytest.raises(CommandError, match=r"^--lang: .*must be one of es, en, pt, fr") as refused,
    ):
        _export(out, "--lang", lang)
    assert f"“{lang}”" in str(refused.value)
    assert not out.exists()
