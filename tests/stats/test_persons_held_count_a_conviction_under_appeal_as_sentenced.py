"""SDG 16.3.2 on a reference day: a first-instance conviction under appeal counts as
sentenced; police custody is not a prison; each person once; an unknown custody kind is
refused rather than miscounted."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.stats.indicators import custody as cu
from expediente.stats.indicators.rows import CustodyRow, UnknownValue
from tests.stats.helpers import YEAR, at

ROWS = [
    CustodyRow(1, "adult", "pretrial", at("2024-10-01"), None, "male"),  # unsentenced, 92 d
    CustodyRow(2, "adult", "sentenced_appeal", at("2024-11-01"), None, "female"),  # sentenced
    CustodyRow(3, "adult", "sentenced_final", at("2024-01-01"), None, "male"),  # sentenced
    CustodyRow(4, "adult", "police", at("2024-12-31", 20), None, "male"),  # not a prison
    CustodyRow(5, "adult", "pretrial", at("2024-03-01"), at("2024-12-01"), "male"),  # released
    CustodyRow(6, "juvenile", "pretrial", at("2024-12-21"), None, ""),  # unsentenced, 11 d
    CustodyRow(7, "juvenile", "police", at("2024-12-31", 22), None, "female"),
    # one person in two cases: sentenced in one, unsentenced in the other → sentenced, once
    CustodyRow(8, "adult", "pretrial", at("2024-06-01"), None, "male"),
    CustodyRow(8, "adult", "sentenced_final", at("2024-02-01"), None, "male"),
]


def test_held_on_the_reference_day() -> None:
    assert cu.held_on_day(ROWS, YEAR) == {
        ("unsentenced", "male"): 1,
        ("unsentenced", "unknown"): 1,
        ("sentenced", "female"): 1,
        ("sentenced", "male"): 2,
    }
    share = cu.unsentenced_share(ROWS, YEAR)
    assert (share.numerator, share.basis) == (2, 5)
    assert share.value == pytest.approx(40.0)


def test_time_held_unsentenced() -> None:
    # persons 1 (91.5 days at the end of 31 December), 6 (10.5), 8 (213.5): median 91.5
    assert cu.time_held_unsentenced(ROWS, YEAR).value == pytest.approx(91.5)


def test_juveniles_deprived_of_liberty_include_police_custody() -> None:
    assert cu.juveniles_deprived(ROWS, YEAR) == {
        ("unsentenced", "unknown"): 1,
        ("police", "female"): 1,
    }


def test_an_unknown_custody_kind_is_refused() -> None:
    odd = [*ROWS, CustodyRow(9, "adult", "house_arrest", at("2024-01-01"), None, "male")]
    with pytest.raises(UnknownValue, match="house_arrest"):
        cu.held_on_day(odd, YEAR)


def test_nobody_held_is_undefined_not_zero() -> None:
    assert cu.unsentenced_share([], YEAR).value is None


kinds = st.sampled_from(["police", "pretrial", "sentenced_appeal", "sentenced_final"])


@st.composite
def custody(draw: st.DrawFn) -> list[CustodyRow]:
    rows = []
    for _ in range(draw(st.integers(0, 25))):
        start = at("2024-06-01") + dt.timedelta(days=draw(st.integers(0, 300)))
        length = draw(st.one_of(st.none(), st.integers(0, 300)))
        end = None if length is None else start + dt.timedelta(days=length)
        rows.append(
            CustodyRow(
                draw(st.integers(1, 12)),
                draw(st.sampled_from(["adult", "juvenile"])),
                draw(kinds),
                start,
                end,
                draw(st.sampled_from(["male", "female"])),
            )
        )
    return rows


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(custody())
def test_the_share_is_unsentenced_over_everyone_held(rows) -> None:  # type: ignore[no-untyped-def]
    counts = cu.held_on_day(rows, YEAR)
    people = {
        r.person
        for r in rows
        if r.kind != "police"
        and r.started_at <= YEAR.hi
        and (r.ended_at is None or r.ended_at > YEAR.hi)
    }
    assert sum(counts.values()) == len(people)
    share = cu.unsentenced_share(rows, YEAR)
    if people:
        assert share.value is not None
        assert 0 <= share.value <= 100
        assert share.value == pytest.approx(share.numerator / len(people) * 100)  # type: ignore[operator]
    else:
        assert share.value is None
