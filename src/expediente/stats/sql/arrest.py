"""Arrest to first appearance before a judge, in SQL."""

from __future__ import annotations

from django.db.models import Count, F, Q

from expediente.stats.indicators.arrest import APPEARED
from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import arrests, in_period, median_of, shared

HOUR = 3600.0


def arrests_by_limit(scope: Scope, period: Period) -> Counts:
    row = _pass(scope, period)
    out = {("within",): row["within"], ("beyond",): row["late"] + row["lapsed"]}
    return {k: v for k, v in out.items() if v}


def _pass(scope: Scope, period: Period) -> dict[str, int]:
    """One pass over the period's arrests: within and beyond the limit, and how many
    appeared before a judge (the median's count)."""
    return shared(("arrests", scope, period), lambda: _count(scope, period))


def _count(scope: Scope, period: Period) -> dict[str, int]:
    appeared = Q(satisfied_at__isnull=False, satisfied_type__in=APPEARED)
    # not brought, and still held when the limit passed (indicators.arrest.held_past_limit):
    # still running, or released, or stopped by a death in custody, only after the limit
    held_past = (
        Q(open=True)
        | Q(satisfied_at__gt=F("due_at"))
        | Q(satisfied_at__isnull=True, stopped_at__gt=F("due_at"))
    )
    return (
        arrests(scope)
        .filter(in_period("start_at", period))
        .aggregate(
            within=Count("id", filter=appeared & Q(satisfied_at__lte=F("due_at"))),
            late=Count("id", filter=appeared & Q(satisfied_at__gt=F("due_at"))),
            lapsed=Count("id", filter=~appeared & held_past & Q(due_at__lt=period.hi)),
            appeared=Count("id", filter=appeared),
        )
    )


def share_within_limit(scope: Scope, period: Period) -> Derived:
    counts = arrests_by_limit(scope, period)
    return ratio(counts.get(("within",), 0), sum(counts.values()), scale=100)


def hours_to_judge(scope: Scope, period: Period) -> Derived:
    qs = (
        arrests(scope)
        .filter(in_period("start_at", period))
        .filter(satisfied_at__isnull=False, satisfied_type__in=APPEARED)
    )
    d = median_of(qs, F("satisfied_at") - F("start_at"), n=_pass(scope, period)["appeared"])
    return d if d.value is None else Derived(d.value / HOUR, None, d.basis)
