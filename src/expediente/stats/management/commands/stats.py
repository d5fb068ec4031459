"""``expediente stats export --jurisdiction cr --period 2024 --out DIR``: write the
published indicators (CSV and SDMX-CSV, after disclosure control) and the anonymised
Parquet extract of a period into DIR, for scheduled publication.

Each file is written beside its final name and renamed into place when complete, so an
interrupted run (Ctrl-C) leaves no half-written file and running again simply replaces
them. File names are built from the jurisdiction's code and the period only."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from expediente.stats.exports import csv_text, sdmx_text
from expediente.stats.extract import extract_write
from expediente.stats.publish import policy_for, release_publish
from expediente.stats.scope import Scope, ScopeError, scope_resolve

SAFE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def parse_period(raw: str) -> tuple[str, str]:
    """``2024`` (a year), ``2024-01-01:2024-06-30``."""
    raw = raw.strip()
    if re.fullmatch(r"\d{4}", raw):
        return f"{raw}-01-01", f"{raw}-12-31"
    if ":" in raw:
        start, end = raw.split(":", 1)
        return start, end
    raise CommandError(
        f"--period: give a year (2024) or two dates START:END (2024-01-01:2024-06-30), not {raw!r}"
    )


class Command(BaseCommand):
    help = "Statistics: `stats export` writes the published tables and the Parquet extract."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write CSV, SDMX-CSV and Parquet for a period")
        export.add_argument("--jurisdiction", required=True)
        export.add_argument("--period", required=True, help="2024, or 2024-01-01:2024-06-30")
        export.add_argument("--court", action="append", default=[], help="repeat for several")
        export.add_argument("--out", required=True, type=Path)

    def handle(self, *args: Any, **opts: Any) -> None:
        start, end = parse_period(opts["period"])
        try:
            scope = scope_resolve(
                jurisdiction=opts["jurisdiction"],
                courts=opts["court"],
                start=start,
                end=end,
                today=timezone.localdate(),
            )
        except ScopeError as error:
            raise CommandError(f"--{_option(error.field)}: {error.message}") from None
        out: Path = opts["out"]
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out: {out} exists and is not a folder")
        out.mkdir(parents=True, exist_ok=True)
        stem = f"{scope.jurisdiction.code}-{scope.period.start}-{scope.period.end}"
        try:
            self._export(scope, out, stem)
        except KeyboardInterrupt:
            raise CommandError(
                "interrupted: files already complete were kept, the one being written was "
                "removed; run again to finish",
                returncode=130,
            ) from None

    def _export(self, scope: Scope, out: Path, stem: str) -> None:
        policy = policy_for(scope.jurisdiction.code)
        figures = release_publish(
            scope,
            policy,
            progress=lambda i, n, indicator: self.stdout.write(f"[{i}/{n}] {indicator.id}"),
        )
        _atomic(
            out,
            f"{stem}-indicators.csv",
            lambda p: p.write_text(csv_text(figures, scope), encoding="utf-8"),
        )
        _atomic(
            out,
            f"{stem}-indicators.sdmx.csv",
            lambda p: p.write_text(sdmx_text(figures, scope), encoding="utf-8"),
        )
        self.stdout.write("extract: reading events…")
        rows = _atomic(
            out,
            f"{stem}-extract.parquet",
            lambda p: extract_write(
                scope, p, progress=lambda n: self.stdout.write(f"extract: {n} rows")
            ),
        )
        self.stdout.write(
            self.style.SUCCESS(f"wrote {len(figures)} indicators and {rows} extract rows to {out}")
        )


def _option(field: str) -> str:
    return {"start": "period", "end": "period", "courts": "court"}.get(field, field)


def _atomic(folder: Path, name: str, write: Callable[[Path], Any]) -> Any:
    if not SAFE.fullmatch(name) or Path(name).name != name:
        raise CommandError(f"refusing to write a file named {name!r}")
    final = folder / name
    partial = folder / f".{name}.partial"
    try:
        result = write(partial)
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    return result
