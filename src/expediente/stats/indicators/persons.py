"""UN-CTS flows: persons brought into formal contact, indicted (standing in for
"prosecuted", whose UN-CTS wording is not confirmed) and convicted, by ICCS section, sex,
age status and citizenship. Pure Python.

The unit is an accused person in one case; each is counted once per indicator in a
period however many events of the kind they have in it. The ICCS section is that of the
person's first charge.
"""

from __future__ import annotations

from collections.abc import Iterable

from expediente.stats.indicators.base import Counts
from expediente.stats.indicators.rows import AccusedRow
from expediente.stats.period import Period

DIMS = ("section", "sex", "age_status", "citizenship")


def _key(r: AccusedRow) -> tuple[str, ...]:
    return (r.section, r.sex, r.age_status, r.citizenship)


def _count(rows: Iterable[AccusedRow], keep) -> Counts:  # type: ignore[no-untyped-def]
    out: Counts = {}
    for r in rows:
        if keep(r):
            out[_key(r)] = out.get(_key(r), 0) + 1
    return out


def formal_contact(rows: Iterable[AccusedRow], period: Period) -> Counts:
    return _count(rows, lambda r: period.contains(r.added_at))


def indicted(rows: Iterable[AccusedRow], period: Period) -> Counts:
    return _count(rows, lambda r: any(period.contains(t) for t in r.indicted))


def convicted(rows: Iterable[AccusedRow], period: Period) -> Counts:
    return _count(rows, lambda r: any(period.contains(t) for t in r.convicted))
