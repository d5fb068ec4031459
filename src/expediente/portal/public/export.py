"""The public bulk export: every case of a court the public may see, as the public sees
it (the same ``disclose`` as the public pages), one JSON object a line.

The file is written under a temporary name and renamed at the end, so an interrupted
export leaves nothing half-written and a re-run replaces the file whole. The file name
is checked: letters, digits, dots, dashes and underscores only, inside the folder given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from expediente.access.disclosure import PUBLIC, disclose
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Court
from expediente.portal.public.lookup import present_public
from expediente.rules.loader import load_pack

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def export_path(folder: Path, name: str) -> Path:
    """``folder/name``, refusing any name that could leave the folder or hide a file."""
    if not SAFE_NAME.fullmatch(name) or ".." in name:
        raise InvalidInput(
            f"name: {name!r} is not a plain file name; use letters, digits, dots, dashes "
            "and underscores only (no folders, no '..')",
            errors=[{"field": "name", "message": "use letters, digits, '.', '-' and '_' only"}],
        )
    base = folder.resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise InvalidInput(
            f"name: {name!r} leads outside {base}",
            errors=[{"field": "name", "message": "the file must be inside the folder"}],
        )
    return target


def public_rows(court: Court, now: dt.datetime) -> Iterator[dict[str, Any] | None]:
    """The public view of each case of ``court``, oldest first; None for a case the
    public may not see (so a caller can count progress over every case)."""
    pack = load_pack(court.rule_pack)
    cases = Case.objects.filter(court=court).select_related("court").order_by("id")
    for case in cases.iterator(chunk_size=200):
        view = disclose(PUBLIC, case, channel="export", pack=pack)
        yield _jsonable(dataclasses.asdict(present_public(view, now))) if view.visible else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def public_export(
    *, court: Court, folder: Path, name: str, now: dt.datetime, progress: Callable[[int, int], None]
) -> tuple[Path, int]:
    """Write the court's public export to ``folder/name``; returns the path and the count."""
    target = export_path(folder, name)
    total = Case.objects.filter(court=court).count()
    tmp = target.with_name(f".{target.name}.part")
    written = 0
    try:
        with tmp.open("w", encoding="utf-8") as out:
            for done, row in enumerate(public_rows(court, now), start=1):
                if row is not None:
                    out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                    written += 1
                progress(done, total)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    progress(total, total)
    return target, written
