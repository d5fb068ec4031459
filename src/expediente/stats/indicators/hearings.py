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
verdict (``verdict.delivered``, corrections applied) falls in the period and a hearing of
kind ``trial``, set before that verdict was recorded, was **held** on or before the
verdict's moment (a trial set, not held, and the case decided otherwise is not counted).
The number of times its trial was set is the number of trial dates set up to the one
first held (the earliest held date; every date set by an entry recorded no later than the
entry that set it: the first scheduling and every rescheduling, before or after the date
it replaced, as CourTools counts settings), so the later days of a trial held over
several days (H2 set after H1) are not counted as resettings. Reported as 1, 2, 3, 4 or
more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.indicators.rows import (
    HearingRow,
    TrialRow,
    TrialSetting,
    age_status,
    hearing_kind,
    hearing_outcome,
)
from expediente.stats.period import Period

HEARING_DIMS = ("court", "hearing_kind", "hearing_result", "hearing_outcome")
MOVED = "moved"
HELD = "held"
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


def settings_until_tried(
    verdict_at: dt.datetime, verdict_seq: int, settings: Iterable[TrialSetting]
) -> int:
    """How many times the trial was set before it was held: the trial dates set by
    entries recorded before the verdict, up to the first one held on or before the
    verdict's moment (0: no trial held, the case was not disposed by trial)."""
    before = [s for s in settings if s.seq < verdict_seq]
    held = [s for s in before if s.status == HELD and s.starts_at <= verdict_at]
    if not held:
        return 0
    first = min(held, key=lambda s: (s.starts_at, s.seq))
    return sum(1 for s in before if s.seq <= first.seq)


def trial_settings(r: TrialRow) -> tuple[dt.datetime, int] | None:
    """(the first verdict's moment, the number of times the trial was set before it was
    held: 0 when it was not), or None for a case with no verdict."""
    if not r.verdicts:
        return None
    at, seq = min(r.verdicts)
    return at, settings_until_tried(at, seq, r.trial_settings)


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
