"""Custody deadlines met on time, and those open past their time at the end of the
period, in SQL: grouped counts over the judge's custody deadlines of the scope
(``sources.custody_deadlines``); the few open at the end whose term ran out and was
extended only after it are read one by one (their missed due moment is in ``detail``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from expediente.custody.missed import lapsed_due
from expediente.stats.indicators.base import Counts, Derived
from expediente.stats.indicators.deadlines import on_time_share_of
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import custody_deadlines, in_period, shared


def custody_deadlines_on_time(scope: Scope, period: Period) -> Counts:
    return shared(("custody_deadlines_on_time", scope, period), lambda: _ended(scope, period))


def _ended(scope: Scope, period: Period) -> Counts:
    missed = Q(missed_at__isnull=False)
    ended = (
        (missed & in_period("missed_at", period))
        | (~missed & in_period("satisfied_at", period))
        | (~missed & Q(satisfied_at__isnull=True) & in_period("stopped_at", period))
    )
    rows = (
        custody_deadlines(scope)  # type: ignore[misc]  # court_code: an annotation
        .filter(ended)
        .values("court_code", "rule_id")
        .annotate(late=Count("id", filter=missed), on_time=Count("id", filter=~missed))
        .order_by()
    )
    out: Counts = {}
    for r in rows:
        for when in ("on_time", "late"):
            if r[when]:
                out[r["court_code"], r["rule_id"], when] = r[when]
    return out


def on_time_share(scope: Scope, period: Period) -> Derived:
    return on_time_share_of(custody_deadlines_on_time(scope, period))


def _open_at(moment: dt.datetime) -> Q:
    still = Q()
    for field in ("satisfied_at", "stopped_at", "suspended_since"):
        still &= Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": moment})
    return Q(start_at__lt=moment) & still


def custody_deadlines_overdue(scope: Scope, period: Period) -> Counts:
    hi = period.hi
    running = custody_deadlines(scope).filter(_open_at(hi))
    out: Counts = {}
    for r in (
        running.filter(due_at__lt=hi)  # type: ignore[misc]  # court_code: an annotation
        .values("court_code", "rule_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        out[r["court_code"], r["rule_id"]] = r["n"]
    # due later, but extended only after the end from a term that had run out before it
    lapsed = running.filter(due_at__gte=hi, missed_at__gte=hi)
    for court, rule, detail, due in lapsed.values_list(  # type: ignore[misc]
        "court_code", "rule_id", "detail", "due_at"
    ):
        if lapsed_due(detail, due) < hi:
            out[court, rule] = out.get((court, rule), 0) + 1
    return out
