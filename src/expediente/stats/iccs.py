"""The UNODC International Classification of Crime for Statistical Purposes (ICCS v1.0, 2015).

Source: ``iccs.csv`` beside this file, copied from ``shared/reference/iccs.csv`` (UNODC
ICCS v1.0, English and Spanish tables; see that folder's README for provenance), with
the same codes. Two English section names are corrected here from typos in the reference
copy (lines 110 and 157: "Acts agains property", "phsychoactive"), which is left as it
is. Pure Python, no Django.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

CSV = Path(__file__).resolve().parent / "iccs.csv"


@dataclass(frozen=True)
class Category:
    code: str
    level: int
    parent: str | None
    name_en: str
    name_es: str

    @property
    def section(self) -> str:
        return self.code[:2]


@functools.cache
def categories() -> dict[str, Category]:
    with CSV.open(encoding="utf-8", newline="") as fh:
        return {
            row["code"]: Category(
                code=row["code"],
                level=int(row["level"]),
                parent=row["parent"] or None,
                name_en=row["name_en"],
                name_es=row["name_es"],
            )
            for row in csv.DictReader(fh)
        }


def get(code: str) -> Category | None:
    return categories().get(code)
