"""Court efficiency in SQL: the four case flows counted in one pass over the stretches
the cases are pending (``CaseSpell``: a reopened case is pending again from its
reopening), the rates from them, and medians by OFFSET/LIMIT."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q

from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import cases, in_period, median_of, shared, spells

DAY = 86400.0


Flows = dict[tuple[str, str], tuple[int, int, int, int]]
INCOMING, RESOLVED, PENDING_START, PENDING_END = range(4)


def _pending(moment: dt.datetime) -> Q:
    return Q(started_at__lt=moment) & (Q(ended_at__isnull=True) | Q(ended_at__gte=moment))


def _flows(scope: Scope, period: Period) -> Flows:
    """Per (court, procedure): cases opened or reopened, resolved, pending at the start
    and pending at the end of the period, in one pass over the stretches the cases are
    pending (one query for the family)."""

    def count() -> Flows:
        rows = (
            spells(scope)  # type: ignore[misc]  # court_code: an annotation of spells()
            .filter(started_at__lt=period.hi)
            .values("court_code", "procedure")
            .annotate(
                incoming=Count("id", filter=in_period("started_at", period)),
                resolved=Count("id", filter=in_period("ended_at", period)),
                start=Count("id", filter=_pending(period.lo)),
                end=Count("id", filter=_pending(period.hi)),
            )
            .order_by()
        )
        return {
            (r["court_code"], r["procedure"]): (r["incoming"], r["resolved"], r["start"], r["end"])
            for r in rows
        }

    return shared(("caseflow", scope, period), count)


def _group(scope: Scope, period: Period, which: int) -> Counts:
    return {k: v[which] for k, v in _flows(scope, period).items() if v[which]}


def _total(scope: Scope, period: Period, which: int) -> int:
    return sum(v[which] for v in _flows(scope, period).values())


def incoming(scope: Scope, period: Period) -> Counts:
    return _group(scope, period, INCOMING)


def resolved(scope: Scope, period: Period) -> Counts:
    return _group(scope, period, RESOLVED)


def pending_start(scope: Scope, period: Period) -> Counts:
    return _group(scope, period, PENDING_START)


def pending_end(scope: Scope, period: Period) -> Counts:
    return _group(scope, period, PENDING_END)


def clearance_rate(scope: Scope, period: Period) -> Derived:
    return ratio(_total(scope, period, RESOLVED), _total(scope, period, INCOMING), scale=100)


def case_turnover(scope: Scope, period: Period) -> Derived:
    return ratio(_total(scope, period, RESOLVED), _total(scope, period, PENDING_END))


def disposition_time(scope: Scope, period: Period) -> Derived:
    return ratio(
        _total(scope, period, PENDING_END), _total(scope, period, RESOLVED), scale=period.days
    )


def time_to_disposition(scope: Scope, period: Period) -> Derived:
    """Over the cases whose first disposition falls in the period (a disposition after a
    reopening is not a first one)."""
    qs = cases(scope).filter(in_period("resolved_at", period))
    return _days(median_of(qs, F("resolved_at") - F("opened_at")))


def pending_age(scope: Scope, period: Period) -> Derived:
    # the age at the end of the period, from the case's opening (CourTools 4: from
    # filing), a reopened case too: the latest openings are the youngest cases
    qs = spells(scope).filter(_pending(period.hi))
    n = _total(scope, period, PENDING_END)
    if n == 0:
        return Derived(None, None, 0, undefined="no cases")
    middle = qs.order_by("-case_opened_at").values_list("case_opened_at", flat=True)[
        (n - 1) // 2 : n // 2 + 1
    ]
    ages = [(period.hi - opened).total_seconds() / DAY for opened in middle]
    return Derived(sum(ages) / len(ages), None, n)


def _days(d: Derived) -> Derived:
    return d if d.value is None else Derived(d.value / DAY, d.numerator, d.basis)
