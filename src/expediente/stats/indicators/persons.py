"""UN-CTS flows: persons brought into formal contact, indicted (standing in for
"prosecuted", whose UN-CTS wording is not confirmed) and convicted, by ICCS section, sex,
age status and citizenship. Pure Python.

The unit is the person: UN-CTS counts persons, so a person accused in two cases, or
convicted twice, counts once per indicator in a period. Their breakdowns are those of the
first qualifying event in the period (earliest, then the lowest participation id): the
ICCS section of that case's first charge against them filed by the end of the period
("none" when none was filed by then), and that case's procedure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from expediente.stats.indicators.base import Counts
from expediente.stats.indicators.rows import AccusedRow
from expediente.stats.period import Period

DIMS = ("section", "sex", "age_status", "citizenship")


def key_of(r: AccusedRow, period: Period) -> tuple[str, ...]:
    """The breakdowns as known at the end of the period: the ICCS section of the first
    charge filed by then."""
    return (r.section_by(period.hi), r.sex, r.age_status, r.citizenship)


def first_in(moments: Iterable[dt.datetime | None], period: Period) -> dt.datetime | None:
    """The earliest of ``moments`` that falls in the period, or None."""
    inside = [t for t in moments if t is not None and period.contains(t)]
    return min(inside) if inside else None


def per_person(
    rows: Iterable[AccusedRow],
    moment: Callable[[AccusedRow], dt.datetime | None],
    key: Callable[[AccusedRow], tuple[str, ...]],
) -> Counts:
    """Each person once, under the breakdowns of their row with the earliest ``moment``
    (rows without one do not count)."""
    best: dict[int, tuple[dt.datetime, int, tuple[str, ...]]] = {}
    for r in rows:
        at = moment(r)
        if at is None:
            continue
        candidate = (at, r.id, key(r))
        if r.person not in best or candidate < best[r.person]:
            best[r.person] = candidate
    out: Counts = {}
    for _at, _id, k in best.values():
        out[k] = out.get(k, 0) + 1
    return out


def formal_contact(rows: Iterable[AccusedRow], period: Period) -> Counts:
    return per_person(rows, lambda r: first_in([r.added_at], period), lambda r: key_of(r, period))


def indicted(rows: Iterable[AccusedRow], period: Period) -> Counts:
    return per_person(rows, lambda r: first_in(r.indicted, period), lambda r: key_of(r, period))


def convicted(rows: Iterable[AccusedRow], period: Period) -> Counts:
    return per_person(rows, lambda r: first_in(r.convicted, period), lambda r: key_of(r, period))
