"""Persons brought into formal contact, indicted and convicted, by ICCS section, sex, age
status and citizenship; violence against women and its outcomes; victims in firearm
homicide cases."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.stats.indicators import firearms, persons, vaw
from expediente.stats.indicators.base import margin
from expediente.stats.indicators.rows import (
    AccusedRow,
    VictimRow,
    citizenship_class,
    section_of,
)
from tests.stats.helpers import YEAR, at

P = [
    AccusedRow(
        1,
        1,
        "01",
        "male",
        "adult",
        "national",
        at("2024-02-01"),
        indicted=(at("2024-05-01"),),
        convicted=(at("2024-09-01"), at("2024-10-01")),
    ),
    AccusedRow(
        2,
        2,
        "02",
        "male",
        "adult",
        "foreign",
        at("2023-12-01"),
        indicted=(at("2024-01-10"),),
        acquitted=(at("2024-06-01"),),
        vaw_charged_at=at("2023-12-02"),
    ),
    AccusedRow(
        3,
        3,
        "02",
        "female",
        "juvenile",
        "unknown",
        at("2024-03-01"),
        dismissed=(at("2024-11-01"),),
        vaw_charged_at=at("2024-03-02"),
    ),
    AccusedRow(
        4,
        4,
        "02",
        "male",
        "adult",
        "national",
        at("2024-04-01"),
        convicted=(at("2025-02-01"),),
        vaw_charged_at=at("2024-04-02"),
    ),
    AccusedRow(5, 5, "unmapped", "unknown", "adult", "national", at("2024-07-01")),
    # person 1 again, in another case (a robbery, ICCS 05): accused and convicted in 2024
    # after the first case; the person counts once, under the first case
    AccusedRow(
        6,
        1,
        "05",
        "male",
        "adult",
        "national",
        at("2024-03-01"),
        convicted=(at("2024-08-01"),),
    ),
]


def test_formal_contact_indicted_convicted() -> None:
    assert persons.formal_contact(P, YEAR) == {
        ("01", "male", "adult", "national"): 1,
        ("02", "female", "juvenile", "unknown"): 1,
        ("02", "male", "adult", "national"): 1,
        ("unmapped", "unknown", "adult", "national"): 1,  # reported, never dropped
    }
    assert persons.indicted(P, YEAR) == {
        ("01", "male", "adult", "national"): 1,
        ("02", "male", "adult", "foreign"): 1,
    }
    # three convictions in the year in two cases, one person: counted once, under the
    # case of the first conviction in the year (2024-08-01, the robbery case)
    assert persons.convicted(P, YEAR) == {("05", "male", "adult", "national"): 1}


def test_violence_against_women() -> None:
    assert vaw.vaw_charged(P, YEAR) == {("juvenile",): 1, ("adult",): 1}
    assert vaw.vaw_outcomes(P, YEAR) == {("acquitted",): 1, ("dismissed",): 1}


def test_victims_in_firearm_homicide_cases_by_sex() -> None:
    rows = [
        VictimRow(1, "female", at("2024-03-01")),
        VictimRow(2, "male", at("2024-04-01")),
        VictimRow(3, "female", at("2024-05-01")),
        VictimRow(4, "male", at("2023-05-01")),
    ]
    assert firearms.firearm_homicide_victims(rows, YEAR) == {("female",): 2, ("male",): 1}


def test_classifications() -> None:
    assert section_of("0101") == "01"
    assert section_of("") == "unmapped"
    assert section_of(None) == "none"
    assert citizenship_class("CR", "CR") == "national"
    assert citizenship_class("NI", "CR") == "foreign"
    assert citizenship_class("", "CR") == "unknown"
    assert citizenship_class("stateless", "CR") == "stateless"
    assert citizenship_class("stateless", "") == "stateless"  # whatever the country


moments = st.lists(
    st.integers(0, 800).map(lambda d: at("2023-06-01") + dt.timedelta(days=d)), max_size=3
).map(tuple)


@st.composite
def accused(draw: st.DrawFn) -> list[AccusedRow]:
    return [
        AccusedRow(
            i,
            draw(st.integers(0, 4)),  # the same person may be accused in several cases
            draw(st.sampled_from(["01", "02", "05"])),
            draw(st.sampled_from(["male", "female"])),
            draw(st.sampled_from(["adult", "juvenile"])),
            "national",
            at("2023-06-01") + dt.timedelta(days=draw(st.integers(0, 800))),
            indicted=draw(moments),
            convicted=draw(moments),
            acquitted=draw(moments),
            dismissed=draw(moments),
            vaw_charged_at=draw(st.one_of(st.none(), st.just(at("2024-01-05")))),
        )
        for i in range(draw(st.integers(0, 12)))
    ]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(accused())
def test_each_person_counts_once_and_margins_add_up(rows) -> None:  # type: ignore[no-untyped-def]
    convicted = persons.convicted(rows, YEAR)
    assert sum(convicted.values()) == len(
        {r.person for r in rows if any(YEAR.contains(t) for t in r.convicted)}
    )
    contact = persons.formal_contact(rows, YEAR)
    assert sum(contact.values()) == len({r.person for r in rows if YEAR.contains(r.added_at)})
    by_sex = margin(convicted, persons.DIMS, ("sex",))
    assert sum(by_sex.values()) == sum(convicted.values())
    outcomes = vaw.vaw_outcomes(rows, YEAR)
    assert sum(outcomes.values()) <= len({r.person for r in rows if r.vaw_charged_at})


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["female", "male", "unknown"]), st.integers(0, 900))))
def test_firearm_homicide_victims_count_each_victim_in_the_period_once(victims) -> None:  # type: ignore[no-untyped-def]
    rows = [
        VictimRow(i, sex, at("2023-06-01") + dt.timedelta(days=d))
        for i, (sex, d) in enumerate(victims)
    ]
    counts = firearms.firearm_homicide_victims(rows, YEAR)
    assert sum(counts.values()) == sum(1 for r in rows if YEAR.contains(r.charged_at))
    for (sex,), n in counts.items():
        assert n == sum(1 for r in rows if r.sex == sex and YEAR.contains(r.charged_at))
