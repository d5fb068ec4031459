"""``stops_at``: some clocks stop for good (for example, terms that stop counting at a
first-instance conviction). A stopped deadline is neither met nor overdue, raises no
alert, and nothing after the stop changes it. The rule here is a test rule."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.rules.deadlines import Fact, alerts_due
from tests.rules.deadlines.helpers import cr_at, make_rule, only, run

RULE = make_rule(
    starts="custody.pretrial_ordered",
    duration={"years": 2},
    stops_at=["verdict.delivered"],
    satisfied_by=["custody.released"],
    effect="legal_consequence",
)


def test_a_stopping_fact_stops_the_clock():
    d = only(
        run(
            RULE,
            Fact(1, "custody.pretrial_ordered", cr_at(2026, 1, 5, 9)),
            Fact(2, "verdict.delivered", cr_at(2027, 6, 1, 9)),
            Fact(3, "custody.pretrial_ordered", cr_at(2027, 6, 2, 9)),  # a new clock
        )[:1]
    )
    assert d.stopped_at == cr_at(2027, 6, 1, 9)
    assert (d.stopped_by, d.stopped_type) == (2, "verdict.delivered")
    assert d.satisfied_at is None
    assert d.status(cr_at(2028, 6, 1)) == "stopped"
    assert d.status(cr_at(2027, 5, 31)) == "pending"  # before the stop
    assert alerts_due([d], now=cr_at(2030, 1, 1)) == ()
    assert d.due_on == dt.date(2028, 1, 5)
    assert "the clock stopped at “verdict.delivered” on 1 June 2027" in d.explain("en")


def test_a_type_cannot_both_satisfy_and_stop():
    with pytest.raises(ValueError, match=r"\['custody.released'\] cannot both satisfy and stop"):
        make_rule(stops_at=["custody.released"], satisfied_by=["custody.released"])
