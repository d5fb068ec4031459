"""Continuous counting in hours is exact in absolute time, even on a night the clocks
change: 24 hours are 24 hours, not "the same time tomorrow".

America/Santiago changes its clocks twice a year; America/Sao_Paulo did until 2019.
Note: subtracting two datetimes that share a ZoneInfo gives the *wall-clock*
difference in Python, so these tests compare instants in UTC.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from expediente.rules.calendars import CourtCalendar
from expediente.rules.deadlines import Fact
from tests.rules.deadlines.helpers import PROPERTY, make_rule, only, run

SANTIAGO = ZoneInfo("America/Santiago")
SAO_PAULO = ZoneInfo("America/Sao_Paulo")


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


@PROPERTY
@given(
    zone=st.sampled_from([SANTIAGO, SAO_PAULO]),
    start=st.datetimes(min_value=dt.datetime(2012, 1, 1), max_value=dt.datetime(2030, 12, 31)),
    hours=st.integers(1, 24 * 10),
)
@example(zone=SANTIAGO, start=dt.datetime(2026, 9, 5, 23, 30), hours=24).via(
    "clocks go forward at midnight starting 6 September 2026"
)
@example(zone=SANTIAGO, start=dt.datetime(2026, 4, 4, 23, 30), hours=24).via(
    "clocks go back at midnight ending 4 April 2026"
)
@example(zone=SAO_PAULO, start=dt.datetime(2018, 11, 3, 23, 30), hours=24).via(
    "clocks went forward at midnight starting 4 November 2018"
)
def test_due_minus_start_is_the_duration_in_absolute_time(zone, start, hours):
    start = start.replace(tzinfo=zone)  # may be a time the clocks skip: still one instant
    cal = CourtCalendar(zone.key)
    rule = make_rule(duration={"hours": hours}, counting="continuous", alert={"who": ["judge"]})

    d = only(run(rule, Fact(1, "custody.arrested", start), calendar=cal))

    assert _utc(d.start) == _utc(start)
    assert _utc(d.due_at) - _utc(start) == dt.timedelta(hours=hours)
    assert d.due_at.utcoffset() is not None


def test_24_hours_from_2330_before_the_clocks_go_forward_end_at_0030():
    # Santiago, 2026: at midnight starting Sunday 6 September the clocks jump to 01:00.
    start = dt.datetime(2026, 9, 5, 23, 30, tzinfo=SANTIAGO)
    rule = make_rule(duration={"hours": 24}, counting="continuous")
    d = only(run(rule, Fact(1, "custody.arrested", start), calendar=CourtCalendar(SANTIAGO.key)))
    assert d.due_at.replace(tzinfo=None) == dt.datetime(2026, 9, 7, 0, 30)
    assert _utc(d.due_at) - _utc(start) == dt.timedelta(hours=24)


def test_24_hours_from_2330_before_the_clocks_go_back_end_at_2230():
    # Santiago, 2026: at midnight ending Saturday 4 April the clocks go back to 23:00,
    # so 23:30 happens twice that night; the first one (fold=0, UTC-3) is meant here.
    start = dt.datetime(2026, 4, 4, 23, 30, tzinfo=SANTIAGO)
    rule = make_rule(duration={"hours": 24}, counting="continuous")
    d = only(run(rule, Fact(1, "custody.arrested", start), calendar=CourtCalendar(SANTIAGO.key)))
    assert d.due_at.replace(tzinfo=None) == dt.datetime(2026, 4, 5, 22, 30)
    assert _utc(d.due_at) - _utc(start) == dt.timedelta(hours=24)
