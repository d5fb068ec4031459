"""Text helpers for search: "Jose Perez" finds "José Pérez"."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, accents removed, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())
