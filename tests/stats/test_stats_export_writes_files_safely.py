"""``expediente stats export``: the published tables and the Parquet extract of a period,
written whole or not at all, the same on a second run, refused on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.stats.conftest import TODAY


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _export(out: Path, *extra: str) -> None:
    call_command("stats", "export", "--jurisdiction", "cr", "--period", "2024", "--out", str(out),
                 *extra)  # fmt: skip


def test_it_writes_three_files_and_a_rerun_gives_the_same(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _export(tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "cr-2024-01-01-2024-12-31-extract.parquet",
        "cr-2024-01-01-2024-12-31-indicators.csv",
        "cr-2024-01-01-2024-12-31-indicators.sdmx.csv",
    ]
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.suffix == ".csv"}
    _export(tmp_path)
    assert first == {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.suffix == ".csv"}
    assert sorted(p.name for p in tmp_path.iterdir()) == names


def test_an_interrupted_run_leaves_no_partial_file(demo, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr("expediente.stats.management.commands.stats.extract_write", interrupted)
    with pytest.raises(CommandError, match="interrupted") as caught:
        _export(tmp_path)
    assert caught.value.returncode == 130
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "cr-2024-01-01-2024-12-31-indicators.csv",
        "cr-2024-01-01-2024-12-31-indicators.sdmx.csv",
    ]  # complete files kept, no ".partial" left


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--jurisdiction", "cr", "--period", "24"], "--period: give a year"),
        (["--jurisdiction", "cr", "--period", "2099"], "--period: The period must end before"),
        (["--jurisdiction", "../etc", "--period", "2024"], "--jurisdiction: There is no"),
        (["--jurisdiction", "cr", "--period", "2024", "--court", "x"], "--court:"),
    ],
)
def test_bad_input_names_the_option_and_writes_nothing(demo, tmp_path, args, words) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    with (
        translation.override("en"),  # the command speaks the server's language (es here)
        pytest.raises(CommandError, match=words.replace("(", r"\(")),
    ):
        call_command("stats", "export", *args, "--out", str(out))
    assert not out.exists()
