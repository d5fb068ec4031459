"""``alerts_due`` answers "which alerts are due at T". Each (deadline, threshold) has one
key, so a sweep that stores keys sends each alert exactly once. Asked in windows
(``since``, ``now``], consecutive sweeps never return an alert twice and together
return every alert."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.deadlines import Fact, alerts_due
from expediente.rules.schema import Duration
from tests.rules.deadlines.helpers import PROPERTY, cr_at, cr_rule, make_rule, only, run

REVIEW = cr_rule("cr.pretrial_review")
ORDER = Fact(1, "custody.pretrial_ordered", cr_at(2026, 11, 30, 10))  # due 28 Feb 2027


def test_the_ladder_of_alerts_for_a_review():
    d = only(run(REVIEW, ORDER))
    got = alerts_due([d], now=cr_at(2027, 3, 2))
    assert [(a.before, a.at) for a in got] == [
        (Duration(days=7), cr_at(2027, 2, 22)),
        (Duration(days=3), cr_at(2027, 2, 26)),
        (Duration(days=1), cr_at(2027, 2, 28)),
        (None, cr_at(2027, 3, 1)),
    ]
    assert got[0].key == "cr.pretrial_review|p1|1|20270301T060000Z|7d"
    assert got[-1].key == "cr.pretrial_review|p1|1|20270301T060000Z|due"
    assert got[0].who == ("judge", "defence", "public_defender", "accused")
    assert all(a.deadline == d for a in got)


def test_recomputing_gives_the_same_keys():
    now = cr_at(2027, 3, 2)
    first = alerts_due(run(REVIEW, ORDER), now=now)
    again = alerts_due(run(REVIEW, ORDER, Fact(2, "note.added", cr_at(2027, 3, 1, 9))), now=now)
    assert [a.key for a in first] == [a.key for a in again]


def test_a_met_deadline_raises_no_more_alerts():
    reviewed = Fact(2, "custody.pretrial_reviewed", cr_at(2027, 2, 23, 9))
    got = run(REVIEW, ORDER, reviewed)
    before_met = [a.key for a in alerts_due(got, now=cr_at(2027, 2, 22, 12))]
    assert before_met == ["cr.pretrial_review|p1|1|20270301T060000Z|7d"]
    assert alerts_due(got, now=cr_at(2027, 3, 2)) == ()


def test_a_threshold_longer_than_the_deadline_is_left_out():
    rule = make_rule(
        duration={"days": 2}, alert={"who": ["judge"], "before": [{"days": 7}, {"hours": 12}]}
    )
    d = only(run(rule, Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9))))
    assert [b for b, _ in d.alert_at] == [Duration(hours=12)]


@PROPERTY
@given(
    rule=st.sampled_from(
        [
            cr_rule(r)
            for r in ("cr.pretrial_review", "cr.pretrial_maximum", "cr.presentation_to_judge")
        ]
    ),
    start_minutes=st.integers(0, 60 * 24 * 365),
    sweep_gaps=st.lists(st.integers(1, 60 * 24 * 20), min_size=1, max_size=60),
)
def test_consecutive_sweeps_return_every_alert_exactly_once(rule, start_minutes, sweep_gaps):
    start = cr_at(2026, 1, 1) + dt.timedelta(minutes=start_minutes)
    deadlines = run(rule, Fact(1, rule.starts, start))
    seen: list[str] = []
    since = start - dt.timedelta(minutes=1)
    now = since
    for gap in sweep_gaps:
        now = now + dt.timedelta(minutes=gap)
        seen += [a.key for a in alerts_due(deadlines, now=now, since=since)]
        since = now
    everything = [a.key for a in alerts_due(deadlines, now=now)]
    assert len(seen) == len(set(seen))
    assert seen == everything
