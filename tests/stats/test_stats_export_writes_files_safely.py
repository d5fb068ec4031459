"""``expediente stats export``: the public tables of a closed year, written whole or not
at all, the same on a second run, refused on bad input; the Parquet extract (microdata)
only when asked, to its own file outside the public folder, with a warning (QA finding
2: it was written beside the tables and gave the suppressed cells back)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.stats.conftest import TODAY


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _export(out: Path, *extra: str) -> None:
    call_command("stats", "export", "--jurisdiction", "cr", "--period", "2024", "--out", str(out),
                 *extra)  # fmt: skip


def test_it_writes_the_public_tables_and_a_rerun_gives_the_same(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _export(tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "cr-2024-01-01-2024-12-31-indicators.csv",
        "cr-2024-01-01-2024-12-31-indicators.sdmx.csv",
    ]
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.suffix == ".csv"}
    _export(tmp_path)
    assert first == {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.suffix == ".csv"}
    assert sorted(p.name for p in tmp_path.iterdir()) == names


def test_the_extract_is_written_only_when_asked_elsewhere_with_a_warning(
    demo, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    public, restricted = tmp_path / "public", tmp_path / "restricted"
    restricted.mkdir()
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("stats", "export", "--jurisdiction", "cr", "--period", "2024",
                 "--out", str(public), "--extract", str(restricted / "cr-2024.parquet"),
                 stdout=stdout, stderr=stderr)  # fmt: skip
    assert not any(p.suffix == ".parquet" for p in public.iterdir())
    assert [p.name for p in restricted.iterdir()] == ["cr-2024.parquet"]
    assert "RESTRICTED" in stderr.getvalue()
    assert "can identify people" in stderr.getvalue()


def test_the_extract_is_refused_inside_the_public_folder(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match=r"--extract: .* is inside the folder of public"):
        _export(tmp_path, "--extract", str(tmp_path / "x.parquet"))
    assert not list(tmp_path.iterdir())


def test_an_interrupted_run_leaves_no_partial_file(demo, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr("expediente.stats.management.commands.stats.extract_write", interrupted)
    public, restricted = tmp_path / "public", tmp_path / "restricted"
    restricted.mkdir()
    with pytest.raises(CommandError, match="interrupted") as caught:
        _export(public, "--extract", str(restricted / "cr-2024.parquet"))
    assert caught.value.returncode == 130
    names = sorted(p.name for p in public.iterdir())
    assert names == [
        "cr-2024-01-01-2024-12-31-indicators.csv",
        "cr-2024-01-01-2024-12-31-indicators.sdmx.csv",
    ]  # complete files kept, no ".partial" left
    assert not list(restricted.iterdir())


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--jurisdiction", "cr", "--period", "24"], "--period: give a closed year"),
        (["--jurisdiction", "cr", "--period", "2024-01-01:2024-06-30"], "--period: give a"),
        (["--jurisdiction", "cr", "--period", "2025"], "--period: Only closed years"),
        (["--jurisdiction", "cr", "--period", "2099"], "--period: Only closed years"),
        (["--jurisdiction", "../etc", "--period", "2024"], "--jurisdiction: There is no"),
    ],
)
def test_bad_input_names_the_option_and_writes_nothing(demo, tmp_path, args, words) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    # in English, as every command speaks, whatever the server's language (es here)
    with pytest.raises(CommandError, match=words.replace("(", r"\(")):
        call_command("stats", "export", *args, "--out", str(out))
    assert not out.exists()
