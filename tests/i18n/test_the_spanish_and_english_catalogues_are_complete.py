"""Spanish is the default language and English the fallback: every message in their
catalogues is translated (or deliberately left to the English source), none is a fuzzy
guess, and the compiled catalogues match the sources. Portuguese and French may lag, but
never carry a fuzzy guess (a wrong word is worse than the English one)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "src" / "expediente" / "locale"


def entries(lang: str) -> list[str]:
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    return [block for block in text.split("\n\n") if "msgid " in block]


def untranslated(block: str) -> bool:
    """An entry whose msgstr (or any msgstr[n]) is empty, the header excepted."""
    if re.search(r'^msgid ""\nmsgstr ""\n"', block, re.M):
        return False  # the header
    for match in re.finditer(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M):
        if not "".join(re.findall(r'"(.*)"', match.group(1))):
            return True
    return False


@pytest.mark.parametrize("lang", ["es", "pt", "fr"])
def test_no_message_is_a_fuzzy_guess(lang):
    fuzzy = [b.splitlines()[-2] for b in entries(lang) if "#, fuzzy" in b]
    assert not fuzzy, f"{lang}: fuzzy entries left: {fuzzy[:5]}"


def test_every_spanish_message_is_translated():
    missing = [b for b in entries("es") if untranslated(b)]
    ids = [re.search(r'^msgid "(.*)"', b, re.M).group(1) for b in missing]  # type: ignore[union-attr]
    assert not missing, f"{len(missing)} Spanish messages untranslated, e.g. {ids[:5]}"


@pytest.mark.parametrize("lang", ["en", "es", "pt", "fr"])
def test_each_catalogue_is_compiled(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{lang}: run `make messages`"
    assert mo.stat().st_size > 0


@pytest.mark.parametrize("lang", ["es", "pt", "fr"])
def test_every_plural_has_the_forms_its_language_counts(lang):
    # Spanish counts three forms (one, many of a million, other): a message given two
    # fell back to English for every count above one ("5 days in custody in all")
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    forms = int(re.search(r"nplurals=(\d+)", text).group(1))  # type: ignore[union-attr]
    short = []
    for block in entries(lang):
        if "msgid_plural" not in block or block.lstrip().startswith("#~"):
            continue
        given = re.findall(r'^msgstr\[(\d)\] ((?:".*"\n?)+)', block, re.M)
        filled = {i for i, body in given if "".join(re.findall(r'"(.*)"', body))}
        if filled != {str(i) for i in range(forms)}:
            short.append(re.search(r'^msgid "(.*)"', block, re.M).group(1))  # type: ignore[union-attr]
    assert not short, f"{lang}: plural messages without their {forms} forms: {short[:5]}"
