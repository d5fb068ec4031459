"""Custodial and non-custodial measures: what custody hearings decided, whether the
sentences of those convicted deprive them of liberty, and every measure ordered, custodial
(pretrial detention, custodial sentences) or not (the measures module's precautionary
measures and alternative penalties). Pure Python."""

from __future__ import annotations

from collections.abc import Iterable

from expediente.docket.verdicts import CONVICTIONS
from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.indicators.rows import DecisionRow, measure_class
from expediente.stats.period import Period

HEARING = "custody.hearing_held"
VERDICT = "verdict.delivered"
DETENTION = "custody.pretrial_ordered"
MEASURE = "measure.imposed"
HEARING_OUTCOMES = ("pretrial_detention", "alternative_measures", "released")
CONVICTED = CONVICTIONS
ORDER_DIMS = ("measure_class", "measure")


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


def order_of(r: DecisionRow) -> tuple[str, str] | None:
    """(class, kind) of a decision that orders a measure, or None."""
    if r.type == DETENTION:
        return ("custodial", "pretrial_detention")
    if r.type == VERDICT and r.outcome in CONVICTED and r.custodial:
        return ("custodial", "custodial_sentence")
    if r.type == MEASURE:
        return (measure_class(r.outcome), r.outcome)  # raises on a kind nobody classified
    return None


def measures_ordered(rows: Iterable[DecisionRow], period: Period) -> Counts:
    """Measures ordered in the period by (class, kind): pretrial detention orders and
    custodial sentences; each precautionary measure or alternative penalty imposed. The
    custodial orders are counted whether or not a non-custodial measure is recorded (until
    2026-12 a period with none showed nothing at all); the share is what the silence of
    the measures module withholds (``non_custodial_share``, ``recorded_or_nothing``)."""
    out: Counts = {}
    for r in rows:
        key = order_of(r)
        if key is not None and period.contains(r.occurred_at):
            out[key] = out.get(key, 0) + 1
    return out


def recorded_or_nothing(counts: Counts) -> Counts:
    """The measures ordered, or nothing when the period has no non-custodial measure
    recorded (the measures module's entries; none before it was in use): what the share
    rests on. The custodial orders alone would give a 0 % share, where the records are
    only silent: hearings ordered alternative measures that nobody entered."""
    if not any(cls == "non_custodial" for cls, _kind in counts):
        return {}
    return counts


def non_custodial_share(rows: list[DecisionRow], period: Period) -> Derived:
    """Non-custodial measures / all measures ordered × 100; nothing to compute from when
    no non-custodial measure is recorded in the period (never 0 %)."""
    counts = recorded_or_nothing(measures_ordered(rows, period))
    free = sum(n for (cls, _k), n in counts.items() if cls == "non_custodial")
    return ratio(free, sum(counts.values()), scale=100)
