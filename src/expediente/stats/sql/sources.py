"""The querysets every indicator reads, in the database: one per kind of row of
``stats.indicators.rows``. The SQL variants aggregate them; ``stats.load`` reads them
row by row for the pure variants (and the tests compare both).

They read projections, never the event log: the statistics projection
(``stats.models``: cases, decisions and accused persons, corrections applied), the
custody projection (custody periods, the arrest deadlines) and the measures projection.
An expunged case is in none of them (``live_cases``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db.models import Case as When_
from django.db.models import (
    CharField,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Length, Substr

from expediente.court.models import Sitting
from expediente.custody.models import CustodyPeriod, Deadline, OwedBy
from expediente.docket.models import Charge, Participation
from expediente.docket.verdicts import CONVICTIONS
from expediente.measures.models import Measure
from expediente.stats.deadline_rules import arrest_rule_ids, judge_rule_ids
from expediente.stats.indicators.base import Derived
from expediente.stats.models import AccusedFlow, CaseFlow, CaseSpell, CounselEntry, Decision
from expediente.stats.period import Period
from expediente.stats.scope import Scope

# the results shared by the indicators of one release (``compute.release``)
_RELEASE: ContextVar[dict[Hashable, Any] | None] = ContextVar("stats_release", default=None)
T = TypeVar("T")

RESOLVING = (Decision.VERDICT, Decision.DISMISSAL)
HOMICIDE, HOMICIDE_NEXT = "0101", "0102"  # ICCS 0101, intentional homicide
CONVICTED = CONVICTIONS


@contextmanager
def release() -> Iterator[None]:
    """Indicators computed inside share the counts they rest on (a family's one query:
    the case flows, the persons held, the arrests, the hearing outcomes, the measures),
    as one release reads the records once. Outside, each computes its own."""
    token = _RELEASE.set({})
    try:
        yield
    finally:
        _RELEASE.reset(token)


def shared(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per release for the same key (which names the scope and the
    period); outside a release, every time."""
    memo = _RELEASE.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def no_cases(scope: Scope) -> bool:
    """The scope is limited to no case at all (an extract the public may see nothing
    of): a figure that writes its own SQL counts nothing then, as Django will not write
    a query that can match no row (``EmptyResultSet``)."""
    return scope.cases is not None and not scope.cases


def in_period(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.lo, f"{field}__lt": period.hi})


def expunged() -> QuerySet[CaseFlow, Any]:
    """The ids of the expunged cases (few): every source leaves them out."""
    return CaseFlow.objects.filter(expunged=True).values("case_id")


def _of(scope: Scope, qs: QuerySet, case: str = "case_id") -> QuerySet:
    """``qs`` in the scope's courts, without the expunged cases (and only the scope's
    cases when it names them)."""
    qs = qs.filter(court__in=scope.court_ids).exclude(**{f"{case}__in": expunged()})
    return qs if scope.cases is None else qs.filter(**{f"{case}__in": sorted(scope.cases)})


def cases(scope: Scope) -> QuerySet[CaseFlow]:
    return _of(scope, CaseFlow.objects.filter(expunged=False)).annotate(court_code=F("court__code"))


def spells(scope: Scope) -> QuerySet[CaseSpell]:
    """The stretches the scope's cases are pending (from the opening or a reopening to
    the next disposition)."""
    return _of(scope, CaseSpell.objects.all()).annotate(court_code=F("court__code"))


def custody_periods(scope: Scope) -> QuerySet[CustodyPeriod]:
    return _of(scope, CustodyPeriod.objects.all())


def arrests(scope: Scope) -> QuerySet[Deadline]:
    """The pack's clocks that start at an arrest (the time to be brought before a judge:
    ``arrest_rule_ids``; a review found the release watch an arrest with no ground starts
    counted as a second arrest), not a detention order's clocks that waited for the arrest
    carrying it out (their row starts at that arrest too: ``detail.waited``)."""
    rules = arrest_rule_ids(c.rule_pack for c in scope.courts)
    rows = Deadline.objects.filter(start_type="custody.arrested", rule_id__in=rules)
    return _of(scope, rows.exclude(detail__has_key="waited"))


def custody_deadlines(scope: Scope) -> QuerySet[Deadline]:
    """The custody deadlines of the scope's cases that the court owes and the rules alert
    the judge of (``stats.deadline_rules``: without the court's own target for answering
    a petition, with a petition's term set by law), with the court's code."""
    rules = judge_rule_ids(c.rule_pack for c in scope.courts)
    # whose act it awaited is the row's own (its court's pack, as the projector read it)
    rows = Deadline.objects.filter(rule_id__in=rules, owed_by=OwedBy.COURT)
    return _of(scope, rows).annotate(court_code=F("court__code"))


def sittings(scope: Scope) -> QuerySet[Sitting]:
    """The dates set for the hearings of the scope's cases (the court calendar's
    projection, corrections applied: a corrected entry restates its sitting), with the
    court's code."""
    return _of(scope, Sitting.objects.all()).annotate(court_code=F("court__code"))


def decisions(scope: Scope, *types: str) -> QuerySet[Decision]:
    return _of(scope, Decision.objects.filter(type__in=types))


def measures(scope: Scope) -> QuerySet[Measure]:
    return _of(scope, Measure.objects.all())


def accused(scope: Scope, period: Period | None = None) -> QuerySet[AccusedFlow]:
    """Accused persons in a case, with their UN-CTS breakdowns, all read from the row
    itself (no join): ICCS section of their first charge filed by the end of ``period``
    ("none" when there was none by then), sex, age status (the case's procedure),
    citizenship."""
    none = [When(first_iccs__isnull=True, then=Value("none"))]
    if period is not None:  # a charge filed after the period was not known at its end
        none.append(When(~Q(first_iccs_at__lt=period.hi), then=Value("none")))
    return (
        _of(scope, AccusedFlow.objects.all())
        .annotate(iccs_len=Length("first_iccs"))
        .annotate(
            section=When_(
                *none,
                When(iccs_len__lt=2, then=Value("unmapped")),
                default=Substr("first_iccs", 1, 2),
                output_field=CharField(),
            ),
            sex=_sex("person_sex"),
            age_status=F("case_procedure"),
            citizenship=_citizenship(scope.country, "person_nationality"),
        )
    )


def counsel_entries(scope: Scope) -> QuerySet[CounselEntry]:
    """The ``participant.acts_for`` entries of the scope's cases (as last corrected) that
    name a lawyer and an accused of the case."""
    rows = CounselEntry.objects.filter(counsel__isnull=False, accused__isnull=False)
    return _of(scope, rows)


def _killed() -> QuerySet[Charge]:
    """Charges of completed intentional homicide by firearm (ICCS 0101). The range on
    the code lets the database use its index on it; the prefix test keeps it exact."""
    return Charge.objects.filter(
        iccs__gte=HOMICIDE, iccs__lt=HOMICIDE_NEXT, iccs__startswith=HOMICIDE
    ).filter(firearm=True, attempted=False)


def _victims_of(scope: Scope, cases: QuerySet) -> QuerySet[Participation]:
    victims = Participation.objects.filter(
        role="victim", case__court__in=scope.court_ids, case__in=cases
    ).exclude(case_id__in=expunged())
    if scope.cases is not None:
        victims = victims.filter(case_id__in=sorted(scope.cases))
    return victims.annotate(sex=_sex("person__sex"))


def firearm_victims(scope: Scope) -> QuerySet[Participation]:
    """Victims in cases charged with completed intentional homicide by firearm, with the
    moment of the first such charge: read from the charges first, so only the few cases
    concerned are looked at."""
    first = _killed().filter(case=OuterRef("case")).values("case").annotate(at=Min("filed_at"))
    victims = _victims_of(scope, _killed().values("case"))
    return victims.annotate(charged_at=Subquery(first.values("at")[:1]))


def firearm_victims_in(scope: Scope, period: Period) -> QuerySet[Participation]:
    """The victims whose case's first such charge falls in the period: the cases are
    picked by one grouped pass over the homicide charges."""
    cases = (
        _killed()
        .values("case_id")
        .annotate(first=Min("filed_at"))
        .filter(first__gte=period.lo, first__lt=period.hi)
        .values("case_id")
    )
    return _victims_of(scope, cases)


def _citizenship(country: str, field: str = "person__nationality") -> When_ | Value:
    """As ``indicators.rows.citizenship_class``: stateless before anything else."""
    stateless = When(**{field: "stateless"}, then=Value("stateless"))
    if not country:
        return When_(stateless, default=Value("unknown"), output_field=CharField())
    return When_(
        stateless,
        When(**{field: ""}, then=Value("unknown")),
        When(**{f"{field}__iexact": country}, then=Value("national")),
        default=Value("foreign"),
        output_field=CharField(),
    )


def _sex(field: str) -> When_:
    return When_(
        When(**{field: ""}, then=Value("unknown")),
        default=F(field),
        output_field=CharField(),
    )


def median_of(qs: QuerySet, expr: object, n: int | None = None) -> Derived:
    """The median of ``expr`` (a duration) over ``qs``, in seconds: the database orders
    and picks the one or two middle rows (OFFSET/LIMIT), on SQLite and PostgreSQL alike.
    ``n``: the number of rows of ``qs`` when another query of the release counted them."""
    qs = qs.annotate(_m=ExpressionWrapper(expr, output_field=DurationField()))
    n = qs.count() if n is None else n
    if n == 0:
        return Derived(None, None, 0, undefined="no cases")
    middle: list[dt.timedelta] = list(
        qs.order_by("_m").values_list("_m", flat=True)[(n - 1) // 2 : n // 2 + 1]
    )
    return Derived(sum(m.total_seconds() for m in middle) / len(middle), None, n)
