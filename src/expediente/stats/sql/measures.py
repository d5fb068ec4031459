"""Custody hearing outcomes and kinds of sentence, in SQL (JSON payload keys)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.db.models.fields.json import KT

from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.indicators.measures import CONVICTED, HEARING, HEARING_OUTCOMES, VERDICT
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import events, in_period


def hearing_outcomes(scope: Scope, period: Period) -> Counts:
    rows = (
        events(scope, HEARING)
        .filter(in_period("occurred_at", period))
        .annotate(outcome=KT("payload__outcome"))
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


def sentence_kinds(scope: Scope, period: Period) -> Counts:
    row = (
        events(scope, VERDICT)
        .filter(in_period("occurred_at", period))
        .filter(payload__outcome__in=CONVICTED)
        .aggregate(
            all=Count("id"),
            custodial=Count("id", filter=Q(payload__custodial=True)),
            non_custodial=Count("id", filter=Q(payload__custodial=False)),
        )
    )
    out = {
        ("custodial",): row["custodial"],
        ("non_custodial",): row["non_custodial"],
        ("not_recorded",): row["all"] - row["custodial"] - row["non_custodial"],
    }
    return {k: v for k, v in out.items() if v}
