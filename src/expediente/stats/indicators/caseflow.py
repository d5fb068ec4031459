"""Court efficiency: incoming, resolved and pending cases, clearance rate, case turnover,
disposition time, time to disposition, age of the pending caseload. Pure Python.

The unit is the case; a case is resolved at its first-instance disposition (its first
verdict or dismissal). A reopened case is pending again from its reopening: it comes in
again then, and is resolved again at the next disposition (``CaseRow.stretches``), so
pending at the end = pending at the start + incoming − resolved still holds. Sources:
CEPEJ (indicators.md §3), NCSC CourTools (§4).
"""

from __future__ import annotations

from collections.abc import Iterable

from expediente.stats.indicators.base import Counts, Derived, median, ratio
from expediente.stats.indicators.rows import CaseRow
from expediente.stats.period import Period

DAY = 86400.0


def _count(rows: Iterable[CaseRow], keep) -> Counts:  # type: ignore[no-untyped-def]
    """Stretches of pending (``keep(start, end)``), per (court, procedure)."""
    out: Counts = {}
    for r in rows:
        for start, end in r.stretches():
            if keep(start, end):
                key = (r.court, r.procedure)
                out[key] = out.get(key, 0) + 1
    return out


def incoming(rows: Iterable[CaseRow], period: Period) -> Counts:
    return _count(rows, lambda start, end: period.contains(start))


def resolved(rows: Iterable[CaseRow], period: Period) -> Counts:
    return _count(rows, lambda start, end: period.contains(end))


def _pending_at(start, end, moment) -> bool:  # type: ignore[no-untyped-def]
    return start < moment and (end is None or end >= moment)


def pending_start(rows: Iterable[CaseRow], period: Period) -> Counts:
    return _count(rows, lambda start, end: _pending_at(start, end, period.lo))


def pending_end(rows: Iterable[CaseRow], period: Period) -> Counts:
    return _count(rows, lambda start, end: _pending_at(start, end, period.hi))


def clearance_rate(rows: list[CaseRow], period: Period) -> Derived:
    """CR = resolved / incoming × 100."""
    return ratio(
        sum(resolved(rows, period).values()), sum(incoming(rows, period).values()), scale=100
    )


def case_turnover(rows: list[CaseRow], period: Period) -> Derived:
    """CTR = resolved / pending at the end of the period."""
    return ratio(sum(resolved(rows, period).values()), sum(pending_end(rows, period).values()))


def disposition_time(rows: list[CaseRow], period: Period) -> Derived:
    """DT = pending at end / resolved × (days in the period): 365 / CTR for a year."""
    return ratio(
        sum(pending_end(rows, period).values()),
        sum(resolved(rows, period).values()),
        scale=period.days,
    )


def time_to_disposition(rows: Iterable[CaseRow], period: Period) -> Derived:
    """Median days from opening to first-instance disposition, cases resolved in the period."""
    return median(
        [
            (r.resolved_at - r.opened_at).total_seconds() / DAY
            for r in rows
            if r.resolved_at is not None and period.contains(r.resolved_at)
        ]
    )


def pending_age(rows: Iterable[CaseRow], period: Period) -> Derived:
    """Median age in days, at the end of the period, of the cases pending then."""
    return median(
        [
            (period.hi - r.opened_at).total_seconds() / DAY
            for r in rows
            for start, end in r.stretches()
            if _pending_at(start, end, period.hi)
        ]
    )
