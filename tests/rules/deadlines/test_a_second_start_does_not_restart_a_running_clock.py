"""A second start while the clock runs does not restart it: the earlier start gives the
earlier date and protects the person better. After the clock is met, a new start opens
a new deadline."""

from __future__ import annotations

import datetime as dt

from expediente.rules.deadlines import Fact
from tests.rules.deadlines.helpers import cr_at, make_rule, only, run

RULE = make_rule(duration={"days": 10})


def test_a_start_while_running_is_ignored():
    d = only(
        run(
            RULE,
            Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9)),
            Fact(2, "custody.arrested", cr_at(2026, 3, 5, 9)),
        )
    )
    assert d.due_on == dt.date(2026, 3, 12)
    assert d.events == (1,)


def test_a_start_after_the_clock_was_met_opens_a_new_deadline():
    got = run(
        RULE,
        Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9)),
        Fact(2, "custody.released", cr_at(2026, 3, 3, 9)),
        Fact(3, "custody.arrested", cr_at(2026, 3, 5, 9)),
    )
    assert [d.due_on for d in got] == [dt.date(2026, 3, 12), dt.date(2026, 3, 15)]
    assert [d.key for d in got] == ["test.rule|p1|1", "test.rule|p1|3"]


def test_facts_before_any_start_do_nothing():
    assert run(RULE, Fact(1, "custody.released", cr_at(2026, 3, 2, 9))) == ()
