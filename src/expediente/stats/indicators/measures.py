"""Custodial and non-custodial measures: what custody hearings decided, and whether
the sentences of those convicted deprive them of liberty. Pure Python."""

from __future__ import annotations

from collections.abc import Iterable

from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.indicators.rows import DecisionRow
from expediente.stats.period import Period

HEARING = "custody.hearing_held"
VERDICT = "verdict.delivered"
HEARING_OUTCOMES = ("pretrial_detention", "alternative_measures", "released")
CONVICTED = ("convicted", "partly_convicted")


def hearing_outcomes(rows: Iterable[DecisionRow], period: Period) -> Counts:
    out: Counts = {}
    for r in rows:
        if r.type == HEARING and period.contains(r.occurred_at):
            key = (r.outcome if r.outcome in HEARING_OUTCOMES else "other",)
            out[key] = out.get(key, 0) + 1
    return out


def pretrial_detention_share(rows: list[DecisionRow], period: Period) -> Derived:
    """Custody hearings that ordered pretrial detention / custody hearings × 100."""
    counts = hearing_outcomes(rows, period)
    return ratio(counts.get(("pretrial_detention",), 0), sum(counts.values()), scale=100)


def sentence_kinds(rows: Iterable[DecisionRow], period: Period) -> Counts:
    out: Counts = {}
    for r in rows:
        if r.type == VERDICT and r.outcome in CONVICTED and period.contains(r.occurred_at):
            key = (
                "not_recorded"
                if r.custodial is None
                else "custodial"
                if r.custodial
                else "non_custodial",
            )
            out[key] = out.get(key, 0) + 1
    return out
