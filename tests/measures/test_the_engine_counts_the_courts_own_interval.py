"""The deadline engine with a per-measure rule: the term is the one the court's order
set (``Fact.term``), counted from each check-in; a start's ``until`` is the last day the
order fixed. Pure: no database."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.calendars import calendar_for
from expediente.rules.deadlines import Fact, compute, measure_rules, rules_for
from expediente.rules.loader import load_pack
from expediente.rules.schema import Duration

PACK = load_pack("intl")  # UTC, no holidays: every day is a working day but weekends
CAL = calendar_for(PACK)
REPORTING = next(r for r in PACK.deadlines if r.id == "intl.measure.reporting")
SERVICE = next(r for r in PACK.deadlines if r.id == "intl.measure.community_service")
START = dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)


def _run(rule, facts):
    return compute(rule, facts, calendar=CAL, subject="X:M1", pack_version="t")


@given(
    interval=st.integers(1, 60),
    gaps=st.lists(st.integers(1, 90), min_size=0, max_size=8),
)
def test_each_check_in_opens_a_term_of_the_courts_interval(interval, gaps):
    term = Duration(days=interval)
    facts = [Fact(id=0, type="measure.imposed", occurred_at=START, term=term)]
    at = START
    for i, gap in enumerate(gaps, start=1):
        at = at + dt.timedelta(days=gap)
        facts.append(Fact(id=i, type="measure.checked_in", occurred_at=at, term=term))
    found = _run(REPORTING, facts)
    assert len(found) == len(gaps) + 1
    for d, fact in zip(found, facts, strict=True):
        plain = fact.occurred_at.date() + dt.timedelta(days=interval)
        assert d.due_on == CAL.next_working_day(plain)  # rolled only off a day off
        assert d.due_on - plain < dt.timedelta(days=4)
    for d, nxt in zip(found, facts[1:], strict=False):
        assert d.satisfied_by == nxt.id
        assert d.met_late == (nxt.occurred_at >= d.due_at)
    assert str(interval) in found[0].explain("en")


def test_without_a_term_the_rule_s_duration_counts():
    (d,) = _run(REPORTING, [Fact(id=0, type="measure.imposed", occurred_at=START)])
    assert d.due_on == dt.date(2026, 1, 12)


def test_the_last_day_the_order_fixed_is_the_due_day():
    start = Fact(id=0, type="measure.imposed", occurred_at=START, until=dt.date(2026, 6, 30))
    (d,) = _run(SERVICE, [start])
    assert d.due_on == dt.date(2026, 6, 30)
    moved = Fact(id=1, type="measure.modified", occurred_at=START, until=dt.date(2026, 9, 30))
    (d,) = _run(SERVICE, [start, moved])
    assert d.due_on == dt.date(2026, 9, 30)


def test_per_measure_rules_are_not_custody_rules():
    assert REPORTING not in rules_for(PACK, "adult")
    assert REPORTING in measure_rules(PACK, "periodic_reporting")
    assert REPORTING not in measure_rules(PACK, "bail")
