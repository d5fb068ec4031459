"""Countries a person's nationality may name: ISO 3166-1 alpha-2 codes (and XK, Kosovo,
as CLDR and the EU use it), with their names in the languages Expediente ships, from
``countries.json`` (Unicode CLDR through Babel; the file says which version).

A code that names no country ("XX", "ZZ") is refused where a nationality is recorded
(``docket/core_payloads.py``, so the API, the importer and the staff form alike); the
staff form offers the names, in the reader's language, instead of asking for a code."""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

_FILE = Path(__file__).with_name("countries.json")


@cache
def _names() -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = json.loads(_FILE.read_text(encoding="utf-8"))["names"]
    return names


def is_country(code: str) -> bool:
    return code in _names()


def country_name(code: str, language: str) -> str:
    """The country's name in ``language`` (English where the language is not shipped);
    the code itself for one that names no country (an entry recorded before the check)."""
    names = _names().get(code)
    if names is None:
        return code
    return names.get(language.split("-")[0]) or names["en"]


def _sort_key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def country_choices(language: str) -> list[tuple[str, str]]:
    """(code, name) for every country, by name as the reader's language writes it
    (accents ignored: "Égypte" among the E's)."""
    return sorted(
        ((code, country_name(code, language)) for code in _names()),
        key=lambda pair: _sort_key(pair[1]),
    )
