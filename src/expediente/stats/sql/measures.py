"""Custody hearing outcomes, kinds of sentence and the measures ordered, in SQL (the
statistics projection's decisions, corrections applied, and the measures projection)."""

from __future__ import annotations

from django.db.models import Count, Q

from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.indicators.measures import (
    CONVICTED,
    DETENTION,
    HEARING,
    HEARING_OUTCOMES,
    VERDICT,
    recorded_or_nothing,
)
from expediente.stats.indicators.rows import MEASURE_CLASS, UnknownValue
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import decisions, in_period, measures, shared


def hearing_outcomes(scope: Scope, period: Period) -> Counts:
    return shared(("hearings", scope, period), lambda: _hearing_outcomes(scope, period))


def _hearing_outcomes(scope: Scope, period: Period) -> Counts:
    rows = (
        decisions(scope, HEARING)
        .filter(in_period("occurred_at", period))
        .values("outcome")
        .annotate(n=Count("id"))
    )
    out: Counts = {}
    for r in rows:
        key = (r["outcome"] if r["outcome"] in HEARING_OUTCOMES else "other",)
        out[key] = out.get(key, 0) + r["n"]
    return {k: v for k, v in out.items() if v}


def pretrial_detention_share(scope: Scope, period: Period) -> Derived:
    counts = hearing_outcomes(scope, period)
    return ratio(counts.get(("pretrial_detention",), 0), sum(counts.values()), scale=100)


def _convictions(scope: Scope, period: Period) -> dict[str, int]:
    return shared(("convictions", scope, period), lambda: _count_convictions(scope, period))


def _count_convictions(scope: Scope, period: Period) -> dict[str, int]:
    return (
        decisions(scope, VERDICT)
        .filter(in_period("occurred_at", period))
        .filter(outcome__in=CONVICTED)
        .aggregate(
            n_all=Count("id"),
            n_custodial=Count("id", filter=Q(custodial=True)),
            n_free=Count("id", filter=Q(custodial=False)),
        )
    )


def sentence_kinds(scope: Scope, period: Period) -> Counts:
    row = _convictions(scope, period)
    out = {
        ("custodial",): row["n_custodial"],
        ("non_custodial",): row["n_free"],
        ("not_recorded",): row["n_all"] - row["n_custodial"] - row["n_free"],
    }
    return {k: v for k, v in out.items() if v}


def measures_ordered(scope: Scope, period: Period) -> Counts:
    return shared(("measures", scope, period), lambda: _measures_ordered(scope, period))


def _measures_ordered(scope: Scope, period: Period) -> Counts:
    all_measures = measures(scope)
    odd = all_measures.exclude(kind__in=list(MEASURE_CLASS)).values_list("kind", flat=True)
    if odd.first() is not None:
        raise UnknownValue("measure kind", str(odd.first()))
    out: Counts = {
        ("custodial", "pretrial_detention"): decisions(scope, DETENTION)
        .filter(in_period("occurred_at", period))
        .count(),
        ("custodial", "custodial_sentence"): _convictions(scope, period)["n_custodial"],
    }
    imposed = all_measures.filter(in_period("imposed_at", period))
    for r in imposed.values("kind").annotate(n=Count("id")):
        out[(MEASURE_CLASS[r["kind"]], r["kind"])] = r["n"]
    return {k: v for k, v in out.items() if v}


def non_custodial_share(scope: Scope, period: Period) -> Derived:
    counts = recorded_or_nothing(measures_ordered(scope, period))
    free = sum(n for (cls, _k), n in counts.items() if cls == "non_custodial")
    return ratio(free, sum(counts.values()), scale=100)
