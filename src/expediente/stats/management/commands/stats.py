"""``expediente stats export --jurisdiction cr --period 2024 --out DIR``: write the
public tables (CSV and SDMX-CSV, after disclosure control) of a closed year of the whole
jurisdiction into DIR, for scheduled publication: the scope the public pages publish.

``--lang es`` writes the CSV's label columns in Spanish (any language the project
ships; English by default), to ``…-indicators-labels-es.csv``: an English file keeps
its name, ``…-indicators.csv``, and files in two languages can lie side by side. The
SDMX-CSV holds codes only, the same in every language.

``--extract FILE`` also writes the Parquet extract, only when asked, to its own file
outside DIR: it is microdata (one row per event, with sex, age group, citizenship and
offence), which can identify people; it is never part of a public release.

Each file is written beside its final name and renamed into place when complete, so an
interrupted run (Ctrl-C) leaves no half-written file and running again simply replaces
them. File names are built from the jurisdiction's code and the period only."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from expediente.docket.models import Jurisdiction
from expediente.replica import Source, publication_read
from expediente.stats.exports import (
    LABELS_DEFAULT,
    csv_text,
    label_language_refused,
    sdmx_text,
)
from expediente.stats.extract import extract_write
from expediente.stats.publish import policy_for, release_publish
from expediente.stats.scope import FIRST_YEAR, Scope, ScopeError, courts_today, scope_public

SAFE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


RESTRICTED = (
    "RESTRICTED: the extract is microdata, not for publication: one row per event with "
    "sex, age group, citizenship and offence, which can identify people. Keep it with "
    "the court's restricted data, never beside the public tables."
)


class Command(BaseCommand):
    help = (
        "Statistics: `stats export` writes the public tables of a closed year; the "
        "restricted Parquet extract only with --extract."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write the public CSV and SDMX-CSV of a year")
        export.add_argument("--jurisdiction", required=True)
        export.add_argument("--period", required=True, help="a closed year: 2024")
        export.add_argument("--out", required=True, type=Path, help="folder of public tables")
        languages = ", ".join(code for code, _name in settings.LANGUAGES)
        export.add_argument(
            "--lang",
            default=LABELS_DEFAULT,
            help=f"the language of the CSV's label columns: one of {languages} "
            f"(default {LABELS_DEFAULT})",
        )
        export.add_argument(
            "--extract",
            type=Path,
            help="also write the RESTRICTED Parquet extract (microdata) to this file, "
            "outside --out",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        # the refusals shared with the statistics pages are written in their reader's
        # language; the command speaks English, as every command does (--lang de was
        # refused in Spanish)
        with translation.override("en"):
            scope, lang = self._checked(opts)
        out: Path = opts["out"]
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out: {out} exists and is not a folder")
        extract: Path | None = opts["extract"]
        if extract is not None:
            folder = extract.resolve().parent
            if folder == out.resolve() or out.resolve() in folder.parents:
                raise CommandError(
                    f"--extract: {extract} is inside the folder of public tables {out}; "
                    "write the restricted extract elsewhere"
                )
            if extract.is_dir() or not folder.is_dir():
                raise CommandError(f"--extract: {extract} must be a file in an existing folder")
            if not SAFE.fullmatch(extract.name):
                raise CommandError(
                    f"--extract: {extract.name!r}: use letters, digits, '.', '_' and '-'"
                )
        stem = f"{scope.jurisdiction.code}-{scope.period.start}-{scope.period.end}"
        try:
            out.mkdir(parents=True, exist_ok=True)
            self._export(scope, out, stem, lang)
            if extract is not None:
                self._extract(scope, extract)
        except OSError as error:
            # a folder that cannot be made or written (/proc/nope/x.csv was a traceback)
            where = error.filename or out
            raise CommandError(f"--out: cannot write {where}: {error.strerror or error}") from None
        except KeyboardInterrupt:
            raise CommandError(
                "interrupted: files already complete were kept, the one being written was "
                "removed; run again to finish",
                returncode=130,
            ) from None

    def _checked(self, opts: dict[str, Any]) -> tuple[Scope, str]:
        """The scope and the labels' language asked for, or a one-line refusal naming
        the option and what it accepts."""
        lang: str = opts["lang"]
        refused = label_language_refused(lang)
        if refused is not None:
            raise CommandError(f"--lang: {refused}")
        code: str = opts["jurisdiction"]
        codes = sorted(Jurisdiction.objects.values_list("code", flat=True))
        if code not in codes:
            raise CommandError(
                f"--jurisdiction: There is no jurisdiction {code!r}; the codes are "
                f"{', '.join(codes) or '(none set up yet)'}"
            )
        last = courts_today(code).year - 1
        raw = opts["period"].strip()
        # a year not yet closed is refused by scope_public, saying when it closes
        if not re.fullmatch(r"\d{4}", raw) or int(raw) < FIRST_YEAR:
            raise CommandError(
                f"--period: give a closed year from {FIRST_YEAR} to {last}, not {raw!r}: "
                "the public tables cover whole closed years only, so that no hidden count "
                "can be worked out by comparing two overlapping periods"
            )
        try:
            return scope_public(jurisdiction=code, year=raw), lang
        except ScopeError as error:
            raise CommandError(f"--{_option(error.field)}: {error.message}") from None

    def _export(self, scope: Scope, out: Path, stem: str, lang: str) -> None:
        policy = policy_for(scope.jurisdiction.code)
        figures, source = publication_read(
            lambda: release_publish(
                scope,
                policy,
                progress=lambda i, n, indicator: self.stdout.write(f"[{i}/{n}] {indicator.id}"),
            )
        )
        self.stdout.write(source_line(source))
        labels = "" if lang == LABELS_DEFAULT else f"-labels-{lang}"
        _atomic(
            out,
            f"{stem}-indicators{labels}.csv",
            lambda p: p.write_text(csv_text(figures, scope, lang), encoding="utf-8"),
        )
        _atomic(
            out,
            f"{stem}-indicators.sdmx.csv",
            lambda p: p.write_text(sdmx_text(figures, scope), encoding="utf-8"),
        )
        self.stdout.write(
            self.style.SUCCESS(f"wrote the public tables of {len(figures)} indicators to {out}")
        )

    def _extract(self, scope: Scope, path: Path) -> None:
        self.stderr.write(self.style.WARNING(RESTRICTED))
        self.stdout.write("extract: reading events…")
        rows = _atomic(
            path.parent,
            path.name,
            lambda p: extract_write(
                scope, p, progress=lambda n: self.stdout.write(f"extract: {n} rows")
            ),
        )
        self.stdout.write(f"wrote {rows} extract rows to {path} (RESTRICTED, not for publication)")


def source_line(source: Source) -> str:
    """Where the release was read, for the operator (``expediente/replica.py``)."""
    if source.from_replica:
        if source.as_of is None:
            return "read from the standby (DATABASE_REPLICA_URL), up to date"
        moment = f"{source.as_of:%Y-%m-%d %H:%M:%S %Z}"
        return f"read from the standby (DATABASE_REPLICA_URL), records as of {moment}"
    if source.why_primary:
        return f"read from the primary: the standby is {WHY_PRIMARY[source.why_primary]}"
    return "read from the database (no standby configured)"


WHY_PRIMARY = {
    "down": "not answering",
    "behind": "further behind than EXPEDIENTE_REPLICA_MAX_LAG_SECONDS",
    "not_standby": "no longer a standby (promoted?)",
    "failed": "failing (the release was computed again on the primary)",
}


def _option(field: str) -> str:
    return {"year": "period"}.get(field, field)


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
