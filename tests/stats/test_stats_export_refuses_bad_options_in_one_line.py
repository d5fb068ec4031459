"""``stats export`` refuses bad options in one English line naming the option and what
it accepts, exit non-zero, no traceback. QA: ``--out /proc/nope/x.csv`` printed a Python
traceback; ``--lang de`` answered in Spanish; ``--jurisdiction CR`` did not say which
codes there are; ``--period 1899`` said "Enter a year as four digits"."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.stats.conftest import TODAY


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _refusal(*args: str) -> str:
    # the server's language is Spanish: the command still speaks English
    with translation.override("es"), pytest.raises(CommandError) as caught:
        call_command("stats", "export", *args)
    return str(caught.value)


def test_an_out_folder_that_cannot_be_made_is_one_line(demo) -> None:  # type: ignore[no-untyped-def]
    words = _refusal("--jurisdiction", "cr", "--period", "2024", "--out", "/proc/nope/x.csv")
    assert words.startswith("--out: cannot write /proc/nope")
    assert "\n" not in words


def test_an_unsupported_language_is_refused_in_english_naming_those_offered(
    demo, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    words = _refusal(
        "--jurisdiction", "cr", "--period", "2024", "--out", str(tmp_path / "o"), "--lang", "de"
    )
    assert words.startswith("--lang: the language of the labels must be one of")
    for code in ("es", "en", "pt", "fr"):
        assert code in words
    assert not (tmp_path / "o").exists()


def test_an_unknown_jurisdiction_lists_the_codes(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    words = _refusal("--jurisdiction", "CR", "--period", "2024", "--out", str(tmp_path / "o"))
    assert words.startswith("--jurisdiction: There is no jurisdiction 'CR'; the codes are ")
    assert "cr" in words.split("the codes are ")[1].split(", ")


def test_a_year_before_the_first_says_the_range(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    words = _refusal("--jurisdiction", "cr", "--period", "1899", "--out", str(tmp_path / "o"))
    assert words.startswith("--period: give a closed year from 1900 to 2024, not '1899'")
    assert "four digits" not in words
