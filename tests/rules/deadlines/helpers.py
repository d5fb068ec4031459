"""Rules built in code, facts, court calendars and hypothesis strategies for the engine.

Rules made here carry a test law ("Test law art. 1"): they exercise the engine's
options, never a country's law. Costa Rican rules come from the shipped pack.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import settings
from hypothesis import strategies as st

from expediente.rules.calendars import CourtCalendar
from expediente.rules.deadlines import ComputedDeadline, Fact, compute
from expediente.rules.schema import Deadline

CR_TZ = ZoneInfo("America/Costa_Rica")
CR = CourtCalendar("America/Costa_Rica", "CR")
UTC_CAL = CourtCalendar()
LAW = {"text": "Test law", "article": "1", "flag": "V"}

# Holidays and time zones are computed on first use; no example should be failed for that.
PROPERTY = settings(deadline=None, max_examples=150)


def make_rule(**fields: Any) -> Deadline:
    """A valid deadline rule; keyword arguments replace its fields."""
    base: dict[str, Any] = {
        "id": "test.rule",
        "starts": "custody.arrested",
        "duration": {"days": 10},
        "counting": "calendar",
        "satisfied_by": ["custody.released"],
        "effect": "alert",
        "alert": {"who": ["judge"], "before": [{"days": 3}, {"days": 1}]},
        "law": LAW,
    }
    base.update(fields)
    return Deadline.model_validate(base)


def cr_at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=CR_TZ)


def run(rule: Deadline, *facts: Fact, calendar: CourtCalendar = CR) -> tuple[ComputedDeadline, ...]:
    return compute(rule, list(facts), calendar=calendar, subject="p1", pack_version="test")


def only(deadlines: tuple[ComputedDeadline, ...]) -> ComputedDeadline:
    assert len(deadlines) == 1, deadlines
    return deadlines[0]


# -- strategies

COUNTRIES = st.sampled_from([None, "CR", "BR", "CL", "MX", "AR", "CO"])
DAYS = st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2032, 12, 31))


@st.composite
def moments(draw: st.DrawFn, tz: ZoneInfo = CR_TZ) -> dt.datetime:
    """An aware moment in ``tz`` between 2018 and 2032."""
    day = draw(DAYS)
    minute = draw(st.integers(0, 24 * 60 - 1))
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
    return naive.replace(tzinfo=tz).astimezone(dt.UTC).astimezone(tz)


@st.composite
def calendars(draw: st.DrawFn) -> CourtCalendar:
    """A Costa Rican-time calendar with some country's holidays and random closures."""
    closures = draw(st.frozensets(DAYS, max_size=40))
    return CourtCalendar("America/Costa_Rica", draw(COUNTRIES), closures)


def later(moment: dt.datetime, minutes: int) -> dt.datetime:
    return moment + dt.timedelta(minutes=minutes)


def cr_rule(rule_id: str) -> Deadline:
    """A deadline of the shipped Costa Rican pack."""
    from expediente.rules.loader import load_pack

    return next(d for d in load_pack("cr").deadlines if d.id == rule_id)
