"""Custody deadlines met on time, and those still open past their time. Pure Python.

MISSION ¶30: the system "raises the alarm before a limit passes, not after". Among the
custody deadlines the rules alert the judge of (``stats.deadline_rules``: the court's to
meet; a petition's answer deadline is not one), each counts once, at the moment it
**ended**: late at ``missed_at`` (``rules.deadlines.ended_late``, or the moment a term
was extended only after it had run out, ``Lapse``), else in time at the moment it was
met or stopped (the person released, say, before its time ran out). One suspended, or
still running, has not ended. The stock: those open at the end of the period (started
before it, not met, stopped or suspended by then) whose due moment then had passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.indicators.rows import DeadlineRow
from expediente.stats.period import Period

ON_TIME_DIMS = ("court", "rule", "timeliness")
OVERDUE_DIMS = ("court", "rule")


def ended_at(r: DeadlineRow) -> dt.datetime | None:
    """When it ended: the moment the court missed it, else when it was met or stopped."""
    if r.missed_at is not None:
        return r.missed_at
    return r.satisfied_at if r.satisfied_at is not None else r.stopped_at


def custody_deadlines_on_time(rows: Iterable[DeadlineRow], period: Period) -> Counts:
    out: Counts = {}
    for r in rows:
        if period.contains(ended_at(r)):
            key = (r.court, r.rule, "late" if r.missed_at is not None else "on_time")
            out[key] = out.get(key, 0) + 1
    return out


def on_time_share(rows: list[DeadlineRow], period: Period) -> Derived:
    return on_time_share_of(custody_deadlines_on_time(rows, period))


def on_time_share_of(counts: Counts) -> Derived:
    """Ended in time / ended × 100."""
    on_time = sum(n for (_c, _r, when), n in counts.items() if when == "on_time")
    return ratio(on_time, sum(counts.values()), scale=100)


def open_at(r: DeadlineRow, moment: dt.datetime) -> bool:
    """Running at ``moment``: started before it, not met, stopped or suspended by then."""
    return r.start_at < moment and all(
        end is None or end >= moment for end in (r.satisfied_at, r.stopped_at, r.suspended_since)
    )


def due_at(r: DeadlineRow, moment: dt.datetime) -> dt.datetime:
    """The due moment in force at ``moment``: the term it ran out at, when it was
    extended only after ``moment``; else its own (extended or not)."""
    if r.missed_at is not None and r.missed_at >= moment:
        return r.missed_due
    return r.due_at


def custody_deadlines_overdue(rows: Iterable[DeadlineRow], period: Period) -> Counts:
    """Open at the end of the period and past their due moment then."""
    out: Counts = {}
    for r in rows:
        if open_at(r, period.hi) and due_at(r, period.hi) < period.hi:
            key = (r.court, r.rule)
            out[key] = out.get(key, 0) + 1
    return out
