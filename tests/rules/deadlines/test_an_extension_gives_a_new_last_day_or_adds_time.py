"""An extension either fixes a new last day (``until``) or adds time to the current end
(``adds``). It must give exactly one of them, and the message names the fact."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.rules.deadlines import Fact
from expediente.rules.schema import Duration
from tests.rules.deadlines.helpers import cr_at, make_rule, only, run

RULE = make_rule(duration={"days": 10}, extended_by=["custody.pretrial_extended"])
START = Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9))  # due 12 March


def test_added_days_count_from_the_current_end():
    ext = Fact(2, "custody.pretrial_extended", cr_at(2026, 3, 5), adds=Duration(days=5))
    assert only(run(RULE, START, ext)).due_on == dt.date(2026, 3, 17)


def test_two_extensions_add_up():
    first = Fact(2, "custody.pretrial_extended", cr_at(2026, 3, 5), adds=Duration(days=5))
    second = Fact(3, "custody.pretrial_extended", cr_at(2026, 3, 6), adds=Duration(months=1))
    d = only(run(RULE, START, first, second))
    assert d.due_on == dt.date(2026, 4, 17)
    assert d.extension == second
    assert d.events == (1, 2, 3)


def test_a_fixed_date_in_continuous_counting_ends_at_the_end_of_that_day():
    rule = make_rule(
        duration={"hours": 48}, counting="continuous", extended_by=["custody.pretrial_extended"]
    )
    ext = Fact(2, "custody.pretrial_extended", cr_at(2026, 3, 3), until=dt.date(2026, 3, 6))
    assert only(run(rule, START, ext)).due_at == cr_at(2026, 3, 7)


@pytest.mark.parametrize(
    "fields",
    [{}, {"until": dt.date(2026, 4, 1), "adds": Duration(days=1)}],
    ids=["neither", "both"],
)
def test_an_extension_with_neither_or_both_is_refused(fields):
    ext = Fact(("24-1", 9), "custody.pretrial_extended", cr_at(2026, 3, 5), **fields)
    with pytest.raises(
        ValueError, match=r"^fact 24-1#9 \(custody.pretrial_extended\) extends deadline test.rule: "
    ):
        run(RULE, START, ext)


def test_hours_cannot_be_added_to_a_term_counted_in_days():
    ext = Fact(2, "custody.pretrial_extended", cr_at(2026, 3, 5), adds=Duration(hours=5))
    with pytest.raises(
        ValueError, match=r"fact 2 \(custody.pretrial_extended\): a day-counted term"
    ):
        run(RULE, START, ext)


def test_a_new_last_day_must_be_a_date_not_a_moment():
    ext = Fact(2, "custody.pretrial_extended", cr_at(2026, 3, 5), until=cr_at(2026, 4, 1))
    with pytest.raises(
        ValueError, match=r"^fact 2 \(custody.pretrial_extended\): until .* must be a date"
    ):
        run(RULE, START, ext)
