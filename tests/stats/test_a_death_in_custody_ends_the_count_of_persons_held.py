"""SDG 16.3.2 counts a person held on the reference day: one who died in custody before
it (``custody.died`` ends the custody period) is no longer counted."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from expediente.stats import load
from expediente.stats.indicators import custody as cu
from expediente.stats.scope import scope_resolve

pytestmark = pytest.mark.django_db

CR = ZoneInfo("America/Costa_Rica")


def scope(start: str, end: str):
    return scope_resolve(
        jurisdiction="cr", courts=None, start=start, end=end, today=dt.date(2026, 3, 2)
    )


def on(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10), tzinfo=CR)


def test_a_person_who_died_in_custody_is_not_counted_held_after_the_death(accused_case, record):
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=on("2026-01-10"))
    order = {"person": "P1", "until": "2026-12-31", "grounds": "Peligro de fuga"}
    record(accused_case, "custody.pretrial_ordered", order, occurred_at=on("2026-01-11"))
    january = scope("2026-01-01", "2026-01-31")
    assert cu.held_on_day(load.custody_rows(january), january.period) == {
        ("unsentenced", "male"): 1
    }
    record(accused_case, "custody.died", {"person": "P1"}, occurred_at=on("2026-02-01"))
    assert cu.held_on_day(load.custody_rows(january), january.period) == {
        ("unsentenced", "male"): 1
    }
    february = scope("2026-02-01", "2026-02-28")
    assert cu.held_on_day(load.custody_rows(february), february.period) == {}
