"""How long to wait before trying a delivery again: exponential, capped, with jitter.

Pure arithmetic (no Django), so it is tested with hypothesis.
"""

from __future__ import annotations


def backoff_seconds(attempt: int, *, base: float, cap: float, jitter: float) -> float:
    """The wait after failed attempt number ``attempt`` (1, 2, …).

    The ceiling doubles with each attempt from ``base`` up to ``cap``; the wait is
    between half the ceiling and the ceiling, placed by ``jitter`` in [0, 1] ("equal
    jitter"), so many deliveries failing together do not all retry at the same moment,
    and none waits less than half its ceiling."""
    if attempt < 1:
        raise ValueError("attempt counts from 1")
    if not 0.0 <= jitter <= 1.0:
        raise ValueError("jitter is a fraction in [0, 1]")
    ceiling = min(cap, base * 2.0 ** min(attempt - 1, 64))
    return ceiling / 2 + (ceiling / 2) * jitter
