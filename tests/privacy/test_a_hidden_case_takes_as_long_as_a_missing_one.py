"""On the public portal a hidden case (before charges, juvenile, sealed, expunged) answers
like a number that does not exist, and in the same time, within noise: a clock on the
answer must not tell them apart.

Measured on the wall clock through the whole request, in interleaved pairs (a hidden
lookup and a missing one back to back, in alternating order, so that a busy machine slows
both alike); the median of the pairs' differences must be small beside the median
lookup. A genuine difference shows in every measurement, noise does not: the comparison
is made up to three times and fails only if all three do. The last test slows the hidden
path on purpose and shows the comparison catches it."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pytest
from django.test import Client

from expediente.portal.public import lookup

pytestmark = pytest.mark.django_db

HIDDEN = ("before_charges", "juvenile", "sealed", "expunged")
PAIRS = 40
TRIES = 3
SHARE = 0.3  # the median difference may be this share of the median lookup…
FLOOR = 0.003  # …or this many seconds, whichever is larger


def _timed(client: Client, number: str) -> float:
    start = time.perf_counter()
    response = client.get("/public/", {"court": "sj-penal", "number": number})
    elapsed = time.perf_counter() - start
    assert response.status_code == 404
    return elapsed


def measure(numbers: list[str]) -> tuple[float, float]:
    """(median of hidden minus missing, median missing lookup), in seconds."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for number in numbers[:2]:  # warm up templates, packs and connections
        _timed(client, number)
        _timed(client, "2026-999999")
    differences, missing = [], []
    for i in range(PAIRS):
        hidden_number = numbers[i % len(numbers)]
        absent = f"2026-9{i:05d}"
        if i % 2:
            m, h = _timed(client, absent), _timed(client, hidden_number)
        else:
            h, m = _timed(client, hidden_number), _timed(client, absent)
        differences.append(h - m)
        missing.append(m)
    return statistics.median(differences), statistics.median(missing)


def same_timing(run: Callable[[], tuple[float, float]]) -> tuple[bool, list[str]]:
    """Does some of up to TRIES measurements find no difference? (and what each found)"""
    found = []
    for _ in range(TRIES):
        difference, typical = run()
        found.append(f"{difference * 1000:+.2f} ms on {typical * 1000:.2f} ms")
        if abs(difference) <= max(SHARE * typical, FLOOR):
            return True, found
    return False, found


@pytest.fixture
def unlimited(settings):  # type: ignore[no-untyped-def]
    settings.PUBLIC_LOOKUP_LIMIT = 100_000


def test_a_hidden_case_takes_as_long_as_a_missing_one(cases, unlimited):
    numbers = [cases[tag].number for tag in HIDDEN]
    same, found = same_timing(lambda: measure(numbers))
    assert same, f"hidden minus missing, median of {PAIRS} pairs: {found}"


def test_the_comparison_catches_a_hidden_case_that_is_slower(cases, unlimited, monkeypatch):
    real = lookup.disclose
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    # as long again as a lookup takes on this machine now: a leak well above the bound
    delay = max(0.02, statistics.median(_timed(client, f"2026-8{i:05d}") for i in range(5)))

    def slow(audience, case, **kwargs):  # type: ignore[no-untyped-def]
        if case.pk != -1:  # a real case, found: the leak a clock could see
            time.sleep(delay)
        return real(audience, case, **kwargs)

    monkeypatch.setattr(lookup, "disclose", slow)
    numbers = [cases[tag].number for tag in HIDDEN]
    same, found = same_timing(lambda: measure(numbers))
    assert not same, found
