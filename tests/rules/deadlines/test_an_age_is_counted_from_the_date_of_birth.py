"""A rule can end when the person reaches an age (``duration: {age: 21}``): the last day
is the eve of that birthday, whatever the start, and nothing is computed without a date
of birth."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from expediente.rules.deadlines import Fact, compute
from tests.rules.deadlines.helpers import CR, PROPERTY, cr_at, make_rule, moments

AT_21 = make_rule(
    id="test.age",
    starts="custody.sentence_started",
    duration={"age": 21},
    satisfied_by=["custody.sentence_ended"],
    effect="legal_consequence",
    alert={"who": ["judge"], "before": [{"days": 30}]},
)


def started(at: dt.datetime) -> Fact:
    return Fact(id=1, type="custody.sentence_started", occurred_at=at)


def run(born: dt.date | None, *facts: Fact):
    return compute(AT_21, list(facts), calendar=CR, subject="p", pack_version="t", born=born)


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day``; a 29 February birthday comes on 28 February in a
    common year (the earlier reading, so a limit never comes late)."""
    years = day.year - born.year
    try:
        birthday = born.replace(year=day.year)
    except ValueError:
        birthday = dt.date(day.year, 2, 28)
    return years if day >= birthday else years - 1


def test_the_last_day_is_the_eve_of_the_21st_birthday():
    [d] = run(dt.date(2005, 6, 15), started(cr_at(2025, 1, 10, 10)))
    assert d.due_on == dt.date(2026, 6, 14)
    assert d.due_at == cr_at(2026, 6, 15)
    assert d.born == dt.date(2005, 6, 15)


def test_born_on_29_february_turns_21_on_28_february_of_a_common_year():
    [d] = run(dt.date(2004, 2, 29), started(cr_at(2024, 5, 1, 10)))
    assert d.due_on == dt.date(2025, 2, 27)


def test_without_a_date_of_birth_nothing_is_computed():
    assert run(None, started(cr_at(2025, 1, 10, 10))) == ()


def test_the_sentence_ending_first_meets_it():
    end = Fact(id=2, type="custody.sentence_ended", occurred_at=cr_at(2025, 9, 1, 10))
    [d] = run(dt.date(2005, 6, 15), started(cr_at(2025, 1, 10, 10)), end)
    assert d.status(cr_at(2026, 7, 1)) == "satisfied"


def test_a_date_and_time_is_not_a_date_of_birth():
    with pytest.raises(ValueError, match="born"):
        run(dt.datetime(2005, 6, 15, tzinfo=dt.UTC), started(cr_at(2025, 1, 10, 10)))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"counting": "continuous"}, "an age is reached on a birthday; use counting: calendar"),
        ({"counting": "working"}, "an age is reached on a birthday; use counting: calendar"),
        ({"alert": {"who": ["judge"], "before": [{"age": 1}]}}, "not a penalty or an age"),
        ({"duration": {"age": 21, "days": 3}}, "give exactly one of"),
    ],
)
def test_a_pack_rule_with_a_misused_age_is_refused(fields, message):
    with pytest.raises(ValidationError, match=message):
        make_rule(**{"id": "test.age", "duration": {"age": 21}, **fields})


@PROPERTY
@given(
    born=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2012, 12, 31)),
    start=moments(),
    age=st.integers(14, 25),
)
def test_the_person_is_one_year_short_of_the_age_on_the_last_day_and_has_it_the_next(
    born, start, age
):
    rule = AT_21.model_copy(update={"duration": AT_21.duration.model_copy(update={"age": age})})
    [d] = compute(rule, [started(start)], calendar=CR, subject="p", pack_version="t", born=born)
    assert age_on(born, d.due_on) == age - 1
    assert age_on(born, d.due_on + dt.timedelta(days=1)) == age
