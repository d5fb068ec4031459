"""Adding a later fact never changes a deadline that earlier facts already met or
stopped: its due date, its events, its status, nothing."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.deadlines import Fact, Penalty
from expediente.rules.schema import Duration
from tests.rules.deadlines.helpers import PROPERTY, later, make_rule, moments, run

TYPES = [
    "custody.pretrial_ordered",
    "custody.pretrial_reviewed",
    "custody.pretrial_extended",
    "custody.pretrial_lifted",
    "hearing.not_held",
    "hearing.held",
    "verdict.delivered",
    "charge.filed",
    "note.added",
]

RULES = [
    make_rule(
        starts="custody.pretrial_ordered",
        repeats_from="custody.pretrial_reviewed",
        duration={"months": 3},
        satisfied_by=["custody.pretrial_reviewed", "custody.pretrial_lifted"],
    ),
    make_rule(
        starts="custody.pretrial_ordered",
        duration={"months": 12},
        also_ends_at={"penalty": "possible_max", "fraction": 0.5},
        extended_by=["custody.pretrial_extended"],
        suspended_by=["hearing.not_held"],
        resumed_by=["hearing.held"],
        stops_at=["verdict.delivered"],
        satisfied_by=["custody.pretrial_lifted"],
    ),
    make_rule(
        starts="custody.pretrial_ordered",
        duration={"hours": 72},
        counting="continuous",
        extended_by=["custody.pretrial_extended"],
        suspended_by=["hearing.not_held"],
        resumed_by=["hearing.held"],
        satisfied_by=["custody.pretrial_reviewed"],
    ),
    make_rule(
        starts="custody.pretrial_ordered",
        duration={"working_days": 20},
        counting="working",
        extended_by=["custody.pretrial_extended"],
        suspended_by=["hearing.not_held"],
        resumed_by=["hearing.held"],
        satisfied_by=["custody.pretrial_lifted", "custody.pretrial_reviewed"],
    ),
]


@st.composite
def a_fact(draw: st.DrawFn, i: int, when: dt.datetime) -> Fact:
    kind = draw(st.sampled_from(TYPES))
    until = adds = penalty = None
    if kind == "custody.pretrial_extended":
        if draw(st.booleans()):
            until = when.date() + dt.timedelta(days=draw(st.integers(1, 400)))
        else:
            adds = Duration(days=draw(st.integers(1, 60)))
    if kind == "charge.filed":
        penalty = Penalty(possible_max_months=draw(st.integers(1, 120)))
    return Fact(i, kind, when, until=until, adds=adds, penalty=penalty)


@st.composite
def histories(draw: st.DrawFn) -> list[Fact]:
    when = draw(moments())
    facts = [Fact(0, "custody.pretrial_ordered", when)]
    for i in range(1, draw(st.integers(1, 14)) + 1):
        when = later(when, draw(st.integers(0, 90 * 1440)))
        facts.append(draw(a_fact(i, when)))
    return facts


@PROPERTY
@given(rule=st.sampled_from(RULES), facts=histories(), data=st.data())
def test_a_later_fact_leaves_every_met_or_stopped_deadline_alone(rule, facts, data):
    before = run(rule, *facts)
    closed = [d for d in before if d.satisfied_at or d.stopped_at]
    gap = data.draw(st.integers(0, 200 * 1440))
    extra = data.draw(a_fact(len(facts), later(facts[-1].occurred_at, gap)))

    after = run(rule, *facts, extra)

    for d in closed:
        assert d in after
        assert after[after.index(d)].explain("en") == d.explain("en")
    assert after[: len(closed)] == tuple(closed)
