"""Entries as last corrected: the one fold every reader of corrected entries shares.

A correction (an event with ``corrects_seq``) restates the entry it corrects, whole; a
correction of a correction restates the first entry too. Taken in record order, the
latest version of each entry wins. Callers read the rows they need (one query, in order
of ``seq``) and fold them here, with whatever they keep of each row as its value.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def as_last_corrected(
    rows: Iterable[tuple[int, int | None, T]],
) -> tuple[dict[int, T], dict[int, int]]:
    """Fold ``rows`` (seq, corrects_seq, value), in record order: the value of each
    entry's latest version, by the number the entry was first recorded under (in the
    order entries were first recorded), and, for every seq given, that first number.

    A correction of an entry not among ``rows`` (of a type the caller did not read)
    stands for that entry: it is kept under the number it corrects."""
    origin: dict[int, int] = {}
    latest: dict[int, T] = {}
    for seq, corrects, value in rows:
        first = origin.get(corrects, corrects) if corrects is not None else seq
        origin[seq] = first
        latest[first] = value
    return latest, origin
