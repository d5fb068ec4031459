"""Hearings that did not happen, in SQL: one grouped pass over the dates set for the
scope's hearings (``court.Sitting``) that fell in the period, classified as the pure
variant does (``indicators.rows.hearing_kind``, ``hearing_outcome``: an unknown kind or
reason stops the figure, naming it). Trial date certainty: the period's first verdicts
(an index range of the period's verdicts, each checked for an earlier one of its case),
their cases' trial-kind dates in one read, and the count classified as the pure variant
does."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q

from expediente.stats.indicators.base import Counts, Derived
from expediente.stats.indicators.hearings import (
    MOVED,
    TRIAL,
    first_share_of,
    settings_class,
    settings_until_tried,
    share_of,
)
from expediente.stats.indicators.rows import (
    TrialSetting,
    age_status,
    hearing_kind,
    hearing_outcome,
)
from expediente.stats.models import Decision
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import cases, decisions, in_period, shared, sittings


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
    """The cases whose first verdict falls in the period (from the verdicts of the period
    only, each checked for an earlier verdict of its case: no statement over every case
    of the scope), then their trial-kind dates in one read, classified as the pure
    variant does (``settings_until_tried``)."""
    earlier = Decision.objects.filter(case_id=OuterRef("case_id"), type=Decision.VERDICT).filter(
        Q(occurred_at__lt=OuterRef("occurred_at"))
        | Q(occurred_at=OuterRef("occurred_at"), seq__lt=OuterRef("seq"))
    )
    firsts = (
        decisions(scope, Decision.VERDICT)
        .filter(in_period("occurred_at", period))
        .filter(~Exists(earlier))
    )
    verdicts = {
        case_id: (at, seq)
        for case_id, at, seq in firsts.values_list("case_id", "occurred_at", "seq")
    }
    if not verdicts:
        return {}
    wanted = firsts.values("case_id")
    settings: dict[int, list[TrialSetting]] = defaultdict(list)
    for case_id, seq, starts_at, status in (
        sittings(scope)
        .filter(kind=TRIAL, case_id__in=wanted)
        .values_list("case_id", "set_by_seq", "starts_at", "status")
    ):
        settings[case_id].append(TrialSetting(seq, starts_at, status))
    out: Counts = {}
    for case_id, court_code, procedure in (
        cases(scope).filter(case_id__in=wanted).values_list("case_id", "court_code", "procedure")  # type: ignore[misc]
    ):
        at, seq = verdicts[case_id]
        n = settings_until_tried(at, seq, settings.get(case_id, ()))
        if n:
            key = (court_code, age_status(procedure), settings_class(n))
            out[key] = out.get(key, 0) + 1
    return out


def first_setting_share(scope: Scope, period: Period) -> Derived:
    return first_share_of(trial_date_certainty(scope, period))
