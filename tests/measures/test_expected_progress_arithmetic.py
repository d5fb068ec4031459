"""Expected-against-actual for hours or amounts due by a date: properties that hold
for every total, schedule and day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expediente.measures.progress import behind_by, expected_by

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


@given(
    total=st.integers(0, 100_000),
    start=days,
    length=st.integers(0, 3000),
    a=st.integers(-50, 3100),
    b=st.integers(-50, 3100),
)
def test_expected_grows_from_nothing_to_the_whole(total, start, length, a, b):
    end = start + dt.timedelta(days=length)
    first, second = sorted((a, b))
    x = expected_by(total, start=start, end=end, day=start + dt.timedelta(days=first))
    y = expected_by(total, start=start, end=end, day=start + dt.timedelta(days=second))
    assert 0 <= x <= y <= total
    assert expected_by(total, start=start, end=end, day=end) == total
    assert expected_by(total, start=start, end=end, day=start - dt.timedelta(days=1)) == 0


@given(
    total=st.integers(1, 10_000),
    start=days,
    length=st.integers(1, 3000),
    done=st.integers(0, 10_000),
    k=st.integers(0, 3000),
)
def test_nobody_who_has_done_the_expected_share_is_behind(total, start, length, done, k):
    end = start + dt.timedelta(days=length)
    day = start + dt.timedelta(days=min(k, length))
    expected = expected_by(total, start=start, end=end, day=day)
    assert behind_by(done, total, start=start, end=end, day=day) == max(0, expected - done)
    assert behind_by(expected, total, start=start, end=end, day=day) == 0


def test_halfway_through_120_hours_over_ten_days_60_are_expected():
    start = dt.date(2026, 3, 1)
    assert expected_by(120, start=start, end=dt.date(2026, 3, 10), day=dt.date(2026, 3, 5)) == 60
    assert behind_by(40, 120, start=start, end=dt.date(2026, 3, 10), day=dt.date(2026, 3, 5)) == 20


def test_an_end_before_the_start_is_refused():
    with pytest.raises(ValueError, match="end"):
        expected_by(10, start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 1), day=dt.date(2026, 3, 1))
