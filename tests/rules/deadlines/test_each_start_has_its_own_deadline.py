"""A rule with ``each`` (one deadline per starting event, e.g. per petition): every start
opens its own clock, a satisfying fact meets only the start it answers, ``stops_at``
stops them all. Properties over random filings and answers; the arithmetic is the
ordinary one (start + duration), per petition."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from expediente.rules.deadlines import Fact
from tests.rules.deadlines.helpers import PROPERTY, cr_at, make_rule, moments, run

POLICY = {"text": "Test law", "article": "1", "flag": "policy", "says": {"en": "soon"}}


def each_rule(**fields):  # type: ignore[no-untyped-def]
    base = {
        "id": "test.answer",
        "starts": "petition.filed",
        "each": {"subject": "petitioner", "answers": "petition"},
        "duration": {"hours": 48},
        "counting": "continuous",
        "satisfied_by": ["petition.decided"],
        "stops_at": ["case.closed"],
        "alert": {"who": ["judge"], "before": [{"hours": 4}]},
        "law": POLICY,
    }
    return make_rule(**(base | fields))


def filed(n: int, at: dt.datetime) -> Fact:
    return Fact(id=n, type="petition.filed", occurred_at=at)


def decided(n: int, at: dt.datetime, answers: int) -> Fact:
    return Fact(id=n, type="petition.decided", occurred_at=at, answers=answers)


def test_two_filings_are_two_deadlines_and_a_decision_meets_its_own_only() -> None:
    rule = each_rule()
    first, second = filed(1, cr_at(2026, 3, 2, 10)), filed(2, cr_at(2026, 3, 2, 11))
    got = run(rule, first, second, decided(3, cr_at(2026, 3, 3, 9), answers=2))
    assert [d.start_event for d in got] == [1, 2]
    assert got[0].satisfied_at is None
    assert got[1].satisfied_by == 3
    assert got[0].key != got[1].key


def test_a_decision_naming_no_filing_meets_nothing() -> None:
    got = run(each_rule(), filed(1, cr_at(2026, 3, 2, 10)), decided(2, cr_at(2026, 3, 2, 12), 9))
    assert got[0].satisfied_at is None


def test_stops_at_stops_every_open_petition() -> None:
    rule = each_rule()
    closed = Fact(id=3, type="case.closed", occurred_at=cr_at(2026, 3, 2, 12))
    got = run(rule, filed(1, cr_at(2026, 3, 2, 10)), filed(2, cr_at(2026, 3, 2, 11)), closed)
    assert [d.stopped_by for d in got] == [3, 3]


@pytest.mark.parametrize(
    "extra",
    [
        {"repeats_from": "petition.filed"},
        {"extended_by": ["petition.decided"]},
        {"also_ends_at": {"hours": 72}},
    ],
)
def test_each_cannot_repeat_extend_or_cap(extra) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="a deadline per starting event"):
        each_rule(**extra)


def test_a_service_target_cannot_have_a_legal_consequence() -> None:
    with pytest.raises(ValidationError, match="service target can only alert"):
        each_rule(effect="legal_consequence")


def test_a_service_target_explains_itself_as_the_court_s_not_the_law_s() -> None:
    [d] = run(each_rule(), filed(1, cr_at(2026, 3, 2, 10)))
    text = d.explain("en")
    assert "the court's service target, not a legal time limit" in text
    assert "the law says “soon”" in text


@given(
    starts=st.lists(moments(), min_size=1, max_size=6),
    answered=st.lists(st.booleans(), min_size=6, max_size=6),
    delays=st.lists(st.integers(0, 7 * 24 * 60), min_size=6, max_size=6),
)
@PROPERTY
def test_each_filing_is_due_48_hours_later_and_met_only_by_its_own_answer(
    starts: list[dt.datetime], answered: list[bool], delays: list[int]
) -> None:
    rule = each_rule()
    starts = sorted(starts)
    facts: list[Fact] = [filed(i + 1, at) for i, at in enumerate(starts)]
    answers = {}
    for i, at in enumerate(starts):
        if answered[i]:
            when = at + dt.timedelta(minutes=delays[i])
            answers[i + 1] = when
            facts.append(decided(100 + i, when, answers=i + 1))
    facts.sort(key=lambda f: (f.occurred_at, f.type != "petition.filed"))
    got = run(rule, *facts)
    assert len(got) == len(starts)  # one deadline per filing, never more, never fewer
    assert len({d.key for d in got}) == len(starts)
    for d in got:
        assert d.due_at - d.start == dt.timedelta(hours=48)  # exact, across any DST change
        assert d.satisfied_at == answers.get(d.start_event)
        if d.satisfied_by is not None:
            assert d.satisfied_by == 100 + int(d.start_event) - 1  # type: ignore[call-overload]
