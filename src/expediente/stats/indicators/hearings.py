"""Hearings that did not happen, and how often a trial was set before it was held
(trial date certainty, CourTools measure 5). Pure Python.

MISSION ¶30, ¶34: trials must be prompt, and a hearing that does not happen delays the
case and, for a person held, their detention. The unit is a date set for a hearing
(``court.Sitting``: each ``hearing.scheduled`` or ``hearing.rescheduled`` sets one,
corrections applied), counted when that date falls in the period, by what happened on it:
held, not held (by the reason recorded; ``transport_failed``, the detained accused not
brought, is a reason of its own), or no outcome recorded (the date passed and neither was
entered: counted apart, never as held). A date moved to another before anything was
recorded on it (``moved``) is not counted: the hearing counts at its new date.

Trial date certainty: a case is **disposed by trial** in the period when its first
verdict (``verdict.delivered``, corrections applied) falls in the period and at least one
date had been set for a hearing of kind ``trial`` before that verdict was recorded. The
number of times its trial was set is the number of such dates set (the first
scheduling and every rescheduling, before or after the date it replaced: CourTools
counts settings), reported as 1, 2, 3, 4 or more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.indicators.rows import (
    HearingRow,
    TrialRow,
    age_status,
    hearing_kind,
    hearing_outcome,
)
from expediente.stats.period import Period

HEARING_DIMS = ("court", "hearing_kind", "hearing_result", "hearing_outcome")
MOVED = "moved"
TRIAL = "trial"  # the kind of hearing whose settings CourTools 5 counts


def counted(r: HearingRow, period: Period) -> bool:
    """A date set for a hearing that fell in the period and was not moved away."""
    return r.status != MOVED and period.contains(r.starts_at)


def hearings_not_held(rows: Iterable[HearingRow], period: Period) -> Counts:
    out: Counts = {}
    for r in rows:
        if counted(r, period):
            key = (r.court, hearing_kind(r.kind), *hearing_outcome(r.status, r.reason))
            out[key] = out.get(key, 0) + 1
    return out


def not_held_share(rows: list[HearingRow], period: Period) -> Derived:
    """Hearings not held / hearings whose outcome is recorded (held or not held) × 100:
    the dates with no outcome recorded are counted apart, in neither."""
    return share_of(hearings_not_held(rows, period))


def share_of(counts: Counts) -> Derived:
    """The share not held from the counts by (court, kind, result, outcome)."""
    by_result: dict[str, int] = {}
    for (_court, _kind, result, _outcome), n in counts.items():
        by_result[result] = by_result.get(result, 0) + n
    not_held = by_result.get("not_held", 0)
    return ratio(not_held, not_held + by_result.get("held", 0), scale=100)


TRIAL_DIMS = ("court", "procedure", "trial_settings")
SETTINGS = ("1", "2", "3", "4_or_more")


def settings_class(n: int) -> str:
    """The distribution's class of a number of settings (at least one)."""
    return SETTINGS[min(n, len(SETTINGS)) - 1]


def trial_settings(r: TrialRow) -> tuple[dt.datetime, int] | None:
    """(the first verdict's moment, the number of trial settings recorded before it), or
    None for a case with no verdict."""
    if not r.verdicts:
        return None
    at, seq = min(r.verdicts)
    return at, sum(1 for s in r.trial_settings if s < seq)


def trial_date_certainty(rows: Iterable[TrialRow], period: Period) -> Counts:
    out: Counts = {}
    for r in rows:
        found = trial_settings(r)
        if found is None or not period.contains(found[0]) or found[1] < 1:
            continue
        key = (r.court, age_status(r.procedure), settings_class(found[1]))
        out[key] = out.get(key, 0) + 1
    return out


def first_setting_share(rows: list[TrialRow], period: Period) -> Derived:
    """Cases tried on the first date set / cases disposed by trial × 100."""
    return first_share_of(trial_date_certainty(rows, period))


def first_share_of(counts: Counts) -> Derived:
    first = sum(n for (_c, _p, settings), n in counts.items() if settings == SETTINGS[0])
    return ratio(first, sum(counts.values()), scale=100)
