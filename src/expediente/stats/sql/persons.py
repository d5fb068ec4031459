"""UN-CTS flows of persons, violence against women and firearm deaths, in SQL."""

from __future__ import annotations

from django.db.models import Case as When_
from django.db.models import CharField, Count, QuerySet, Value, When

from expediente.stats.indicators.base import Counts
from expediente.stats.indicators.persons import DIMS
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import (
    CONVICTED,
    accused,
    by_person_event,
    case_event,
    check_sexes,
    firearm_victims,
    in_period,
)


def _group(qs: QuerySet, dims: tuple[str, ...] = DIMS) -> Counts:
    return {
        tuple(r[d] for d in dims): r["n"]
        for r in qs.values(*dims).annotate(n=Count("id"))
        if r["n"]
    }


def _accused(scope: Scope) -> QuerySet:
    qs = accused(scope)
    check_sexes(qs)
    return qs


def formal_contact(scope: Scope, period: Period) -> Counts:
    return _group(_accused(scope).filter(in_period("added_at", period)))


def indicted(scope: Scope, period: Period) -> Counts:
    return _group(_accused(scope).filter(by_person_event(scope, period, "indictment.filed")))


def convicted(scope: Scope, period: Period) -> Counts:
    return _group(
        _accused(scope).filter(by_person_event(scope, period, "verdict.delivered", *CONVICTED))
    )


def vaw_charged(scope: Scope, period: Period) -> Counts:
    return _group(_accused(scope).filter(in_period("vaw_charged_at", period)), ("age_status",))


def vaw_outcomes(scope: Scope, period: Period) -> Counts:
    qs = (
        _accused(scope)
        .filter(vaw_charged_at__isnull=False)
        .annotate(
            conv=by_person_event(scope, period, "verdict.delivered", *CONVICTED),
            acq=by_person_event(scope, period, "verdict.delivered", "acquitted"),
            dis=case_event(period, "case.dismissed"),
        )
        .annotate(
            outcome=When_(
                When(conv=True, then=Value("convicted")),
                When(acq=True, then=Value("acquitted")),
                When(dis=True, then=Value("dismissed")),
                default=Value(""),
                output_field=CharField(),
            )
        )
        .exclude(outcome="")
    )
    return _group(qs, ("outcome",))


def firearm_deaths(scope: Scope, period: Period) -> Counts:
    qs = firearm_victims(scope)
    check_sexes(qs)
    return _group(qs.filter(in_period("charged_at", period)), ("sex",))
