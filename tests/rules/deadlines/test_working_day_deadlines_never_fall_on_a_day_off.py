"""With working-day counting, a deadline never falls on a weekend, a public holiday or a
court closure, whatever the unit, extension or suspension."""

from __future__ import annotations

import datetime as dt

import holidays
from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.calendars import CourtCalendar
from expediente.rules.deadlines import Fact
from expediente.rules.schema import Duration
from tests.rules.deadlines.helpers import (
    COUNTRIES,
    CR,
    PROPERTY,
    cr_at,
    later,
    make_rule,
    moments,
    only,
    run,
)

UNITS = st.sampled_from(["days", "working_days", "months", "years"])


@PROPERTY
@given(
    start=moments(),
    unit=UNITS,
    amount=st.integers(1, 40),
    country=COUNTRIES,
    closure_offsets=st.frozensets(st.integers(0, 80), max_size=25),
    suspension=st.none() | st.tuples(st.integers(0, 20 * 1440), st.integers(1, 30 * 1440)),
    adds=st.none() | st.integers(1, 15),
)
def test_a_working_day_deadline_falls_on_a_working_day(
    start, unit, amount, country, closure_offsets, suspension, adds
):
    closures = frozenset(start.date() + dt.timedelta(days=k) for k in closure_offsets)
    cal = CourtCalendar("America/Costa_Rica", country, closures)
    rule = make_rule(
        duration={unit: amount if unit in ("days", "working_days") else 1 + amount % 3},
        counting="working",
        extended_by=["custody.pretrial_extended"],
        suspended_by=["hearing.not_held"],
        resumed_by=["hearing.held"],
    )
    facts = [Fact(1, "custody.arrested", start)]
    if suspension is not None:
        begins = later(start, suspension[0])
        facts += [
            Fact(2, "hearing.not_held", begins),
            Fact(3, "hearing.held", later(begins, suspension[1])),
        ]
    if adds is not None:
        when = later(facts[-1].occurred_at, 60)
        facts.append(Fact(4, "custody.pretrial_extended", when, adds=Duration(working_days=adds)))

    d = only(run(rule, *facts, calendar=cal))

    assert cal.is_working_day(d.due_on)
    assert d.due_on not in closures
    if country is None:
        assert d.due_on.weekday() < 5
    else:  # checked against the holidays package directly, not through the calendar
        public = holidays.country_holidays(country, years=d.due_on.year)
        assert d.due_on not in public
        assert d.due_on.weekday() not in public.weekend
    assert d.due_at == cal.day_end(d.due_on)


@PROPERTY
@given(start=moments(), amount=st.integers(1, 30))
def test_working_days_skip_costa_rican_holidays(start, amount):
    d = only(run(make_rule(duration={"working_days": amount}), Fact(1, "custody.arrested", start)))
    assert CR.is_working_day(d.due_on)
    assert CR.working_days_between(start.date() + dt.timedelta(days=1), d.due_on) == amount - 1


def test_five_working_days_from_a_friday_before_independence_day():
    # Costa Rica: Tuesday 15 September 2026 is a public holiday (holidays package, CR).
    rule = make_rule(duration={"working_days": 5})
    d = only(run(rule, Fact(1, "custody.arrested", cr_at(2026, 9, 11, 16))))
    # Mon 14, (Tue 15 holiday), Wed 16, Thu 17, Fri 18, (weekend), Mon 21
    assert d.due_on == dt.date(2026, 9, 21)


def test_months_counted_in_working_counting_end_on_the_next_working_day():
    rule = make_rule(duration={"months": 1}, counting="working")
    # 15 August 2026 + 1 month = Tuesday 15 September, a holiday: moves to Wednesday 16.
    d = only(run(rule, Fact(1, "custody.arrested", cr_at(2026, 8, 15, 10))))
    assert d.due_on == dt.date(2026, 9, 16)
    assert d.rolled_from == dt.date(2026, 9, 15)
