"""Text helpers for search: "Jose Perez" finds "José Pérez"."""

from __future__ import annotations

import unicodedata

from django.db.models import Q

SEPARATORS = ("-", " ", ".", "/")  # ignored in identifiers: "102340567" is "1-0234-0567"


def fold(text: str) -> str:
    """Lower case, accents removed, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def name_matches(text: str, name: str) -> bool:
    """Does ``text`` start a word of ``name`` (both folded): the case search's and the
    reporting desk's rule for names; ``name_condition`` is the same rule in SQL."""
    words, folded = fold(name), fold(text)
    return bool(folded) and (words.startswith(folded) or f" {folded}" in words)


def name_condition(field: str, text: str) -> Q:
    """``name_matches`` as a query condition on ``field``, a folded name column
    (``Person.search_name``: a B-tree serves the first half, PostgreSQL's trigram index
    the second)."""
    folded = fold(text)
    return Q(**{f"{field}__startswith": folded}) | Q(**{f"{field}__contains": f" {folded}"})


def compact(text: str) -> str:
    """An identifier without its ``SEPARATORS``, to compare as typed and as recorded."""
    return "".join(c for c in text if c not in SEPARATORS)
