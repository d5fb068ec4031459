"""``status(now)``: pending, then due soon in the window of its kind (the last 7 days;
the last 30 for a legal maximum: ``DUE_SOON_WITHIN``, whatever the pack's alert leads),
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
    assert d.status(cr_at(2026, 3, 5, 23, 59)) == "pending"
    assert d.status(cr_at(2026, 3, 6)) == "due_soon"  # 7 days before: 6 to 12 left
    assert d.status(cr_at(2026, 3, 12, 23, 59)) == "due_soon"  # the last day is in time
    assert d.status(cr_at(2026, 3, 13)) == "overdue"


def test_met_means_met_only_from_the_moment_it_happened():
    d = only(run(RULE, ARREST, Fact(2, "custody.released", cr_at(2026, 3, 20))))
    assert d.status(cr_at(2026, 3, 15)) == "overdue"
    assert d.status(cr_at(2026, 3, 20)) == "satisfied"
    assert d.met_late


def test_due_soon_is_the_window_of_the_kind_not_the_packs_alerts():
    quiet = make_rule(duration={"days": 10}, alert={"who": ["judge"]})
    late = make_rule(duration={"days": 10}, alert={"who": ["judge"], "before": [{"hours": 2}]})
    early = make_rule(duration={"days": 10}, alert={"who": ["judge"], "before": [{"days": 9}]})
    for rule in (quiet, late, early):
        d = only(run(rule, ARREST))
        assert d.status(cr_at(2026, 3, 5, 23)) == "pending"
        assert d.status(cr_at(2026, 3, 6)) == "due_soon"
        assert d.status(cr_at(2026, 3, 13)) == "overdue"


def test_a_legal_maximum_is_due_soon_from_30_days_before():
    rule = make_rule(duration={"days": 60}, effect="legal_consequence")
    d = only(run(rule, ARREST))  # last day 1 May
    assert d.status(cr_at(2026, 4, 1, 23, 59)) == "pending"
    assert d.status(cr_at(2026, 4, 2)) == "due_soon"


def test_a_nearer_deadline_is_never_calmer_than_a_later_one_of_its_kind():
    rank = {"pending": 0, "due_soon": 1, "overdue": 2}
    now = cr_at(2026, 3, 2, 9)
    for effect in ("alert", "legal_consequence"):
        statuses = [
            rank[only(run(hours(h, effect), ARREST)).status(now)] for h in range(1, 24 * 60, 7)
        ]
        assert statuses == sorted(statuses, reverse=True)


def hours(h, effect):
    return make_rule(duration={"hours": h}, counting="continuous", effect=effect)
