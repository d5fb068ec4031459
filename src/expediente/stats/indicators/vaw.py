"""Violence against women: persons charged with an offence the rule pack flags as
violence against women, and what became of them. Pure Python. The unit is the person
(each counted once in a period), as for the UN-CTS flows (``persons``)."""

from __future__ import annotations

from collections.abc import Iterable

from expediente.stats.indicators.base import Counts
from expediente.stats.indicators.persons import first_in, per_person
from expediente.stats.indicators.rows import AccusedRow
from expediente.stats.period import Period

OUTCOMES = ("convicted", "acquitted", "dismissed")  # in this order of precedence


def vaw_charged(rows: Iterable[AccusedRow], period: Period) -> Counts:
    """Persons first charged with violence against women (in a case) in the period, by
    age status."""
    return per_person(
        rows, lambda r: first_in([r.vaw_charged_at], period), lambda r: (r.age_status,)
    )


def outcome_of(r: AccusedRow, period: Period) -> str | None:
    for outcome, moments in zip(OUTCOMES, (r.convicted, r.acquitted, r.dismissed), strict=True):
        if any(period.contains(t) for t in moments):
            return outcome
    return None


def vaw_outcomes(rows: Iterable[AccusedRow], period: Period) -> Counts:
    """Persons charged with violence against women whose case reached an outcome in the
    period: convicted, else acquitted, else dismissed (one outcome per person, the
    first in that order across their cases)."""
    best: dict[int, int] = {}
    for r in rows:
        outcome = outcome_of(r, period) if r.vaw_charged_at is not None else None
        if outcome is not None:
            rank = OUTCOMES.index(outcome)
            best[r.person] = min(rank, best.get(r.person, rank))
    out: Counts = {}
    for rank in best.values():
        out[(OUTCOMES[rank],)] = out.get((OUTCOMES[rank],), 0) + 1
    return out
