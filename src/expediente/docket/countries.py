"""Countries a person's nationality may name: ISO 3166-1 alpha-2 codes (and XK, Kosovo,
as CLDR and the EU use it), with their names in the languages Expediente ships, from
``countries.json`` (Unicode CLDR through Babel; the file says which version).

A code that names no country ("XX", "ZZ") is refused where a nationality is recorded
(``docket/core_payloads.py``, so the API, the importer and the staff form alike); the
staff form offers the names, in the reader's language, instead of asking for a code.

A stateless person (no State considers them its national: 1954 Convention relating to the
Status of Stateless Persons, art. 1(1)) is recorded as ``stateless``: a value of its own,
not a country code and not in the country list, and not "not known" (blank) either. The
staff form offers it apart from the countries; the API takes and gives ``"stateless"``
(docs/api.md).

A person with two nationalities is recorded with one: the court's own country when it is
one of them (a national of the court's country is owed no consular notification; that
practice varies is said "to confirm" in the intl pack), otherwise the one they claim."""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

_FILE = Path(__file__).with_name("countries.json")

STATELESS = "stateless"
# the longest value a nationality column holds: "stateless"
NATIONALITY_MAX_LENGTH = len(STATELESS)


@cache
def _names() -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = json.loads(_FILE.read_text(encoding="utf-8"))["names"]
    return names


def is_country(code: str) -> bool:
    return code in _names()


def is_nationality(value: str) -> bool:
    """A country (``is_country``) or ``stateless``."""
    return value == STATELESS or is_country(value)


def country_name(code: str, language: str) -> str:
    """The country's name in ``language`` (English where the language is not shipped);
    the code itself for one that names no country (an entry recorded before the check)."""
    names = _names().get(code)
    if names is None:
        return code
    return names.get(language.split("-")[0]) or names["en"]


def nationality_name(value: str, language: str) -> str:
    """How a page names a recorded nationality: the country's name, "Stateless", or
    "Not recorded" for a blank (the active language's words for the last two)."""
    if value == STATELESS:
        return _("Stateless")
    if not value:
        return _("Not recorded")
    return country_name(value, language)


def _sort_key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def country_choices(language: str) -> list[tuple[str, str]]:
    """(code, name) for every country, by name as the reader's language writes it
    (accents ignored: "Égypte" among the E's)."""
    return sorted(
        ((code, country_name(code, language)) for code in _names()),
        key=lambda pair: _sort_key(pair[1]),
    )
