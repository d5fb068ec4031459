"""Facts come in chronological order. One that goes back in time, or an id given twice,
is refused with a message naming both facts involved."""

from __future__ import annotations

import pytest

from expediente.rules.deadlines import Fact
from tests.rules.deadlines.helpers import cr_at, make_rule, only, run

RULE = make_rule()


def test_a_fact_earlier_than_the_one_before_it_is_refused_by_name():
    arrest = Fact(("24-000123-0042-PE", 3), "custody.arrested", cr_at(2026, 3, 2, 9))
    release = Fact(("24-000123-0042-PE", 4), "custody.released", cr_at(2026, 3, 1, 9))
    with pytest.raises(ValueError, match="give the facts in chronological order") as caught:
        run(RULE, arrest, release)
    assert str(caught.value) == (
        "fact 24-000123-0042-PE#4 (custody.released) at 2026-03-01T09:00:00-06:00 comes "
        "before the fact given ahead of it, 24-000123-0042-PE#3 (custody.arrested) at "
        "2026-03-02T09:00:00-06:00: give the facts in chronological order"
    )


def test_the_order_is_checked_in_absolute_time_not_wall_clock():
    import datetime as dt

    utc = Fact(1, "custody.arrested", dt.datetime(2026, 3, 2, 14, tzinfo=dt.UTC))  # 08:00 in CR
    local = Fact(2, "custody.released", cr_at(2026, 3, 2, 9))  # 15:00 UTC: later
    assert only(run(RULE, utc, local)).satisfied_by == 2


def test_facts_at_the_same_moment_are_taken_in_the_order_given():
    at = cr_at(2026, 3, 2, 9)
    d = only(run(RULE, Fact(1, "custody.arrested", at), Fact(2, "custody.released", at)))
    assert d.satisfied_at == at


def test_an_id_given_twice_is_refused():
    with pytest.raises(ValueError, match=r"^fact 1 \(custody.released\): the id 1 is given twice$"):
        run(
            RULE,
            Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9)),
            Fact(1, "custody.released", cr_at(2026, 3, 3, 9)),
        )
