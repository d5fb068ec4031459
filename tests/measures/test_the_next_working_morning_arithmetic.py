"""Properties of "the next working morning" (``measures/sweep.py``), over dates, time
zones, weekends, public holidays and court closures (hypothesis):

- it is 08:00 court time on a working day, not before the moment, and no working
  morning lies between the moment and it;
- a missed deadline's alert is the working morning after its due moment;
- the sweep's window is exact: an alert's morning lies in (since, now] exactly when the
  engine's moment lies in (last morning at or before since, last morning at or before
  now], which is what lets the sweep read one index range per alert lead;
- every measure deadline with an alert in a sweep's window is read by the sweep.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.measures.models import MeasureDeadline
from expediente.measures.sweep import (
    alerts_for,
    last_morning,
    measure_candidates,
    measure_rules,
    working_morning,
)
from expediente.rules.calendars import CourtCalendar, calendar_for
from expediente.rules.loader import load_pack

EIGHT = dt.time(8, 0)
ZONES = ["America/Costa_Rica", "America/Sao_Paulo", "Europe/Madrid", "America/New_York"]
START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


@st.composite
def calendars(draw: st.DrawFn) -> CourtCalendar:
    """A court's calendar: a zone, maybe a country's holidays, and random closures (runs
    of days the court did not sit, as a court closing for a week at year end)."""
    zone = draw(st.sampled_from(ZONES))
    country = draw(st.sampled_from([None, "CR", "BR", "ES"]))
    closures: set[dt.date] = set()
    for first, length in draw(
        st.lists(st.tuples(st.integers(0, 120), st.integers(1, 12)), max_size=6)
    ):
        day = START.date() + dt.timedelta(days=first)
        closures |= {day + dt.timedelta(days=i) for i in range(length)}
    return CourtCalendar(timezone=zone, country=country, closures=frozenset(closures))


moments = st.integers(0, 150 * 24 * 60).map(lambda m: START + dt.timedelta(minutes=m))


@settings(max_examples=300, deadline=None)
@given(cal=calendars(), moment=moments)
def test_the_next_working_morning_is_the_first_one_not_before_the_moment(cal, moment):
    found = working_morning(cal, moment, EIGHT)
    local = cal.local(found)
    assert local.time() == EIGHT
    assert cal.is_working_day(local.date())
    assert found >= moment
    day = cal.local_date(moment)
    while day < local.date():  # every working morning before it is before the moment
        if cal.is_working_day(day):
            assert cal.at_time(day, EIGHT) < moment
        day += dt.timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(cal=calendars(), moment=moments)
def test_the_last_working_morning_is_the_latest_one_not_after_the_moment(cal, moment):
    found = last_morning(cal, moment, EIGHT)
    assert found <= moment
    assert cal.is_working_day(cal.local_date(found))
    assert working_morning(cal, found, EIGHT) == found
    after = working_morning(cal, found + dt.timedelta(minutes=1), EIGHT)
    assert after > moment


@settings(max_examples=300, deadline=None)
@given(cal=calendars(), x=moments, since=moments, length=st.integers(1, 30 * 24 * 60))
def test_the_window_of_engine_moments_is_exact(cal, x, since, length):
    now = since + dt.timedelta(minutes=length)
    alerted = since < working_morning(cal, x, EIGHT) <= now
    assert alerted == (last_morning(cal, since, EIGHT) < x <= last_morning(cal, now, EIGHT))


@settings(max_examples=200, deadline=None)
@given(cal=calendars(), due_day=st.integers(0, 120), late=st.integers(0, 40 * 24 * 60))
def test_a_missed_deadline_is_alerted_the_working_morning_after_its_last_day(cal, due_day, late):
    rule = next(r for r in load_pack("intl").deadlines if r.id == "intl.measure.reporting")
    due_on = START.date() + dt.timedelta(days=due_day)
    due_at = cal.day_end(due_on)
    row = SimpleNamespace(due_at=due_at, start_at=due_at - dt.timedelta(days=7))
    now = due_at + dt.timedelta(minutes=late)
    found = alerts_for(row, rule, cal, since=None, now=now)  # type: ignore[arg-type]
    expected = cal.at_time(cal.next_working_day(due_on + dt.timedelta(days=1)), EIGHT)
    assert found == ([("due", expected)] if expected <= now else [])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    start=st.integers(min_value=0, max_value=200 * 24),
    length=st.integers(min_value=1, max_value=20 * 24),
)
def test_every_measure_deadline_with_an_alert_in_the_window_is_read(
    open_case, record, impose, at, start, length
):
    if not MeasureDeadline.objects.exists():
        case = open_case(occurred_at=at(300))
        record(
            case,
            "participant.added",
            {
                "role": "accused",
                "person": {"given_names": "Luis", "family_names": "Mora", "sex": "male"},
            },
            occurred_at=at(300),
        )
        for n, (days, kind, extra) in enumerate(
            [
                (200, "periodic_reporting", {"interval_days": 7}),
                (120, "periodic_reporting", {"interval_days": 150}),
                (100, "treatment_programme", {"interval_days": 200}),
                (90, "fine_instalments", {"interval_days": 120}),
                (60, "community_service", {"due_on": "2026-05-15"}),
                (50, "community_service", {"due_on": "2026-08-03"}),
                (40, "community_service", {"due_on": "2026-04-06"}),
            ]
        ):
            impose(case, kind, at(days), measure=f"M{n + 1}", **extra)
        # as if every row had been computed long ago: only the due-moment ranges can
        # bring a row in, not "changed since the last sweep"
        MeasureDeadline.objects.update(computed_at=at(250))
    court = MeasureDeadline.objects.first().court
    rules = measure_rules(court)
    cal = calendar_for(load_pack(court.rule_pack))
    since = at(210) + dt.timedelta(hours=start)
    now = since + dt.timedelta(hours=length)
    chosen = set(measure_candidates(court, since, now).values_list("pk", flat=True))
    alerted = 0
    for row in MeasureDeadline.objects.filter(court=court, open=True):
        due = alerts_for(row, rules[row.rule_id], cal, since=since, now=now)
        assert not due or row.pk in chosen, (row.rule_id, row.due_at, since, now)
        alerted += bool(due)
    assert len(chosen) <= alerted + 3  # narrow: not every open deadline
