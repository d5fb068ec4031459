"""Constitución Política art. 37 (cr.presentation_to_judge): a detainee is placed at a
judge's disposal within 24 hours, counted continuously from the arrest.

Hand-computed: an arrest at 23:30 local time is due at 23:30 the next day. Costa Rica
keeps UTC-6 all year, so the hours and the wall clock agree."""

from __future__ import annotations

import datetime as dt

from expediente.rules.deadlines import Fact, alerts_due
from tests.rules.deadlines.helpers import cr_at, cr_rule, only, run

RULE = cr_rule("cr.presentation_to_judge")
ARREST = Fact(("24-000123-0042-PE", 3), "custody.arrested", cr_at(2026, 3, 14, 23, 30))


def test_an_arrest_at_2330_is_due_at_2330_the_next_day():
    d = only(run(RULE, ARREST))
    assert d.start == cr_at(2026, 3, 14, 23, 30)
    assert d.due_at == cr_at(2026, 3, 15, 23, 30)
    assert d.due_at - d.start == dt.timedelta(hours=24)
    assert d.events == (("24-000123-0042-PE", 3),)
    assert d.effect == "alert"
    assert (d.rule_id, d.pack_version, d.subject) == ("cr.presentation_to_judge", "test", "p1")


def test_it_is_due_soon_from_its_start_then_overdue():
    d = only(run(RULE, ARREST))
    assert d.status(cr_at(2026, 3, 14, 23, 30)) == "due_soon"  # 24 hours: within 7 days
    assert d.status(cr_at(2026, 3, 15, 17, 30)) == "due_soon"
    assert d.status(cr_at(2026, 3, 15, 23, 29)) == "due_soon"
    assert d.status(cr_at(2026, 3, 15, 23, 30)) == "overdue"


def test_placing_the_detainee_before_the_judge_meets_it():
    placed = Fact(("24-000123-0042-PE", 4), "custody.placed_before_judge", cr_at(2026, 3, 15, 9))
    d = only(run(RULE, ARREST, placed))
    assert d.satisfied_at == cr_at(2026, 3, 15, 9)
    assert d.satisfied_by == ("24-000123-0042-PE", 4)
    assert d.status(cr_at(2026, 3, 16)) == "satisfied"
    assert not d.met_late
    assert alerts_due([d], now=cr_at(2026, 3, 16)) == ()


def test_releasing_the_detainee_meets_it_too():
    d = only(run(RULE, ARREST, Fact(5, "custody.released", cr_at(2026, 3, 15, 2))))
    assert d.satisfied_type == "custody.released"


def test_a_presentation_after_24_hours_is_met_late():
    late = Fact(6, "custody.placed_before_judge", cr_at(2026, 3, 16, 8))
    d = only(run(RULE, ARREST, late))
    assert d.met_late
    assert d.status(cr_at(2026, 3, 16, 7)) == "overdue"  # before it was met
    assert d.status(cr_at(2026, 3, 16, 9)) == "satisfied"


def test_the_judges_hearing_or_detention_order_meets_it():
    # the person is at the judge's disposal once the judge holds the hearing or rules on
    # their detention, recorded or not as a separate placement (cr.yaml's comment)
    for ruling in ("custody.hearing_held", "custody.pretrial_ordered"):
        d = only(run(RULE, ARREST, Fact(7, ruling, cr_at(2026, 3, 15, 9))))
        assert (d.satisfied_type, d.met_late) == (ruling, False)


def test_a_detention_order_after_24_hours_is_met_late():
    d = only(run(RULE, ARREST, Fact(8, "custody.pretrial_ordered", cr_at(2026, 3, 16, 8))))
    assert d.met_late
    assert d.status(cr_at(2026, 3, 16, 7)) == "overdue"
    assert d.status(cr_at(2026, 3, 16, 9)) == "satisfied"
