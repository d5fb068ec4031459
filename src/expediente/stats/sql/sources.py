"""The querysets every indicator reads, in the database: one per kind of row of
``stats.indicators.rows``. The SQL variants aggregate them; ``stats.load`` reads them
row by row for the pure variants (and the tests compare both)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case as When_
from django.db.models import (
    CharField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Length, Substr

from expediente.custody.models import CustodyPeriod, Deadline
from expediente.docket.models import Case, Charge, Event, Participation
from expediente.stats.indicators.base import Derived
from expediente.stats.indicators.rows import SEXES, UnknownValue
from expediente.stats.period import Period
from expediente.stats.scope import Scope

RESOLVING = ("verdict.delivered", "case.dismissed")
CONVICTED = ("convicted", "partly_convicted")


def in_period(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.lo, f"{field}__lt": period.hi})


def cases(scope: Scope) -> QuerySet[Case]:
    first = (
        Event.objects.filter(case=OuterRef("pk"), type__in=RESOLVING)
        .order_by("occurred_at")
        .values("occurred_at")[:1]
    )
    return Case.objects.filter(court__in=scope.court_ids).annotate(
        resolved_at=Subquery(first), court_code=F("court__code")
    )


def custody_periods(scope: Scope) -> QuerySet[CustodyPeriod]:
    return CustodyPeriod.objects.filter(case__court__in=scope.court_ids)


def arrests(scope: Scope) -> QuerySet[Deadline]:
    return Deadline.objects.filter(court__in=scope.court_ids, start_type="custody.arrested")


def events(scope: Scope, *types: str) -> QuerySet[Event]:
    return Event.objects.filter(case__court__in=scope.court_ids, type__in=types)


def accused(scope: Scope) -> QuerySet[Participation]:
    added = Event.objects.filter(case=OuterRef("case"), seq=OuterRef("added_seq"))
    charges = Charge.objects.filter(accused=OuterRef("pk"))
    return (
        Participation.objects.filter(role="accused", case__court__in=scope.court_ids)
        .annotate(
            added_at=Subquery(added.values("occurred_at")[:1]),
            first_iccs=Subquery(charges.order_by("filed_seq").values("iccs")[:1]),
            vaw_charged_at=Subquery(
                charges.filter(violence_against_women=True)
                .order_by("filed_at")
                .values("filed_at")[:1]
            ),
        )
        .annotate(iccs_len=Length("first_iccs"))
        .annotate(
            section=When_(
                When(first_iccs__isnull=True, then=Value("none")),
                When(iccs_len__lt=2, then=Value("unmapped")),
                default=Substr("first_iccs", 1, 2),
                output_field=CharField(),
            ),
            sex=_sex("person__sex"),
            age_status=F("case__procedure"),
            citizenship=_citizenship(scope.country),
        )
    )


def by_person_event(scope: Scope, period: Period | None, type_: str, *outcomes: str) -> Exists:
    """An accused (OuterRef) has an event of ``type_`` naming them, optionally in the
    period and with one of the outcomes."""
    qs = Event.objects.filter(case=OuterRef("case"), type=type_).annotate(
        who=KT("payload__accused")
    )
    qs = qs.filter(who=OuterRef("uid"))
    if outcomes:
        qs = qs.filter(payload__outcome__in=list(outcomes))
    if period is not None:
        qs = qs.filter(in_period("occurred_at", period))
    return Exists(qs)


def case_event(period: Period, type_: str) -> Exists:
    return Exists(
        Event.objects.filter(case=OuterRef("case"), type=type_).filter(
            in_period("occurred_at", period)
        )
    )


def firearm_victims(scope: Scope) -> QuerySet[Participation]:
    killed = Charge.objects.filter(
        case=OuterRef("case"), iccs__startswith="0101", firearm=True, attempted=False
    ).order_by("filed_at")
    return (
        Participation.objects.filter(role="victim", case__court__in=scope.court_ids)
        .annotate(charged_at=Subquery(killed.values("filed_at")[:1]), sex=_sex("person__sex"))
        .filter(charged_at__isnull=False)
    )


def _citizenship(country: str) -> When_ | Value:
    if not country:
        return Value("unknown", output_field=CharField())
    return When_(
        When(person__nationality="", then=Value("unknown")),
        When(person__nationality__iexact=country, then=Value("national")),
        default=Value("foreign"),
        output_field=CharField(),
    )


def _sex(field: str) -> When_:
    return When_(
        When(**{field: ""}, then=Value("unknown")),
        default=F(field),
        output_field=CharField(),
    )


def check_sexes(qs: QuerySet, field: str = "person__sex") -> None:
    odd = qs.exclude(**{f"{field}__in": list(SEXES)}).values_list(field, flat=True).first()
    if odd is not None:
        raise UnknownValue("sex", odd)


def median_of(qs: QuerySet, expr: object) -> Derived:
    """The median of ``expr`` (a duration) over ``qs``, in seconds: the database orders
    and picks the one or two middle rows (OFFSET/LIMIT), on SQLite and PostgreSQL alike."""
    qs = qs.annotate(_m=ExpressionWrapper(expr, output_field=DurationField()))
    n = qs.count()
    if n == 0:
        return Derived(None, None, 0, undefined="no cases")
    middle: list[dt.timedelta] = list(
        qs.order_by("_m").values_list("_m", flat=True)[(n - 1) // 2 : n // 2 + 1]
    )
    return Derived(sum(m.total_seconds() for m in middle) / len(middle), None, n)
