"""Determinism: the same facts give the same deadlines, however the caller writes the
times (any UTC offset for the same instants), and rebuilding from the facts reproduces
what was computed before."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.deadlines import alerts_due
from tests.rules.deadlines.helpers import PROPERTY, run
from tests.rules.deadlines.test_a_later_event_never_moves_a_met_deadline import RULES, histories


@PROPERTY
@given(rule=st.sampled_from(RULES), facts=histories(), offset_hours=st.integers(-12, 14))
def test_computing_twice_gives_equal_deadlines_and_sentences(rule, facts, offset_hours):
    zone = dt.timezone(dt.timedelta(hours=offset_hours))
    elsewhere = [replace(f, occurred_at=f.occurred_at.astimezone(zone)) for f in facts]

    first, second = run(rule, *facts), run(rule, *elsewhere)

    assert first == second
    assert [d.explain("es") for d in first] == [d.explain("es") for d in second]
    assert [d.due_at.utcoffset() for d in first] == [d.due_at.utcoffset() for d in second]
    now = facts[-1].occurred_at + dt.timedelta(days=30)
    assert [a.key for a in alerts_due(first, now=now)] == [
        a.key for a in alerts_due(second, now=now)
    ]


@PROPERTY
@given(rule=st.sampled_from(RULES), facts=histories())
def test_the_keys_of_deadlines_are_unique_and_stable(rule, facts):
    keys = [d.key for d in run(rule, *facts)]
    assert len(keys) == len(set(keys))
    assert keys == [d.key for d in run(rule, *facts)]
