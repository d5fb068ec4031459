"""The deadline sweep: turn deadlines that are near or past into Alert rows, once each.

``deadline_sweep(now=…)`` asks the deadline engine (``rules.deadlines.alerts_due``) which
alerts fell due since the last sweep, and inserts one ``Alert`` per alert key (the
engine's key: deadline, due moment and threshold). It looks only at

- open deadlines whose due moment lies in the window (last sweep, now + the longest
  alert lead of the court's pack]: those are the only ones with a threshold in
  (last sweep, now]; found by a range scan of the (court, open, due_at) index;
- open deadlines recomputed since the last sweep (a backdated event, an extension that
  moved the date): every threshold of theirs up to now is considered, since their keys
  may be new (index on computed_at).

So its cost grows with the deadlines falling due and the ones that changed, not with
the number open. When several thresholds of one deadline are due at once, only the
latest is raised: a "7 days before" alert is not worth sending once the "3 days
before" one is due.

Measure deadlines (``measures.MeasureDeadline``: check-ins, instalments, sessions,
community-service hours) are swept in the same run, court by court, with the same
guarantees and the same cost shape (``measures/sweep.py``); their alerts fall due the
next working morning of the court.

Safe to run again and to interrupt: alert keys are unique, each batch commits on its
own, and the sweep mark (``SweepMark``) moves only when a run completes. A run looks a
little before the mark (``OVERLAP``) so an event recorded while the last run was going
is not missed.

One sweep at a time: a run first takes a lease, a conditional UPDATE of the
``SweepMark`` row named ``LEASE`` (its ``swept_until`` is the moment the lease runs
out, on the wall clock), and gives it back when it ends. Every delivery worker runs the
sweep on a schedule; while one of them sweeps, the others' turns find the lease taken
and do nothing (``SweepResult.skipped``). The lease is renewed after each batch; a run
killed mid-way holds it for at most ``LEASE_FOR``. The same UPDATE decides on
PostgreSQL and on SQLite.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from expediente.custody.models import Alert, Deadline, SweepMark
from expediente.custody.selectors import alert_lead, alert_lead_windows
from expediente.docket.models import Court
from expediente.measures.sweep import measure_alerts, measure_candidates
from expediente.rules.calendars import calendar_for
from expediente.rules.deadlines import AlertDue, ComputedDeadline, alerts_due, duration_code
from expediente.rules.loader import load_pack
from expediente.rules.schema import Deadline as Rule

MARK = "deadlines"
LEASE = "deadlines.lease"  # a SweepMark row: its swept_until is when the lease runs out
LEASE_FOR = dt.timedelta(minutes=5)
FREE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # a lease that ran out long ago
OVERLAP = dt.timedelta(minutes=10)
BATCH = 500


@dataclass
class SweepResult:
    since: dt.datetime | None
    until: dt.datetime
    deadlines: int = 0
    raised: int = 0
    # another sweep held the lease: this one left the work to it (and moved no mark)
    skipped: bool = False


class Lease:
    """The right to sweep, held by one run at a time (see the module docstring)."""

    def __init__(self) -> None:
        self.until: dt.datetime | None = None

    def take(self) -> bool:
        SweepMark.objects.get_or_create(name=LEASE, defaults={"swept_until": FREE})
        return self._move(Q(swept_until__lte=timezone.now()))

    def renew(self) -> bool:
        """Hold it ``LEASE_FOR`` longer; False if it ran out and another run took it."""
        return self.until is not None and self._move(Q(swept_until=self.until))

    def give_back(self) -> None:
        if self.until is None:
            return
        # if the connection is gone, the lease runs out by itself within LEASE_FOR
        with contextlib.suppress(DatabaseError):
            SweepMark.objects.filter(name=LEASE, swept_until=self.until).update(swept_until=FREE)
        self.until = None

    def _move(self, held: Q) -> bool:
        until = timezone.now() + LEASE_FOR
        if not SweepMark.objects.filter(held, name=LEASE).update(swept_until=until):
            return False
        self.until = until
        return True


def deadline_sweep(
    *,
    now: dt.datetime,
    progress: Callable[[int, int], None] | None = None,
    batch: int = BATCH,
) -> SweepResult:
    """Raise every alert due at ``now`` that was not raised before; move the mark. If
    another sweep is running, do nothing (``skipped``): it raises the same alerts."""
    lease = Lease()
    if not lease.take():
        return SweepResult(since=None, until=now, skipped=True)
    try:
        return _sweep(now, progress, batch, lease)
    finally:
        lease.give_back()


def _sweep(
    now: dt.datetime,
    progress: Callable[[int, int], None] | None,
    batch: int,
    lease: Lease,
) -> SweepResult:
    mark = SweepMark.objects.filter(name=MARK).first()
    since = min(mark.swept_until, now) - OVERLAP if mark is not None else None
    result = SweepResult(since=since, until=now)
    courts = list(Court.objects.order_by("code"))
    queries = [
        (court, _candidates(court, since, now), measure_candidates(court, since, now))
        for court in courts
    ]
    # counted only for a caller that shows progress (the command): two queries a court
    total = sum(q.count() + m.count() for _, q, m in queries) if progress else 0

    def done(rows: int) -> bool:
        """Count a batch; False when the lease was lost (another run took over)."""
        result.deadlines += rows
        if progress:
            progress(result.deadlines, total)
        return lease.renew()

    for court, query, measures in queries:
        pack = load_pack(court.rule_pack)
        rules = {r.id: r for r in pack.deadlines}
        for rows in _batches(query, batch, "participation"):
            result.raised += alerts_insert(_wanted(rows, rules, since, now), now)
            if not done(len(rows)):
                result.skipped = True
                return result
        cal = calendar_for(pack)
        for found in _batches(measures, batch, "measure__participation"):
            wanted = measure_alerts(found, rules, cal, since=since, now=now)
            result.raised += alerts_insert(wanted, now)
            if not done(len(found)):
                result.skipped = True
                return result
    if progress and total == 0:
        progress(0, 0)
    SweepMark.objects.update_or_create(
        name=MARK,
        defaults={"swept_until": max(now, mark.swept_until) if mark else now},
    )
    return result


def _candidates(court: Court, since: dt.datetime | None, now: dt.datetime) -> QuerySet[Deadline]:
    """Open deadlines of the court that may have an alert due in (since, now].

    An alert ``b`` before the due moment falls in (since, now] only if the due moment
    lies in (since + b, now + b]: one index range per alert lead of the pack (plus the
    due moment itself), so a sweep reads the deadlines falling due, not every deadline
    due within the longest lead (``bench/deadlines.py`` measures both)."""
    rows = Deadline.objects.filter(court=court, open=True)
    if since is None:
        return rows.filter(due_at__lte=now + alert_lead(court))
    near = Q(computed_at__gt=since)
    for least, most in alert_lead_windows(court):
        near |= Q(due_at__gt=since + least, due_at__lte=now + most)
    return rows.filter(near)


def _batches(query: QuerySet[Any], size: int, related: str) -> Iterator[list[Any]]:
    """The candidates in (due_at, id) order, a batch at a time (keyset, not offsets)."""
    last: tuple[dt.datetime, int] | None = None
    while True:
        page = query.select_related(related)
        if last is not None:
            page = page.filter(Q(due_at__gt=last[0]) | Q(due_at=last[0], id__gt=last[1]))
        rows = list(page.order_by("due_at", "id")[:size])
        if not rows:
            return
        yield rows
        last = (rows[-1].due_at, rows[-1].id)


def _wanted(
    rows: list[Deadline], rules: dict[str, Rule], since: dt.datetime | None, now: dt.datetime
) -> dict[str, Alert]:
    """The alert due for each of ``rows`` in (since, now], by key, not yet saved."""
    wanted: dict[str, Alert] = {}
    for row in rows:
        rule = rules.get(row.rule_id)
        if rule is None:
            continue  # the pack no longer has this rule: a rebuild will drop the row
        changed = since is None or row.computed_at > since
        due = alerts_due([as_computed(row, rule)], now=now, since=None if changed else since)
        if due:
            alert = due[-1]  # the latest threshold supersedes the earlier ones
            wanted[alert.key] = _alert_row(row, alert, now)
    return wanted


def alerts_insert(wanted: dict[str, Alert], now: dt.datetime) -> int:
    """Save the alerts of ``wanted`` (by key) not raised before and queue their
    notifications in the same transaction; returns how many were new. Both sweeps, of
    custody deadlines and of measure deadlines, raise their alerts here."""
    if not wanted:
        return 0
    with transaction.atomic():
        known = set(Alert.objects.filter(key__in=list(wanted)).values_list("key", flat=True))
        new = [a for key, a in wanted.items() if key not in known]
        Alert.objects.bulk_create(new, ignore_conflicts=True)
        # the people the rule names hear of it through the outbox, in the same transaction
        from expediente.notify.outbox import queue_alerts  # notify imports custody

        queue_alerts([a.key for a in new], now=now)
    return len(new)


def _alert_row(row: Deadline, alert: AlertDue, now: dt.datetime) -> Alert:
    return Alert(
        key=alert.key,
        deadline_key=row.key,
        court_id=row.court_id,
        case_id=row.case_id,
        participant=row.participation.uid,
        rule_id=row.rule_id,
        threshold=duration_code(alert.before),
        at=alert.at,
        due_at=row.due_at,
        effect=row.effect,
        who=list(alert.who),
        raised_at=now,
    )


def as_computed(row: Deadline, rule: Rule) -> ComputedDeadline:
    """A stored deadline as the engine's ``ComputedDeadline``, enough for its key, its
    status and its alerts (``alerts_due``)."""
    thresholds = {duration_code(b): b for b in rule.alert.before}
    alert_at = tuple(
        (thresholds[code], dt.datetime.fromisoformat(at))
        for code, at in row.alerts
        if code in thresholds
    )
    return ComputedDeadline(
        rule_id=row.rule_id,
        pack_version=row.pack_version,
        subject=row.subject,
        cycle=row.cycle,
        start=row.start_at,
        start_event=row.start_seq,
        start_type=row.start_type,
        due_at=row.due_at,
        due_on=row.due_on,
        effect="alert" if row.effect == "alert" else "legal_consequence",
        events=tuple(row.fact_seqs),
        satisfied_at=row.satisfied_at,
        satisfied_by=row.satisfied_seq,
        stopped_at=row.stopped_at,
        stopped_by=row.stopped_seq,
        suspended_since=row.suspended_since,
        alert_at=alert_at,
        rule=rule,
    )
