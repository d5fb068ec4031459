"""Código Procesal Penal art. 253 (cr.pretrial_review): "Después de transcurrir tres
meses de haberse decretado la prisión preventiva, el imputado podrá solicitar su
revisión [...] Sus solicitudes interrumpen el plazo señalado en el párrafo anterior."

A request by the accused, once 3 months have passed since the order, starts the 3-month
count of the court's own review again: the running term stops there (stopped, not met)
and the next is due 3 months from the request. An earlier request changes nothing. The
worked examples in packs/examples/cr/review_*request* show single cases; these tests
check the rule over any history."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.calendars import add_months
from expediente.rules.deadlines import ComputedDeadline, Fact
from tests.rules.deadlines.helpers import CR, PROPERTY, cr_rule, later, moments, run

RULE = cr_rule("cr.pretrial_review")
ORDERED, REVIEWED, REQUESTED = (
    "custody.pretrial_ordered",
    "custody.pretrial_reviewed",
    "custody.review_requested",
)


def three_months_passed(ordered: dt.datetime) -> dt.datetime:
    """The first moment at which a request counts: the midnight ending the last day of
    the 3 months from the order."""
    return CR.day_end(add_months(CR.local_date(ordered), 3))


def running(deadlines: tuple[ComputedDeadline, ...]) -> ComputedDeadline:
    [open_] = [d for d in deadlines if d.satisfied_at is None and d.stopped_at is None]
    return open_


@PROPERTY
@given(ordered=moments(), reviews=st.lists(st.integers(1, 120), max_size=3), data=st.data())
def test_a_request_after_three_months_restarts_the_count_from_the_request(ordered, reviews, data):
    facts = [Fact(0, ORDERED, ordered)]
    when = ordered
    for i, days in enumerate(reviews, start=1):
        when = later(when, days * 1440)
        facts.append(Fact(i, REVIEWED, when))
    earliest = max(when, three_months_passed(ordered))
    asked = later(earliest, data.draw(st.integers(0, 200 * 1440)))
    before = run(RULE, *facts)

    after = run(RULE, *facts, Fact(99, REQUESTED, asked))

    interrupted, restarted = after[-2], after[-1]
    assert interrupted.stopped_at == asked
    assert interrupted.stopped_type == REQUESTED
    assert interrupted.satisfied_at is None  # a request is not the court's review
    assert interrupted.due_at == running(before).due_at  # the term it interrupted
    assert restarted.start == asked
    assert restarted.due_on == add_months(CR.local_date(asked), 3)
    assert restarted.cycle == interrupted.cycle + 1
    assert restarted.status(asked) in ("pending", "due_soon")


@PROPERTY
@given(ordered=moments(), data=st.data())
def test_a_request_within_the_first_three_months_changes_nothing(ordered, data):
    limit = three_months_passed(ordered)
    minutes = int((limit - ordered).total_seconds() // 60) - 1
    asked = later(ordered, data.draw(st.integers(0, minutes)))
    assert asked < limit

    alone = run(RULE, Fact(0, ORDERED, ordered))
    with_request = run(RULE, Fact(0, ORDERED, ordered), Fact(1, REQUESTED, asked))

    assert with_request == alone


@PROPERTY
@given(ordered=moments(), gaps=st.lists(st.integers(1, 60), min_size=1, max_size=6))
def test_each_request_restarts_the_count_again(ordered, gaps):
    when = three_months_passed(ordered)
    facts = [Fact(0, ORDERED, ordered)]
    for i, days in enumerate(gaps, start=1):
        when = later(when, days * 1440)
        facts.append(Fact(i, REQUESTED, when))

    got = run(RULE, *facts)

    assert len(got) == len(gaps) + 1
    assert [d.stopped_type for d in got[:-1]] == [REQUESTED] * len(gaps)
    assert got[-1].due_on == add_months(CR.local_date(when), 3)


KINDS = [REVIEWED, REQUESTED, "custody.pretrial_lifted", "custody.released", "note.added"]


@st.composite
def histories(draw: st.DrawFn) -> list[Fact]:
    when = draw(moments())
    facts = [Fact(0, ORDERED, when)]
    for i in range(1, draw(st.integers(1, 10)) + 1):
        when = later(when, draw(st.integers(0, 120 * 1440)))
        facts.append(Fact(i, draw(st.sampled_from([*KINDS, ORDERED])), when))
    return facts


@PROPERTY
@given(facts=histories(), data=st.data())
def test_a_later_request_or_review_never_moves_an_earlier_met_or_stopped_deadline(facts, data):
    before = run(RULE, *facts)
    closed = [d for d in before if d.satisfied_at or d.stopped_at]
    gap = data.draw(st.integers(0, 200 * 1440))
    kind = data.draw(st.sampled_from(KINDS))

    after = run(RULE, *facts, Fact(len(facts), kind, later(facts[-1].occurred_at, gap)))

    assert after[: len(closed)] == tuple(closed)
    for d in closed:
        assert after[after.index(d)].explain("en") == d.explain("en")
