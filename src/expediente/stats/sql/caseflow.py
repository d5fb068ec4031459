"""Court efficiency in SQL: grouped counts and a median by OFFSET/LIMIT."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet

from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import cases, in_period, median_of

DAY = 86400.0


def _group(qs: QuerySet) -> Counts:
    return {
        (r["court_code"], r["procedure"]): r["n"]
        for r in qs.values("court_code", "procedure").annotate(n=Count("id"))
        if r["n"]
    }


def _pending(scope: Scope, moment: dt.datetime) -> QuerySet:
    return (
        cases(scope)
        .filter(opened_at__lt=moment)
        .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gte=moment))
    )


def incoming(scope: Scope, period: Period) -> Counts:
    return _group(cases(scope).filter(in_period("opened_at", period)))


def resolved(scope: Scope, period: Period) -> Counts:
    return _group(cases(scope).filter(in_period("resolved_at", period)))


def pending_start(scope: Scope, period: Period) -> Counts:
    return _group(_pending(scope, period.lo))


def pending_end(scope: Scope, period: Period) -> Counts:
    return _group(_pending(scope, period.hi))


def _total(qs: QuerySet) -> int:
    return qs.count()


def clearance_rate(scope: Scope, period: Period) -> Derived:
    return ratio(
        _total(cases(scope).filter(in_period("resolved_at", period))),
        _total(cases(scope).filter(in_period("opened_at", period))),
        scale=100,
    )


def case_turnover(scope: Scope, period: Period) -> Derived:
    return ratio(
        _total(cases(scope).filter(in_period("resolved_at", period))),
        _total(_pending(scope, period.hi)),
    )


def disposition_time(scope: Scope, period: Period) -> Derived:
    return ratio(
        _total(_pending(scope, period.hi)),
        _total(cases(scope).filter(in_period("resolved_at", period))),
        scale=period.days,
    )


def time_to_disposition(scope: Scope, period: Period) -> Derived:
    qs = cases(scope).filter(in_period("resolved_at", period))
    return _days(median_of(qs, F("resolved_at") - F("opened_at")))


def pending_age(scope: Scope, period: Period) -> Derived:
    # the age at the end of the period: the latest openings are the youngest cases
    qs = _pending(scope, period.hi)
    n = qs.count()
    if n == 0:
        return Derived(None, None, 0, undefined="no cases")
    middle = qs.order_by("-opened_at").values_list("opened_at", flat=True)[
        (n - 1) // 2 : n // 2 + 1
    ]
    ages = [(period.hi - opened).total_seconds() / DAY for opened in middle]
    return Derived(sum(ages) / len(ages), None, n)


def _days(d: Derived) -> Derived:
    return d if d.value is None else Derived(d.value / DAY, d.numerator, d.basis)
