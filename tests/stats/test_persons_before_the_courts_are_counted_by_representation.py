"""UN-CTS "persons brought before the criminal courts, by legal representation", pure:
each person indicted in the year counts once, under the lawyers acting for them at the
end of the year (private counsel, public defender, both, none recorded); the categories
add up to the persons indicted; a lawyer's withdrawal before the end moves the person
to "none recorded", a withdrawal after it does not; lawyers of both kinds give "both"."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from expediente.stats.indicators.base import margin
from expediente.stats.indicators.persons import indicted
from expediente.stats.indicators.representation import CATEGORIES, DIMS, represented
from expediente.stats.indicators.rows import AccusedRow, CounselRow
from tests.stats.helpers import YEAR, at

ROLES = ("defence", "public_defender")
days = st.integers(-400, 500).map(lambda d: at("2024-01-01") + dt.timedelta(days=d, hours=d % 7))


def row(pid: int, person: int, indicted_at: tuple[dt.datetime, ...], *entries: CounselRow):
    return AccusedRow(
        id=pid,
        person=person,
        section="05",
        sex="female",
        age_status="adult",
        citizenship="national",
        added_at=at("2023-06-01"),
        indicted=indicted_at,
        counsel=tuple(entries),
    )


def by_category(rows: list[AccusedRow]) -> dict[str, int]:
    return {k[0]: n for k, n in margin(represented(rows, YEAR), DIMS, ("representation",)).items()}


@st.composite
def accused_rows(draw: st.DrawFn) -> list[AccusedRow]:
    rows = []
    for pid in range(draw(st.integers(0, 12))):
        entries = [
            CounselRow(
                seq,
                draw(st.integers(100, 103)),
                draw(st.sampled_from(ROLES)),
                draw(st.booleans()),
                draw(days),
            )
            for seq in draw(st.lists(st.integers(1, 60), unique=True, max_size=5))
        ]
        person = draw(st.integers(0, 5))  # a person may be accused in several cases
        rows.append(row(pid, person, tuple(draw(st.lists(days, max_size=2))), *entries))
    return rows


@given(accused_rows())
def test_each_person_counts_once_and_the_categories_add_up_to_the_persons_indicted(rows):
    counts = represented(rows, YEAR)
    assert set(by_category(rows)) <= set(CATEGORIES)
    people = {r.person for r in rows if any(YEAR.contains(t) for t in r.indicted)}
    assert sum(counts.values()) == len(people)
    assert sum(counts.values()) == sum(indicted(rows, YEAR).values())


@given(accused_rows())
def test_the_order_the_rows_are_read_in_changes_nothing(rows):
    assert represented(rows, YEAR) == represented(list(reversed(rows)), YEAR)


def test_a_person_with_no_entry_is_none_recorded_not_left_out() -> None:
    assert by_category([row(1, 1, (at("2024-03-01"),))]) == {"none_recorded": 1}


def test_a_withdrawal_before_the_end_of_the_year_moves_the_person_to_none_recorded() -> None:
    acting = CounselRow(1, 10, "public_defender", False, at("2024-02-01"))
    withdrawn = CounselRow(2, 10, "public_defender", True, at("2024-11-30"))
    assert by_category([row(1, 1, (at("2024-03-01"),), acting)]) == {"public_defender": 1}
    assert by_category([row(1, 1, (at("2024-03-01"),), acting, withdrawn)]) == {"none_recorded": 1}
    # after the end of the year it does not change the year's figure
    later = CounselRow(2, 10, "public_defender", True, at("2025-01-15"))
    assert by_category([row(1, 1, (at("2024-03-01"),), acting, later)]) == {"public_defender": 1}


def test_the_latest_entry_recorded_for_a_lawyer_wins_whatever_its_date() -> None:
    # recorded second, dated earlier: she acts again (a late entry restating it)
    ended = CounselRow(1, 10, "defence", True, at("2024-05-01"))
    again = CounselRow(2, 10, "defence", False, at("2024-04-01"))
    assert by_category([row(1, 1, (at("2024-03-01"),), ended, again)]) == {"private_counsel": 1}


def test_lawyers_of_both_kinds_give_both_and_a_replacement_gives_the_new_kind() -> None:
    private = CounselRow(1, 10, "defence", False, at("2024-02-01"))
    public = CounselRow(2, 11, "public_defender", False, at("2024-06-01"))
    assert by_category([row(1, 1, (at("2024-03-01"),), private, public)]) == {"both": 1}
    replaced = CounselRow(3, 10, "defence", True, at("2024-06-01"))
    assert by_category([row(1, 1, (at("2024-03-01"),), private, replaced, public)]) == {
        "public_defender": 1
    }


def test_a_person_indicted_in_two_cases_counts_under_the_first_case_of_the_year() -> None:
    first = row(1, 7, (at("2024-02-01"),), CounselRow(1, 10, "defence", False, at("2024-01-10")))
    second = row(2, 7, (at("2024-05-01"),))
    assert by_category([first, second]) == {"private_counsel": 1}
    not_this_year = row(3, 8, (at("2023-05-01"),))
    assert by_category([first, second, not_this_year]) == {"private_counsel": 1}
