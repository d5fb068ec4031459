"""``status(now)``: pending, then due soon once the first alert threshold has passed,
then overdue from ``due_at``. Met, stopped and suspended win once they have happened.
Asking about an earlier moment replays history: later facts have not happened yet."""

from __future__ import annotations

import datetime as dt

from expediente.rules.deadlines import Fact
from tests.rules.deadlines.helpers import cr_at, make_rule, only, run

RULE = make_rule(duration={"days": 10})  # alerts 3 and 1 days before
ARREST = Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9))  # last day 12 March


def test_a_day_counted_deadline_through_its_life():
    d = only(run(RULE, ARREST))
    assert d.due_on == dt.date(2026, 3, 12)
    assert d.due_at == cr_at(2026, 3, 13)
    assert d.status(cr_at(2026, 3, 1)) == "pending"  # before it even started
    assert d.status(cr_at(2026, 3, 9, 23, 59)) == "pending"
    assert d.status(cr_at(2026, 3, 10)) == "due_soon"  # 3 days before: 10, 11, 12 left
    assert d.status(cr_at(2026, 3, 12, 23, 59)) == "due_soon"  # the last day is in time
    assert d.status(cr_at(2026, 3, 13)) == "overdue"


def test_met_means_met_only_from_the_moment_it_happened():
    d = only(run(RULE, ARREST, Fact(2, "custody.released", cr_at(2026, 3, 20))))
    assert d.status(cr_at(2026, 3, 15)) == "overdue"
    assert d.status(cr_at(2026, 3, 20)) == "satisfied"
    assert d.met_late


def test_a_rule_without_alerts_is_never_due_soon():
    rule = make_rule(duration={"days": 10}, alert={"who": ["judge"]})
    d = only(run(rule, ARREST))
    assert d.status(cr_at(2026, 3, 12, 23)) == "pending"
    assert d.status(cr_at(2026, 3, 13)) == "overdue"
