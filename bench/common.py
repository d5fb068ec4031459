"""What the benchmarks share: the bench database, Django set-up, the result line."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_SCALE = 300


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("the benchmarks need DATABASE_URL=postgres://… (bench/run.py sets it)")
    return url


def django_setup() -> None:
    """Set Django up against DATABASE_URL (which must be PostgreSQL)."""
    database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "expediente.settings")
    os.environ.setdefault("EXPEDIENTE_VAR", str(ROOT / "var"))
    import django

    django.setup()


def expediente_bin() -> str:
    found = BIN / "expediente"
    if found.exists():
        return str(found)
    other = shutil.which("expediente")
    if other is None:
        sys.exit("the `expediente` command is not installed (run `make install`)")
    return other


def result_line(
    name: str, figure: float, unit: str, ratio: float, reference: str, target: str
) -> str:
    """The one line each benchmark ends with."""
    return f"{name}: {figure:,.1f} {unit}; ratio {ratio:.2f} of {reference} (target {target})"
