"""An accused's age at the time of the acts is judged against the case's procedure, and
the finding kept on the participation (``Participation.age_flag``, what the due list
reads): a child in an adult case, an adult in a juvenile case, a child under the minimum
age of criminal responsibility in any case; nothing for a filing that fits or an unknown
date of birth. The day that stands for the acts is the opening, or the first arrest when
it comes before it; a date of birth corrected in one case is judged again in every case
that names the person; a rebuild writes the same flags."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from expediente.docket.models import Participation
from tests.conftest import NOW

# the cases of these tests are opened on 31 January 2026 (NOW - 30 days)
OPENED = dt.date(2026, 1, 31)


def born(years: int, days: int = 0) -> str:
    """A date of birth making someone ``years`` old on the opening day, plus ``days``."""
    return (OPENED.replace(year=OPENED.year - years) - dt.timedelta(days=days)).isoformat()


def person(date_of_birth: str | None = None, name: str = "Kevin") -> dict:
    data = {"given_names": name, "family_names": "Solís Mora", "sex": "male"}
    return data | ({"date_of_birth": date_of_birth} if date_of_birth else {})


def flag(case, uid: str = "P1") -> str:
    return Participation.objects.get(case=case, uid=uid).age_flag


def add(record, case, who: dict, role: str = "accused") -> None:
    record(case, "participant.added", {"role": role, "person": who})


@pytest.mark.parametrize(
    ("procedure", "years", "expected"),
    [
        ("adult", 16, "juvenile_in_adult"),
        ("adult", 17, "juvenile_in_adult"),
        ("adult", 18, ""),
        ("juvenile", 19, "adult_in_juvenile"),
        ("juvenile", 18, "adult_in_juvenile"),
        ("juvenile", 17, ""),
        ("juvenile", 12, ""),
        ("juvenile", 11, "under_minimum"),
        ("adult", 10, "under_minimum"),
    ],
)
def test_the_age_on_the_opening_day_is_judged_against_the_procedure(
    open_case, record, procedure, years, expected
):
    case = open_case(procedure)
    add(record, case, person(born(years)))
    assert flag(case) == expected


def test_the_day_before_the_birthday_counts_as_the_younger_age(open_case, record):
    case = open_case("adult")
    add(record, case, person(born(18, days=-1)))  # turns 18 the day after the opening
    assert flag(case) == "juvenile_in_adult"


def test_an_unknown_date_of_birth_and_other_roles_are_never_flagged(open_case, record):
    case = open_case("adult")
    add(record, case, person())
    add(record, case, person(born(9), name="Ana"), role="victim")
    assert (flag(case, "P1"), flag(case, "P2")) == ("", "")


def test_an_arrest_before_the_opening_is_the_day_of_the_acts(open_case, record):
    """Arrested in flagrante at 17, the case opened after the 18th birthday: the child in
    an adult case is flagged, and the same person in a juvenile case is not."""
    adult, juvenile = open_case("adult"), open_case("juvenile")
    for case in (adult, juvenile):
        add(record, case, person(born(18, days=10)))  # 18 ten days before the opening
    assert (flag(adult), flag(juvenile)) == ("", "adult_in_juvenile")
    for case in (adult, juvenile):
        record(
            case,
            "custody.arrested",
            {"person": "P1", "flagrante": True},
            occurred_at=NOW - dt.timedelta(days=45),
        )
    assert (flag(adult), flag(juvenile)) == ("juvenile_in_adult", "")


def test_an_arrest_after_the_opening_changes_nothing(open_case, record):
    case = open_case("juvenile")
    add(record, case, person(born(18, days=10)))
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=NOW - dt.timedelta(days=5))
    assert flag(case) == "adult_in_juvenile"


def test_a_date_of_birth_corrected_in_one_case_is_judged_again_in_every_case(open_case, record):
    first, second = open_case("adult"), open_case("adult")
    add(record, first, person(born(30)))
    uid = Participation.objects.get(case=first, uid="P1").person.uid
    restated = person(born(30)) | {"uid": uid}
    add(record, second, restated)
    assert (flag(first), flag(second)) == ("", "")
    corrected = {"role": "accused", "person": person(born(16)) | {"uid": uid}}
    record(second, "participant.added", corrected, corrects_seq=2)
    assert (flag(first), flag(second)) == ("juvenile_in_adult", "juvenile_in_adult")
    call_command("rebuild", "--check", stdout=StringIO())  # CommandError if they differ


def test_a_rebuild_writes_the_same_flags(open_case, record):
    case = open_case("adult")
    add(record, case, person(born(16)))
    add(record, case, person(born(40), name="Luis"))
    record(
        case,
        "custody.arrested",
        {"person": "P2"},
        occurred_at=NOW - dt.timedelta(days=40),
    )
    record(
        case,
        "custody.arrested",
        {"person": "P2"},
        occurred_at=NOW - dt.timedelta(days=41),
        corrects_seq=4,
    )
    call_command("rebuild", "--check", stdout=StringIO())
    assert (flag(case, "P1"), flag(case, "P2")) == ("juvenile_in_adult", "")


def _queries_of_a_name_correction(open_case, record, other_cases: int, name: str) -> int:
    first = open_case("adult")
    add(record, first, person(born(16), name=name))
    uid = Participation.objects.get(case=first, uid="P1").person.uid
    for _ in range(other_cases):
        add(record, open_case("adult"), person(born(16), name=name) | {"uid": uid})
    corrected = {"role": "accused", "person": person(born(16), name=name + "a") | {"uid": uid}}
    with CaptureQueriesContext(connection) as queries:
        record(first, "participant.added", corrected, corrects_seq=2)
    return len(queries)


def test_a_correction_that_keeps_the_date_of_birth_leaves_other_cases_alone(open_case, record):
    # a clerk mending a misspelt name of someone accused in many cases: the flags of the
    # other cases cannot change, so none of them is read again
    few = _queries_of_a_name_correction(open_case, record, 1, "Ana")
    many = _queries_of_a_name_correction(open_case, record, 4, "Eva")
    assert many == few
    assert set(Participation.objects.values_list("age_flag", flat=True)) == {"juvenile_in_adult"}
