"""Time between a suspending fact and its resumption does not count (for example, delay
caused by the defence, where the law says so): the due date moves by exactly the time
lost, counted as the rule counts."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.deadlines import Fact
from tests.rules.deadlines.helpers import CR, PROPERTY, cr_at, make_rule, moments, only, run

SUSPENDS = {"suspended_by": ["hearing.not_held"], "resumed_by": ["hearing.held"]}


def _rule(**fields):
    return make_rule(**SUSPENDS, **fields)


@PROPERTY
@given(
    start=moments(),
    duration=st.sampled_from([{"days": 10}, {"days": 45}, {"months": 3}, {"years": 1}]),
    after_days=st.integers(0, 9),
    k=st.integers(0, 400),
    minutes=st.integers(0, 1439),
)
def test_a_suspension_of_k_days_delays_a_calendar_deadline_by_k_days(
    start, duration, after_days, k, minutes
):
    rule = _rule(duration=duration)
    begins = start + dt.timedelta(days=after_days, minutes=minutes)
    ends = CR.at_same_time(CR.local_date(begins) + dt.timedelta(days=k), begins)
    plain = only(run(rule, Fact(1, "custody.arrested", start)))
    suspended = only(
        run(
            rule,
            Fact(1, "custody.arrested", start),
            Fact(2, "hearing.not_held", begins),
            Fact(3, "hearing.held", ends),
        )
    )
    assert suspended.due_on - plain.due_on == dt.timedelta(days=k)
    assert suspended.events == (1, 2, 3)


@PROPERTY
@given(start=moments(), hours=st.integers(1, 96), lost=st.integers(0, 10_000))
def test_a_suspension_delays_a_continuous_deadline_by_the_exact_time_lost(start, hours, lost):
    rule = _rule(duration={"hours": hours}, counting="continuous")
    begins = start + dt.timedelta(minutes=30)
    ends = begins + dt.timedelta(minutes=lost)
    plain = only(run(rule, Fact(1, "custody.arrested", start)))
    if begins >= plain.due_at:
        return
    suspended = only(
        run(
            rule,
            Fact(1, "custody.arrested", start),
            Fact(2, "hearing.not_held", begins),
            Fact(3, "hearing.held", ends),
        )
    )
    assert suspended.due_at - plain.due_at == dt.timedelta(minutes=lost)


def test_a_suspension_in_working_counting_adds_the_working_days_lost():
    rule = _rule(duration={"working_days": 10}, counting="working")
    start = cr_at(2026, 9, 1, 9)  # Tuesday
    # 10 working days after 1 September 2026: 2, 3, 4, 7, 8, 9, 10, 11, 14 and 16
    # (Tuesday 15 is Independence Day).
    plain = only(run(rule, Fact(1, "custody.arrested", start)))
    assert plain.due_on == dt.date(2026, 9, 16)
    # Suspended from Thursday 10 to Thursday 17 September: the working days lost are
    # 10, 11, 14 and 16, so four more working days: 17, 18, 21, 22.
    suspended = only(
        run(
            rule,
            Fact(1, "custody.arrested", start),
            Fact(2, "hearing.not_held", cr_at(2026, 9, 10, 9)),
            Fact(3, "hearing.held", cr_at(2026, 9, 17, 9)),
        )
    )
    assert suspended.due_on == dt.date(2026, 9, 22)


def test_a_suspension_that_begins_after_the_term_ran_out_changes_nothing():
    rule = _rule(duration={"days": 10})
    start = cr_at(2026, 3, 2, 9)
    plain = only(run(rule, Fact(1, "custody.arrested", start)))
    late = only(
        run(
            rule,
            Fact(1, "custody.arrested", start),
            Fact(2, "hearing.not_held", cr_at(2026, 3, 13, 9)),  # the term ended on 12 March
            Fact(3, "hearing.held", cr_at(2026, 4, 13, 9)),
        )
    )
    assert late.due_at == plain.due_at
    assert late.events == (1,)


def test_a_suspension_not_yet_resumed_shows_as_suspended():
    rule = _rule(duration={"days": 10})
    d = only(
        run(
            rule,
            Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9)),
            Fact(2, "hearing.not_held", cr_at(2026, 3, 5, 9)),
        )
    )
    assert d.suspended_since == cr_at(2026, 3, 5, 9)
    assert d.status(cr_at(2026, 3, 4)) == "pending"
    assert d.status(cr_at(2026, 3, 20)) == "suspended"
    assert d.due_on == dt.date(2026, 3, 12)  # the time still to run, if it resumed now
    assert "suspended since 5 March 2026" in d.explain("en")


def test_a_second_suspension_before_the_resumption_is_not_counted_twice():
    rule = _rule(duration={"days": 10})
    d = only(
        run(
            rule,
            Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9)),
            Fact(2, "hearing.not_held", cr_at(2026, 3, 5, 9)),
            Fact(3, "hearing.not_held", cr_at(2026, 3, 6, 9)),
            Fact(4, "hearing.held", cr_at(2026, 3, 8, 9)),
        )
    )
    assert d.due_on == dt.date(2026, 3, 15)  # 12 March + 3 days
    assert d.not_counted == ((cr_at(2026, 3, 5, 9), cr_at(2026, 3, 8, 9)),)
