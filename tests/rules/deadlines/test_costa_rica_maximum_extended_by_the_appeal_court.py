"""Código Procesal Penal arts. 257(b)(c) and 258 (cr.pretrial_maximum): pretrial
detention ends after 12 months or when it equals the possible penalty. The Tribunal de
Apelación de Sentencia may extend it, and the new limit is the date it fixes.

Hand-computed: an order of 15 January 2026 runs to 15 January 2027. An extension to
15 July 2027 makes that the due date. The engine only computes: ``effect`` says the
court must declare the consequence."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.rules.deadlines import Fact, Penalty, alerts_due
from expediente.rules.schema import Duration
from tests.rules.deadlines.helpers import CR, cr_at, cr_rule, only, run

RULE = cr_rule("cr.pretrial_maximum")
ORDER = Fact(1, "custody.pretrial_ordered", cr_at(2026, 1, 15, 10))
EXTENDED = Fact(2, "custody.pretrial_extended", cr_at(2026, 12, 20, 10), until=dt.date(2027, 7, 15))
EXTENDED_AFTER = Fact(4, "custody.pretrial_extended", cr_at(2026, 12, 1), until=dt.date(2027, 9, 1))


def test_the_maximum_is_twelve_months_from_the_order():
    d = only(run(RULE, ORDER))
    assert d.due_on == dt.date(2027, 1, 15)
    assert d.effect == "legal_consequence"
    assert d.cap_unknown  # no penalty known for the charge
    assert d.status(cr_at(2027, 1, 15, 23, 59)) == "due_soon"
    assert d.status(cr_at(2027, 1, 16)) == "overdue"


def test_the_appeal_court_extends_it_to_the_date_it_fixes():
    d = only(run(RULE, ORDER, EXTENDED))
    assert d.due_on == dt.date(2027, 7, 15)
    assert d.due_at == CR.day_end(dt.date(2027, 7, 15))
    assert d.extension == EXTENDED
    assert d.events == (1, 2)
    assert d.status(cr_at(2027, 1, 20)) == "pending"
    assert "extended to 15 July 2027" in d.explain("en")


def test_an_extension_granted_after_the_term_ran_out_still_sets_the_new_date():
    late = Fact(2, "custody.pretrial_extended", cr_at(2027, 1, 20, 10), until=dt.date(2027, 7, 15))
    d = only(run(RULE, ORDER, late))
    assert d.due_on == dt.date(2027, 7, 15)


def test_the_extension_keys_new_alerts_so_the_new_date_is_announced():
    before = alerts_due(run(RULE, ORDER), now=cr_at(2027, 1, 20))
    after = alerts_due(run(RULE, ORDER, EXTENDED), now=cr_at(2027, 7, 16))
    assert {a.key for a in before}.isdisjoint({a.key for a in after})
    assert [a.before for a in after] == [
        Duration(days=30),
        Duration(days=7),
        Duration(days=1),
        None,
    ]


def test_the_possible_penalty_caps_it_when_it_comes_first():
    charge = Fact(0, "charge.filed", cr_at(2026, 1, 10, 9), penalty=Penalty(6, 36))
    d = only(run(RULE, charge, ORDER))
    assert d.due_on == dt.date(2026, 7, 15)
    assert d.capped
    assert d.penalty_months == 6
    assert d.events == (0, 1)


def test_the_penalty_cap_still_applies_after_an_extension():
    charge = Fact(0, "charge.filed", cr_at(2026, 1, 10, 9), penalty=Penalty(16, 36))
    d = only(run(RULE, charge, ORDER, EXTENDED))
    assert d.due_on == dt.date(2027, 5, 15)  # 16 months from 15 January 2026, before 15 July
    assert d.capped
    assert d.extension == EXTENDED


@pytest.mark.parametrize(
    "ending",
    [
        "custody.pretrial_lifted",
        "custody.pretrial_replaced",
        "custody.released",
        "verdict.delivered",
    ],
)
def test_it_is_met_when_detention_ends_or_a_verdict_is_delivered(ending):
    d = only(run(RULE, ORDER, Fact(3, ending, cr_at(2026, 6, 1, 9)), EXTENDED_AFTER))
    assert d.satisfied_type == ending
    assert d.due_on == dt.date(2027, 1, 15)  # the extension came after: it changes nothing
