"""Hearings that did not happen, in SQL: one grouped pass over the dates set for the
scope's hearings (``court.Sitting``) that fell in the period, classified as the pure
variant does (``indicators.rows.hearing_kind``, ``hearing_outcome``: an unknown kind or
reason stops the figure, naming it). Trial date certainty: one grouped statement over
the scope's cases, each with its first verdict and the number of trial settings
recorded before it."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery

from expediente.court.models import Sitting
from expediente.stats.indicators.base import Counts, Derived
from expediente.stats.indicators.hearings import (
    MOVED,
    TRIAL,
    first_share_of,
    settings_class,
    share_of,
)
from expediente.stats.indicators.rows import age_status, hearing_kind, hearing_outcome
from expediente.stats.models import Decision
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import cases, in_period, shared, sittings


def hearings_not_held(scope: Scope, period: Period) -> Counts:
    return shared(("hearings_not_held", scope, period), lambda: _count(scope, period))


def _count(scope: Scope, period: Period) -> Counts:
    rows = (
        sittings(scope)  # type: ignore[misc]  # court_code: an annotation of sittings()
        .filter(in_period("starts_at", period))
        .exclude(status=MOVED)
        .values("court_code", "kind", "status", "reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    out: Counts = {}
    for r in rows:
        key = (
            r["court_code"],
            hearing_kind(r["kind"]),
            *hearing_outcome(r["status"], r["reason"]),
        )
        out[key] = out.get(key, 0) + r["n"]
    return out


def not_held_share(scope: Scope, period: Period) -> Derived:
    return share_of(hearings_not_held(scope, period))


def trial_date_certainty(scope: Scope, period: Period) -> Counts:
    return shared(("trial_date_certainty", scope, period), lambda: _trials(scope, period))


def _trials(scope: Scope, period: Period) -> Counts:
    first = Decision.objects.filter(case_id=OuterRef("case_id"), type=Decision.VERDICT).order_by(
        "occurred_at", "seq"
    )
    settings = (
        Sitting.objects.filter(
            case_id=OuterRef("case_id"), kind=TRIAL, set_by_seq__lt=OuterRef("verdict_seq")
        )
        .order_by()
        .values("case_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    rows = (
        cases(scope)
        .annotate(
            verdict_at=Subquery(first.values("occurred_at")[:1]),
            verdict_seq=Subquery(first.values("seq")[:1]),
        )
        .filter(in_period("verdict_at", period))
        .annotate(settings=Subquery(settings[:1], output_field=IntegerField()))
        .filter(settings__gte=1)
        .values("court_code", "procedure", "settings")
        .annotate(n=Count("case_id"))
        .order_by()
    )
    out: Counts = {}
    for r in rows:
        key = (r["court_code"], age_status(r["procedure"]), settings_class(r["settings"]))
        out[key] = out.get(key, 0) + r["n"]
    return out


def first_setting_share(scope: Scope, period: Period) -> Derived:
    return first_share_of(trial_date_certainty(scope, period))
