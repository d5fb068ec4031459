"""Persons held on the reference day, in SQL: distinct persons per status and sex."""

from __future__ import annotations

from django.db.models import Count, Min, Q, QuerySet

from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.indicators.rows import LIBERTY_STATUS, SENTENCE_STATUS, UnknownValue
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import check_sexes, custody_periods

DAY = 86400.0
PERSON = "participation__person"


def _kinds(status: str) -> list[str]:
    return [k for k, s in SENTENCE_STATUS.items() if s == status]


def _held(scope: Scope, period: Period) -> QuerySet:
    qs = custody_periods(scope)
    odd = qs.exclude(kind__in=list(SENTENCE_STATUS)).values_list("kind", flat=True).first()
    if odd is not None:
        raise UnknownValue("custody kind", odd)
    check_sexes(qs, f"{PERSON}__sex")
    return qs.filter(started_at__lte=period.hi).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=period.hi)
    )


def _by_sex(qs: QuerySet, status: str, out: Counts) -> None:
    for r in qs.values(f"{PERSON}__sex").annotate(n=Count(PERSON, distinct=True)):
        if r["n"]:
            key = (status, r[f"{PERSON}__sex"] or "unknown")
            out[key] = out.get(key, 0) + r["n"]


def held_on_day(scope: Scope, period: Period) -> Counts:
    held = _held(scope, period)
    sentenced = held.filter(kind__in=_kinds("sentenced"))
    out: Counts = {}
    _by_sex(sentenced, "sentenced", out)
    unsentenced = held.filter(kind__in=_kinds("unsentenced")).exclude(
        **{f"{PERSON}__in": sentenced.values(PERSON)}
    )
    _by_sex(unsentenced, "unsentenced", out)
    return out


def unsentenced_share(scope: Scope, period: Period) -> Derived:
    counts = held_on_day(scope, period)
    unsentenced = sum(n for (status, _), n in counts.items() if status == "unsentenced")
    return ratio(unsentenced, sum(counts.values()), scale=100)


def time_held_unsentenced(scope: Scope, period: Period) -> Derived:
    per_person = (
        _held(scope, period)
        .filter(kind__in=_kinds("unsentenced"))
        .values(PERSON)
        .annotate(since=Min("started_at"))
    )
    n = per_person.count()
    if n == 0:
        return Derived(None, None, 0, undefined="no cases")
    middle = per_person.order_by("-since").values_list("since", flat=True)[
        (n - 1) // 2 : n // 2 + 1
    ]
    days = [(period.hi - since).total_seconds() / DAY for since in middle]
    return Derived(sum(days) / len(days), None, n)


def juveniles_deprived(scope: Scope, period: Period) -> Counts:
    """Each person once, in their most restrictive status: sentenced, unsentenced, police."""
    held = _held(scope, period).filter(case__procedure="juvenile")
    out: Counts = {}
    taken: list[str] = []
    for status in ("sentenced", "unsentenced", "police"):
        kinds = [k for k, s in LIBERTY_STATUS.items() if s == status]
        qs = held.filter(kind__in=kinds)
        if taken:
            qs = qs.exclude(**{f"{PERSON}__in": held.filter(kind__in=taken).values(PERSON)})
        _by_sex(qs, status, out)
        taken += kinds
    return out
