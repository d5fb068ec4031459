"""Violence against women: accused persons charged with an offence the rule pack flags
as violence against women, and what became of them. Pure Python."""

from __future__ import annotations

from collections.abc import Iterable

from expediente.stats.indicators.base import Counts
from expediente.stats.indicators.rows import AccusedRow
from expediente.stats.period import Period


def vaw_charged(rows: Iterable[AccusedRow], period: Period) -> Counts:
    """Accused persons whose first violence-against-women charge was filed in the period,
    by age status."""
    out: Counts = {}
    for r in rows:
        if period.contains(r.vaw_charged_at):
            out[(r.age_status,)] = out.get((r.age_status,), 0) + 1
    return out


def vaw_outcomes(rows: Iterable[AccusedRow], period: Period) -> Counts:
    """Persons accused of violence against women whose case reached an outcome in the
    period: convicted, else acquitted, else dismissed (one outcome per person)."""
    out: Counts = {}
    for r in rows:
        if r.vaw_charged_at is None:
            continue
        for outcome, moments in (
            ("convicted", r.convicted),
            ("acquitted", r.acquitted),
            ("dismissed", r.dismissed),
        ):
            if any(period.contains(t) for t in moments):
                out[(outcome,)] = out.get((outcome,), 0) + 1
                break
    return out
