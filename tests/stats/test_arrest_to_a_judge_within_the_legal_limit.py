"""Time from arrest to a judge and the share within the rule pack's limit."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.stats.indicators import arrest as ar
from expediente.stats.indicators.rows import ArrestRow
from tests.stats.helpers import YEAR, at

H = dt.timedelta(hours=1)
PLACED = "custody.placed_before_judge"
A = at("2024-05-01", 8)
ROWS = [
    ArrestRow(A, A + 24 * H, A + 10 * H, PLACED, False),  # within, 10 h
    ArrestRow(A, A + 24 * H, A + 24 * H, PLACED, False),  # exactly at the limit: within
    ArrestRow(A, A + 24 * H, A + 30 * H, PLACED, False),  # beyond, 30 h
    ArrestRow(A, A + 24 * H, A + 5 * H, "custody.released", False),  # released: left out
    ArrestRow(A, A + 24 * H, None, "", True),  # never brought, limit passed: beyond
    ArrestRow(at("2023-05-01"), at("2023-05-02"), at("2023-05-01", 20), PLACED, False),  # before
]


def test_hand_counts() -> None:
    assert ar.arrests_by_limit(ROWS, YEAR) == {("within",): 2, ("beyond",): 2}
    share = ar.share_within_limit(ROWS, YEAR)
    assert share.value == pytest.approx(50.0)
    assert ar.hours_to_judge(ROWS, YEAR).value == pytest.approx(24.0)  # 10, 24, 30


def test_no_arrests_is_undefined() -> None:
    assert ar.share_within_limit([], YEAR).value is None
    assert ar.hours_to_judge([], YEAR).basis == 0


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(1, 72), st.integers(1, 48)), max_size=30))
def test_the_share_counts_each_appearance_once(pairs) -> None:  # type: ignore[no-untyped-def]
    rows = [ArrestRow(A, A + limit * H, A + took * H, PLACED, False) for took, limit in pairs]
    share = ar.share_within_limit(rows, YEAR)
    within = sum(1 for took, limit in pairs if took <= limit)
    if pairs:
        assert share.value == pytest.approx(within / len(pairs) * 100)
        hours = ar.hours_to_judge(rows, YEAR).value
        assert min(t for t, _ in pairs) <= hours <= max(t for t, _ in pairs)  # type: ignore[operator]
    else:
        assert share.value is None
