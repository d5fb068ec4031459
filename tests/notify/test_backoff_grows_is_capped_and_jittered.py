"""The wait before a retry doubles with each failed attempt, never exceeds the cap,
and is spread by jitter between half the ceiling and the ceiling."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expediente.notify.backoff import backoff_seconds

attempts = st.integers(min_value=1, max_value=10_000)
bases = st.floats(min_value=0.1, max_value=3600)
caps = st.floats(min_value=0.1, max_value=7 * 86400)
jitters = st.floats(min_value=0, max_value=1)


@given(attempts, bases, caps, jitters)
def test_the_wait_lies_between_half_the_ceiling_and_the_ceiling(attempt, base, cap, jitter):
    ceiling = min(cap, base * 2.0 ** min(attempt - 1, 64))
    wait = backoff_seconds(attempt, base=base, cap=cap, jitter=jitter)
    assert ceiling / 2 <= wait <= ceiling * (1 + 1e-12)
    assert wait <= cap * (1 + 1e-12)


@given(attempts, bases, caps, jitters)
def test_a_later_attempt_never_waits_less_at_the_same_jitter(attempt, base, cap, jitter):
    now = backoff_seconds(attempt, base=base, cap=cap, jitter=jitter)
    later = backoff_seconds(attempt + 1, base=base, cap=cap, jitter=jitter)
    assert later >= now


@given(attempts, bases, caps)
def test_jitter_moves_the_wait_within_the_range(attempt, base, cap):
    low = backoff_seconds(attempt, base=base, cap=cap, jitter=0)
    high = backoff_seconds(attempt, base=base, cap=cap, jitter=1)
    assert high == pytest.approx(2 * low)


def test_the_first_waits_double():
    waits = [backoff_seconds(n, base=30, cap=3600, jitter=1) for n in range(1, 9)]
    assert waits == [30, 60, 120, 240, 480, 960, 1920, 3600]


@pytest.mark.parametrize(("attempt", "jitter"), [(0, 0.5), (1, -0.1), (1, 1.5)])
def test_nonsense_is_refused(attempt, jitter):
    with pytest.raises(ValueError):  # noqa: PT011
        backoff_seconds(attempt, base=1, cap=10, jitter=jitter)
