"""Time from arrest to being brought before a judge, and the share within the legal
limit. Pure Python.

The legal limit is the rule pack's deadline that starts at the arrest (for Costa Rica:
24 hours, Constitución Política art. 37); each row carries its due moment. Arrests in
the period count when the person was brought before a judge, or when the limit passed
before the end of the period without it: still held, or released only after the limit,
or died in custody only after it (the death stops the clock without meeting it:
``stopped_at``). They are then beyond the limit: held past it without seeing a judge is
the breach the indicator exists to show. A release or a death within the limit, before
appearing, breaches nothing yet and the arrest is left out.
"""

from __future__ import annotations

from collections.abc import Iterable

from expediente.stats.indicators.base import Counts, Derived, median, ratio
from expediente.stats.indicators.rows import ArrestRow
from expediente.stats.period import Period

# What meets the pack's limit as an appearance before a judge: the placement, the custody
# hearing, or the judge's detention order (made at that hearing; cr.yaml and intl.yaml
# count it as meeting the limit). A release is not one.
APPEARED = ("custody.placed_before_judge", "custody.hearing_held", "custody.pretrial_ordered")
HOUR = 3600.0


def appeared(r: ArrestRow) -> bool:
    return r.satisfied_at is not None and r.satisfied_type in APPEARED


def held_past_limit(r: ArrestRow, period: Period) -> bool:
    """Not brought before a judge, and the limit passed before the end of the period
    while the person was still held: the clock still runs, or a release met it, or a
    death in custody stopped it, only after the limit."""
    if appeared(r) or r.due_at >= period.hi:
        return False
    ended = r.satisfied_at if r.satisfied_at is not None else r.stopped_at
    return r.open or (ended is not None and ended > r.due_at)


def arrests_by_limit(rows: Iterable[ArrestRow], period: Period) -> Counts:
    out: Counts = {}
    for r in rows:
        if not period.contains(r.started_at):
            continue
        if appeared(r):
            assert r.satisfied_at is not None
            key = "within" if r.satisfied_at <= r.due_at else "beyond"
        elif held_past_limit(r, period):
            key = "beyond"
        else:
            continue
        out[(key,)] = out.get((key,), 0) + 1
    return out


def share_within_limit(rows: list[ArrestRow], period: Period) -> Derived:
    counts = arrests_by_limit(rows, period)
    return ratio(counts.get(("within",), 0), sum(counts.values()), scale=100)


def hours_to_judge(rows: Iterable[ArrestRow], period: Period) -> Derived:
    """Median hours from arrest to appearing before a judge, arrests in the period."""
    return median(
        [
            (r.satisfied_at - r.started_at).total_seconds() / HOUR
            for r in rows
            if period.contains(r.started_at) and appeared(r) and r.satisfied_at is not None
        ]
    )
