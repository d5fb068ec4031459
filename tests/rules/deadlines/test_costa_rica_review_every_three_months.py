"""Código Procesal Penal art. 253 (cr.pretrial_review): pretrial detention is reviewed
at least every 3 months, each review counting from the last.

Hand-computed: from an order on 30 November, the review is due on 28 February, or on
29 February in a leap year. The month has no 30th, so the term ends on its last day
(de fecha a fecha, a convention: see rules/calendars.py). The pack counts calendar
days and does not roll, so a term ending on a Sunday is due that Sunday."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.rules.deadlines import Fact
from tests.rules.deadlines.helpers import CR, cr_at, cr_rule, only, run

RULE = cr_rule("cr.pretrial_review")


@pytest.mark.parametrize(
    ("year", "due_on"),
    [(2026, dt.date(2027, 2, 28)), (2027, dt.date(2028, 2, 29)), (2030, dt.date(2031, 2, 28))],
)
def test_an_order_on_30_november_is_reviewed_by_the_end_of_february(year, due_on):
    d = only(run(RULE, Fact(1, "custody.pretrial_ordered", cr_at(year, 11, 30, 10))))
    assert d.due_on == due_on
    assert d.due_at == CR.day_end(due_on) == cr_at(due_on.year, 3, 1)


def test_each_review_starts_the_next_three_months():
    reviews = [cr_at(2026, 12, 10, 9), cr_at(2027, 3, 1, 9), cr_at(2027, 5, 31, 9)]
    facts = [Fact(0, "custody.pretrial_ordered", cr_at(2026, 9, 14, 11))]
    facts += [Fact(i, "custody.pretrial_reviewed", at) for i, at in enumerate(reviews, start=1)]

    got = run(RULE, *facts)

    assert [d.due_on for d in got] == [
        dt.date(2026, 12, 14),  # 3 months from the order
        dt.date(2027, 3, 10),  # from the review of 10 December
        dt.date(2027, 6, 1),  # from the review of 1 March
        dt.date(2027, 8, 31),  # from the review of 31 May
    ]
    assert [d.cycle for d in got] == [0, 1, 2, 3]
    assert [d.events for d in got] == [(0, 1), (1, 2), (2, 3), (3,)]
    assert all(d.status(cr_at(2027, 6, 2)) == "satisfied" for d in got[:3])
    assert got[3].status(cr_at(2027, 6, 2)) == "pending"
    assert got[3].status(cr_at(2027, 8, 25)) == "due_soon"  # 7 days before: 25 August 00:00


def test_lifting_or_replacing_the_detention_ends_the_reviews():
    for ending in ("custody.pretrial_lifted", "custody.pretrial_replaced"):
        got = run(
            RULE,
            Fact(1, "custody.pretrial_ordered", cr_at(2026, 9, 14, 11)),
            Fact(2, ending, cr_at(2026, 10, 1, 9)),
            Fact(3, "custody.pretrial_reviewed", cr_at(2026, 11, 1, 9)),  # nothing to repeat
        )
        assert len(got) == 1
        assert got[0].satisfied_type == ending


def test_a_new_order_after_a_lift_starts_a_new_series():
    got = run(
        RULE,
        Fact(1, "custody.pretrial_ordered", cr_at(2026, 1, 10, 11)),
        Fact(2, "custody.pretrial_lifted", cr_at(2026, 2, 1, 9)),
        Fact(3, "custody.pretrial_ordered", cr_at(2026, 5, 20, 11)),
    )
    assert [d.due_on for d in got] == [dt.date(2026, 4, 10), dt.date(2026, 8, 20)]
    assert [d.cycle for d in got] == [0, 0]


def test_the_explanation_names_the_article_and_the_last_review():
    got = run(
        RULE,
        Fact(1, "custody.pretrial_ordered", cr_at(2026, 9, 14, 11)),
        Fact(2, "custody.pretrial_reviewed", cr_at(2026, 12, 14, 9)),
    )
    labels = {"custody.pretrial_reviewed": {"en": "the review", "es": "revisión"}}
    assert got[1].explain("en", labels) == (
        "Review of pretrial detention due 14 March 2027: Código Procesal Penal (Ley 7594) "
        "art. 253, every 3 months from the last “the review” on 14 December 2026."
    )
