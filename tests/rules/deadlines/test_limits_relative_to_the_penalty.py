"""A duration can be a share of the penalty: ``{penalty: possible_max, fraction: 0.5}``.
The penalty comes from the facts (a charge, a verdict), in whole months. The rules here
are test rules. No country's penalty-relative law is encoded by these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.deadlines import Fact, Penalty
from tests.rules.deadlines.helpers import PROPERTY, cr_at, make_rule, only, run

ORDER = Fact(2, "custody.pretrial_ordered", cr_at(2027, 1, 1, 10))


def _rule(kind: str, fraction: float | None = None, **fields):
    share = {"penalty": kind} | ({"fraction": fraction} if fraction else {})
    return make_rule(starts="custody.pretrial_ordered", duration=share, **fields)


@pytest.mark.parametrize(
    ("kind", "due_on"),
    [
        ("possible_min", dt.date(2028, 1, 1)),
        ("possible_max", dt.date(2030, 1, 1)),
        ("possible", dt.date(2028, 1, 1)),  # the lower bound, by convention
        ("imposed", dt.date(2027, 7, 1)),
    ],
)
def test_each_kind_of_penalty_counts_its_own_months(kind, due_on):
    charge = Fact(1, "charge.filed", cr_at(2026, 12, 1), penalty=Penalty(12, 36))
    verdict = Fact(3, "note.added", cr_at(2027, 1, 2), penalty=Penalty(imposed_months=6))
    d = only(run(_rule(kind), charge, ORDER, verdict))
    assert d.due_on == due_on
    assert (
        d.penalty_months
        == {"possible_min": 12, "possible_max": 36, "possible": 12, "imposed": 6}[kind]
    )


def test_half_the_maximum_counts_half_the_days():
    # 36 months from 1 January 2027 run to 1 January 2030: 1 096 days (2028 is a leap
    # year); half is 548 days, which ends on 2 July 2028.
    charge = Fact(1, "charge.filed", cr_at(2026, 12, 1), penalty=Penalty(12, 36))
    d = only(run(_rule("possible_max", 0.5), charge, ORDER))
    assert d.due_on == dt.date(2028, 7, 2)
    assert "1/2 of the maximum possible penalty (36 months)" in d.explain("en")


def test_part_of_a_day_is_rounded_down():
    # 36 months from 1 March 2028 run to 1 March 2031: 1 095 days; half is 547.5, so
    # 547 days: 30 August 2029.
    charge = Fact(1, "charge.filed", cr_at(2028, 2, 1), penalty=Penalty(12, 36))
    order = Fact(2, "custody.pretrial_ordered", cr_at(2028, 3, 1, 10))
    d = only(run(_rule("possible_max", 0.5), charge, order))
    assert d.due_on == dt.date(2029, 8, 30)


@PROPERTY
@given(months=st.integers(1, 600), fraction=st.sampled_from([0.25, 1 / 3, 0.5, 2 / 3, 0.75]))
def test_a_share_of_the_penalty_never_ends_after_the_whole_penalty(months, fraction):
    charge = Fact(
        1, "charge.filed", cr_at(2026, 12, 1), penalty=Penalty(possible_max_months=months)
    )
    part = only(run(_rule("possible_max", fraction), charge, ORDER))
    whole = only(run(_rule("possible_max"), charge, ORDER))
    assert part.due_on <= whole.due_on


def test_without_a_penalty_a_penalty_term_gives_no_deadline():
    assert run(_rule("possible_max"), ORDER) == ()


def test_a_penalty_learnt_later_applies_to_the_running_deadline():
    charge = Fact(3, "charge.filed", cr_at(2027, 2, 1), penalty=Penalty(12, 24))
    d = only(run(_rule("possible_max"), ORDER, charge))
    assert d.due_on == dt.date(2029, 1, 1)
    assert d.events == (2, 3)


def test_a_newer_penalty_replaces_only_what_it_states():
    assert Penalty(12, 36).updated(Penalty(imposed_months=20)) == Penalty(12, 36, 20)
    assert Penalty(12, 36, 20).updated(Penalty(possible_max_months=48)) == Penalty(12, 48, 20)


def test_a_range_in_years_becomes_months():
    assert Penalty.from_years(0.5, 3) == Penalty(6, 36)
    assert Penalty.from_years(None, 15) == Penalty(None, 180)
    with pytest.raises(
        ValueError, match=r"a penalty of 0\.1 years is not a whole number of months"
    ):
        Penalty.from_years(0.1, 3)
