"""Incoming, resolved and pending cases, and the CEPEJ and CourTools figures built on
them, against counts done by hand (and the worked example of indicators.md §3)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.stats.indicators import caseflow as cf
from expediente.stats.indicators.rows import CaseRow
from expediente.stats.period import Period
from tests.stats.helpers import UTC, YEAR, at

ROWS = [
    CaseRow("a", "adult", at("2023-06-01"), None),  # pending throughout
    CaseRow("a", "adult", at("2023-11-01"), at("2024-02-01")),  # pending at start, resolved
    CaseRow("a", "adult", at("2024-03-01"), at("2024-03-31")),  # in and out: 30 days
    CaseRow("b", "juvenile", at("2024-05-01"), None),  # incoming, pending at end
    CaseRow("b", "juvenile", at("2024-12-01"), at("2025-01-15")),  # resolved after
    CaseRow("b", "juvenile", at("2022-01-01"), at("2023-01-01")),  # gone before
]


def test_counts_by_court_and_procedure() -> None:
    assert cf.incoming(ROWS, YEAR) == {("a", "adult"): 1, ("b", "juvenile"): 2}
    assert cf.resolved(ROWS, YEAR) == {("a", "adult"): 2}
    assert cf.pending_start(ROWS, YEAR) == {("a", "adult"): 2}
    assert cf.pending_end(ROWS, YEAR) == {("a", "adult"): 1, ("b", "juvenile"): 2}


def test_rates_and_times() -> None:
    assert cf.clearance_rate(ROWS, YEAR).value == pytest.approx(2 / 3 * 100)
    assert cf.case_turnover(ROWS, YEAR).value == pytest.approx(2 / 3)
    assert cf.disposition_time(ROWS, YEAR).value == pytest.approx(3 / 2 * 366)  # leap year
    # resolved in 2024: 92 days (2023-11-01 → 2024-02-01) and 30 days: median 61
    assert cf.time_to_disposition(ROWS, YEAR).value == pytest.approx(61)
    # pending at the end of 2024-12-31, opened at noon: 579.5, 244.5 and 30.5 days old
    assert cf.pending_age(ROWS, YEAR).value == pytest.approx(244.5)


def test_the_cepej_worked_example() -> None:
    """incoming 1,000, resolved 950, pending at end 400: CR 95 %, CTR 2.375, DT ≈ 153.7."""
    period = Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31), UTC)
    rows = [CaseRow("c", "adult", at("2023-01-02"), at("2023-06-01")) for _ in range(950)]
    rows += [CaseRow("c", "adult", at("2023-01-02"), None) for _ in range(50)]
    rows += [CaseRow("c", "adult", at("2022-06-01"), None) for _ in range(350)]
    assert cf.clearance_rate(rows, period).value == pytest.approx(95.0)
    assert cf.case_turnover(rows, period).value == pytest.approx(2.375)
    assert cf.disposition_time(rows, period).value == pytest.approx(153.68, abs=0.01)


def test_an_empty_period_is_undefined_not_zero() -> None:
    empty = Period(dt.date(2030, 1, 1), dt.date(2030, 1, 31), UTC)
    assert cf.clearance_rate([], empty).value is None
    assert cf.clearance_rate([], empty).undefined == "denominator is zero"
    assert cf.time_to_disposition([], empty).value is None
    assert cf.disposition_time(ROWS[:1], empty).value is None  # nothing resolved


days = st.integers(min_value=0, max_value=3 * 365)


@st.composite
def case_rows(draw: st.DrawFn) -> list[CaseRow]:
    out = []
    for _ in range(draw(st.integers(0, 30))):
        opened = at("2023-01-01") + dt.timedelta(days=draw(days), hours=draw(st.integers(0, 23)))
        took = draw(st.one_of(st.none(), st.integers(0, 500)))
        resolved = None if took is None else opened + dt.timedelta(days=took, minutes=1)
        out.append(CaseRow(draw(st.sampled_from("ab")), "adult", opened, resolved))
    return out


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_rows())
def test_pending_at_end_is_pending_at_start_plus_incoming_minus_resolved(rows) -> None:  # type: ignore[no-untyped-def]
    total = lambda c: sum(c.values())  # noqa: E731
    assert total(cf.pending_end(rows, YEAR)) == (
        total(cf.pending_start(rows, YEAR))
        + total(cf.incoming(rows, YEAR))
        - total(cf.resolved(rows, YEAR))
    )


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_rows())
def test_rates_are_consistent_with_their_counts(rows) -> None:  # type: ignore[no-untyped-def]
    cr, ctr, dt_ = (
        f(rows, YEAR) for f in (cf.clearance_rate, cf.case_turnover, cf.disposition_time)
    )
    resolved = sum(cf.resolved(rows, YEAR).values())
    if cr.value is not None:
        assert cr.value == pytest.approx(resolved / cr.basis * 100)
    if ctr.value and dt_.value:
        assert dt_.value == pytest.approx(YEAR.days / ctr.value)  # DT = days / CTR
    ttd = cf.time_to_disposition(rows, YEAR)
    if ttd.value is not None:
        assert ttd.basis == resolved
        assert 0 <= ttd.value <= 501
