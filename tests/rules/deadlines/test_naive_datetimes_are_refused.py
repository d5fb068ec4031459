"""A time without a time zone is refused with a message naming the fact (or ``now``):
a deadline counted from an unknown offset could be hours wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.rules.deadlines import Fact, alerts_due
from tests.rules.deadlines.helpers import cr_at, make_rule, only, run

RULE = make_rule()


def test_a_fact_without_a_time_zone_is_refused_by_name():
    naive = Fact(("24-000123-0042-PE", 7), "custody.released", dt.datetime(2026, 3, 2, 9))
    with pytest.raises(
        ValueError,
        match=r"^fact 24-000123-0042-PE#7 \(custody.released\): "
        r"occurred_at: 2026-03-02T09:00:00 has no time zone; give it with its UTC offset$",
    ):
        run(RULE, Fact(1, "custody.arrested", cr_at(2026, 3, 1)), naive)


def test_a_fact_of_a_type_the_rule_ignores_is_still_checked():
    with pytest.raises(ValueError, match=r"fact 2 \(note.added\): occurred_at"):
        run(RULE, Fact(2, "note.added", dt.datetime(2026, 3, 2, 9)))


def test_a_date_without_a_time_is_refused():
    with pytest.raises(
        ValueError, match=r"fact 1 \(custody.arrested\): occurred_at: .* is not a date and time"
    ):
        run(RULE, Fact(1, "custody.arrested", dt.date(2026, 3, 2)))


def test_a_naive_now_is_refused_when_asking_for_a_status_or_alerts():
    d = only(run(RULE, Fact(1, "custody.arrested", cr_at(2026, 3, 1))))
    with pytest.raises(ValueError, match="now: 2026-03-20T00:00:00 has no time zone"):
        d.status(dt.datetime(2026, 3, 20))
    with pytest.raises(ValueError, match=r"now: .* has no time zone"):
        alerts_due([d], now=dt.datetime(2026, 3, 20))
    with pytest.raises(ValueError, match=r"since: .* has no time zone"):
        alerts_due([d], now=cr_at(2026, 3, 20), since=dt.datetime(2026, 3, 19))
