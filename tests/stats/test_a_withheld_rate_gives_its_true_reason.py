"""A rate withheld for a small count says which: its denominator (what it rests on) or
its numerator (what it counts). QA: "rests on fewer than 10 cases or persons" under
"23 hearings", when the 3 hearings not held were the small count."""

from __future__ import annotations

from django.utils import translation

from expediente.stats.catalogue import BY_ID
from expediente.stats.disclosure import Policy
from expediente.stats.indicators.base import Derived
from expediente.stats.publish import release_protect

SHARE = BY_ID["not_held_share"]


def _withheld(numerator: int, basis: int) -> tuple[str, str]:
    result = Derived(numerator / basis * 100, numerator, basis)
    figure = release_protect([SHARE], {SHARE.id: result}, Policy(threshold=10))[0]
    assert figure.status == "suppressed"
    with translation.override("en"):
        return figure.reason, figure.message


def test_a_small_numerator_is_named_as_such() -> None:
    reason, message = _withheld(3, 23)
    assert reason == "small_numerator"
    assert "what it counts is fewer than 10" in message
    assert "rests on" not in message


def test_a_small_denominator_is_named_as_such() -> None:
    reason, message = _withheld(5, 7)
    assert reason == "small_basis"
    assert "rests on fewer than 10" in message


def test_a_rate_with_large_counts_is_published() -> None:
    result = Derived(30 / 120 * 100, 30, 120)
    figure = release_protect([SHARE], {SHARE.id: result}, Policy(threshold=10))[0]
    assert figure.status == "ok"
