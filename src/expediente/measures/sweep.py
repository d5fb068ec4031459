"""Measure deadlines in the deadline sweep (``custody.sweep.deadline_sweep`` calls this).

A measure deadline (the next check-in, instalment or programme session, or the last day
for the community-service hours) is raised as an ``Alert`` exactly as a custody deadline
is: once per alert key (the engine's key, ``rules.deadlines.alert_key``: deadline, due
moment, threshold), by a range scan per alert lead of the ``(court, open, due_at)``
index plus the rows changed since the last sweep (index on ``computed_at``), the latest
threshold only. This module says which alerts are due (``measure_alerts``); the custody
sweep inserts them and queues them for the roles the rule names (judge, prosecutor,
defence) in the same transaction (``custody.sweep.alerts_insert``), as it does its own.

One difference: a supervision alert is not raised in the night or on a day the court
does not work. It falls due **the next working morning**: the first moment at
``MEASURES_ALERT_MORNING`` (08:00 unless set), court time, on a working day of the
court's calendar (the pack's time zone, its country's weekends and public holidays from
the ``holidays`` package, and the pack's court closures), at or after the moment the
engine gives. A weekly check-in due by the end of Friday is missed at Saturday 00:00;
the judge and the prosecutor hear of it on Monday at 08:00, or on Tuesday if Monday is a
holiday. ``Alert.at`` is that morning.

The window stays one index range per lead: ``working_morning`` never moves a moment
back and keeps the order of moments, so an alert's morning lies in (since, now] exactly
when the engine's moment lies in (``last_morning(since)``, ``last_morning(now)``], the
last working mornings at or before each end. The due moment's range follows from that.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet

from expediente.custody.models import Alert
from expediente.docket.models import Court
from expediente.measures.models import MeasureDeadline
from expediente.rules.calendars import CourtCalendar, calendar_for
from expediente.rules.deadlines import alert_key, alert_moments, duration_code, lead_windows
from expediente.rules.loader import load_pack
from expediente.rules.schema import Deadline as Rule
from expediente.rules.schema import Duration

MORNING = "08:00"
_SEARCH_LIMIT = 3660  # days, as rules.calendars: no calendar has ten years without work


def morning() -> dt.time:
    """The court's working morning (``MEASURES_ALERT_MORNING``, "HH:MM", court time)."""
    text = str(getattr(settings, "MEASURES_ALERT_MORNING", MORNING) or MORNING)
    try:
        at = dt.time.fromisoformat(text)
    except ValueError:
        raise ImproperlyConfigured(
            f"MEASURES_ALERT_MORNING: {text!r} is not a time of day (HH:MM, court time)"
        ) from None
    if at.tzinfo is not None:
        raise ImproperlyConfigured(
            f"MEASURES_ALERT_MORNING: {text!r} has a UTC offset; give the time alone "
            "(HH:MM): it is read on each court's own clock"
        )
    return at


def working_morning(
    cal: CourtCalendar, moment: dt.datetime, at: dt.time | None = None
) -> dt.datetime:
    """The first working morning at or after ``moment``, on the court's clock."""
    at = at or morning()
    day = cal.local_date(moment)
    if cal.is_working_day(day) and cal.at_time(day, at) >= moment:
        return cal.at_time(day, at)
    return cal.at_time(cal.next_working_day(day + dt.timedelta(days=1)), at)


def last_morning(cal: CourtCalendar, moment: dt.datetime, at: dt.time | None = None) -> dt.datetime:
    """The latest working morning at or before ``moment``."""
    at = at or morning()
    day = cal.local_date(moment)
    for _ in range(_SEARCH_LIMIT):
        if cal.is_working_day(day) and cal.at_time(day, at) <= moment:
            return cal.at_time(day, at)
        day -= dt.timedelta(days=1)
    raise ValueError(f"no working day within {_SEARCH_LIMIT} days before {moment}")


def measure_rules(court: Court) -> dict[str, Rule]:
    return {r.id: r for r in load_pack(court.rule_pack).deadlines if r.per == "measure"}


def measure_candidates(
    court: Court, since: dt.datetime | None, now: dt.datetime
) -> QuerySet[MeasureDeadline]:
    """Open measure deadlines of the court that may have an alert due in (since, now]."""
    rules = measure_rules(court).values()
    cal = calendar_for(load_pack(court.rule_pack))
    rows = MeasureDeadline.objects.filter(court=court, open=True)
    until = last_morning(cal, now)
    windows = lead_windows(rules)
    if since is None:
        return rows.filter(due_at__lte=until + max(most for _, most in windows))
    after = last_morning(cal, since)
    near = Q(computed_at__gt=since)
    if until > after:
        for least, most in windows:
            near |= Q(due_at__gt=after + least, due_at__lte=until + most)
    return rows.filter(near)


def alerts_for(
    row: MeasureDeadline,
    rule: Rule,
    cal: CourtCalendar,
    *,
    since: dt.datetime | None,
    now: dt.datetime,
) -> list[tuple[str, dt.datetime]]:
    """(threshold code, working morning) of each alert of ``row`` due in (since, now]
    (up to now when ``since`` is None), earliest first."""
    at = morning()
    ladder: list[tuple[Duration | None, dt.datetime]] = [
        *alert_moments(rule, cal, row.start_at, row.due_at),
        (None, row.due_at),
    ]
    out = []
    for before, moment in ladder:
        when = working_morning(cal, moment, at)
        if when <= now and (since is None or when > since):
            out.append((duration_code(before), when))
    return sorted(out, key=lambda pair: pair[1])


def measure_alerts(
    rows: list[MeasureDeadline],
    rules: dict[str, Rule],
    cal: CourtCalendar,
    *,
    since: dt.datetime | None,
    now: dt.datetime,
) -> dict[str, Alert]:
    """The alert due for each of ``rows`` in (since, now], by key, not yet saved: the
    latest threshold of each (every one up to now for a row changed since the last
    sweep). ``custody.sweep.alerts_insert`` saves the new ones and queues them."""
    wanted: dict[str, Alert] = {}
    for row in rows:
        rule = rules.get(row.rule_id)
        if rule is None or row.status(now) not in ("pending", "due_soon", "overdue"):
            continue
        changed = since is None or row.computed_at > since
        due = alerts_for(row, rule, cal, since=None if changed else since, now=now)
        if due:
            code, when = due[-1]  # the latest threshold supersedes the earlier ones
            key = alert_key(row.key, row.due_at, code)
            wanted[key] = Alert(
                key=key,
                deadline_key=row.key,
                court_id=row.court_id,
                case_id=row.case_id,
                participant=row.measure.participation.uid,
                rule_id=row.rule_id,
                threshold=code,
                at=when,
                due_at=row.due_at,
                effect=rule.effect,
                who=list(rule.alert.who),
                raised_at=now,
            )
    return wanted
