"""court/hearing_rules.py, without a database: which hearing an entry may name (by where
its latest sitting stands) and on what day (the court's, not UTC), and that a
correction is judged only on what it changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from expediente.court.hearing_rules import Entry, Found, made_by_correction, refusal, refusals

CR = ZoneInfo("America/Costa_Rica")
STARTS = dt.datetime(2026, 3, 10, 9, 0, tzinfo=CR)


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=CR)


@pytest.mark.parametrize(
    ("type_name", "status", "open_"),
    [
        ("hearing.held", "scheduled", True),
        ("hearing.held", "held", False),
        ("hearing.held", "not_held", False),
        ("hearing.not_held", "scheduled", True),
        ("hearing.not_held", "not_held", False),
        ("hearing.rescheduled", "scheduled", True),
        ("hearing.rescheduled", "not_held", True),
        ("hearing.rescheduled", "held", False),
    ],
)
def test_an_entry_finds_its_hearing_open_or_closed(type_name, status, open_):
    found = Found(status, STARTS, None if status == "scheduled" else 7)
    why = refusal(type_name, "H1", found, at(11, 9), CR)
    assert (why is None) is open_
    if not open_:
        assert (why.rule, why.status, why.closed_by_seq) == ("closed", status, 7)


def test_a_hearing_never_scheduled_is_unknown():
    assert refusal("hearing.held", "H9", None, at(11, 9), CR).rule == "unknown"


def test_the_day_is_the_courts():
    found = Found("scheduled", STARTS)
    # 20:00 on the 9th in San José is already the 10th in UTC: still the day before
    why = refusal("hearing.held", "H1", found, at(9, 20), CR)
    assert (why.rule, why.day, why.on) == ("early", dt.date(2026, 3, 10), dt.date(2026, 3, 9))
    assert refusal("hearing.not_held", "H1", found, at(10, 0), CR) is None  # its day, early
    assert refusal("hearing.rescheduled", "H1", found, at(1, 9), CR) is None  # a move, any day


def entry(seq, type_name, when, corrects=None, **payload):  # type: ignore[no-untyped-def]
    return Entry(type_name, seq, {"hearing": "H1", **payload}, corrects, when)


SCHEDULED = entry(1, "hearing.scheduled", at(1, 9), kind="trial", starts_at=STARTS.isoformat())


def test_a_history_says_which_entries_break_a_rule_where_they_stand():
    history = [
        SCHEDULED,
        entry(2, "hearing.held", at(4, 9)),  # before its day (recorded before the rules)
        entry(3, "hearing.held", at(10, 9)),  # held again
    ]
    found = refusals(history, CR)
    assert {seq: why.rule for seq, why in found.items()} == {2: "early", 3: "closed"}


def test_a_correction_is_refused_only_for_what_it_changes():
    early = [SCHEDULED, entry(2, "hearing.held", at(4, 9))]
    # it was early, it stays early: not the correction's doing
    same = entry(3, "hearing.held", at(5, 9), corrects=2, summary="Acta")
    assert made_by_correction(early, same, CR) == {}
    # dated on its day: fixed
    assert made_by_correction(early, entry(3, "hearing.held", at(10, 9), corrects=2), CR) == {}
    # a later day for the hearing than the day it was held on: the held entry breaks
    held = [SCHEDULED, entry(2, "hearing.held", at(10, 9))]
    later = {"kind": "trial", "starts_at": at(17, 9).isoformat()}
    moved = entry(3, "hearing.scheduled", at(1, 9), corrects=1, **later)
    assert {seq: why.rule for seq, why in made_by_correction(held, moved, CR).items()} == {
        2: "early"
    }
