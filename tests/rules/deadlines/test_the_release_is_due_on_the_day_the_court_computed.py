"""The release at the end of a sentence (``intl.sentence_end_release``) is due on the
day the court's computation fixed, whatever the calendar: no holiday, weekend or court
closure moves it (a sentence ends when it ends), a recomputation replaces the day,
earlier or later, and the alerts fall 30, 7 and 1 days before it. Expediente adds no
credit of its own: the day is the court's."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.deadlines import Fact
from tests.rules.deadlines.helpers import PROPERTY, calendars, cr_rule, moments, only, run

RULE = cr_rule("intl.sentence_end_release")  # the baseline's rule, as cr inherits it
COMPUTED = "sentence.computed"


@PROPERTY
@given(start=moments(), days=st.integers(0, 20000), cal=calendars())
def test_it_is_due_at_the_end_of_the_day_fixed(start, days, cal):
    ends = cal.local_date(start) + dt.timedelta(days=days)
    d = only(run(RULE, Fact(1, COMPUTED, start, until=ends), calendar=cal))
    assert d.due_on == ends
    assert d.due_at == cal.day_end(ends)
    assert d.rolled_from is None
    assert d.status(d.due_at - dt.timedelta(seconds=1)) != "overdue"
    assert d.status(d.due_at) == "overdue"


@PROPERTY
@given(
    start=moments(),
    first=st.integers(0, 5000),
    after=st.integers(1, 400),
    second=st.integers(-400, 5000),
    cal=calendars(),
)
def test_a_recomputation_replaces_the_day_earlier_or_later(start, first, after, second, cal):
    ends = cal.local_date(start) + dt.timedelta(days=first)
    again = start + dt.timedelta(days=after)
    new = max(cal.local_date(again) + dt.timedelta(days=second), cal.local_date(start))
    d = only(
        run(
            RULE,
            Fact(1, COMPUTED, start, until=ends),
            Fact(2, COMPUTED, again, until=new),
            calendar=cal,
        )
    )
    assert d.due_on == new
    assert d.start_event == 1
    assert d.events == (1, 2)


@PROPERTY
@given(start=moments(), days=st.integers(0, 20000), cal=calendars())
def test_the_alerts_fall_30_7_and_1_days_before_and_never_before_the_computation(start, days, cal):
    ends = cal.local_date(start) + dt.timedelta(days=days)
    d = only(run(RULE, Fact(1, COMPUTED, start, until=ends), calendar=cal))
    for before, at in d.alert_at:
        assert at >= start
        assert cal.local_date(at) == ends - dt.timedelta(days=before.days - 1)
    leads = [b.days for b, _at in d.alert_at]
    assert leads == [30, 7, 1][3 - len(leads) :]
    if days >= 30:
        assert leads == [30, 7, 1]


@PROPERTY
@given(start=moments(), days=st.integers(0, 3000), held=st.integers(1, 3000), cal=calendars())
def test_the_release_meets_it_and_an_escape_stops_it(start, days, held, cal):
    ends = cal.local_date(start) + dt.timedelta(days=days)
    out = start + dt.timedelta(hours=held)
    computed = Fact(1, COMPUTED, start, until=ends)
    met = only(run(RULE, computed, Fact(2, "custody.released", out), calendar=cal))
    assert met.satisfied_at == out
    assert met.due_on == ends
    stopped = only(run(RULE, computed, Fact(2, "custody.escaped", out), calendar=cal))
    assert stopped.stopped_at == out
    assert stopped.satisfied_at is None
