"""One demo caseload for the whole folder: generated once, rolled back at the end.

Generating takes seconds, so it is done once per package inside a transaction that is
rolled back when the last test of tests/demo has run; each test still runs in its own
savepoint (the ``db`` fixture), so nothing a test does leaks into the next.

Seed 24 with 60 cases puts at least one case in each of the cr pack's seven stages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import transaction

from expediente.demo.generator import DemoResult, generate

SEED = 24
CASES = 60
ANCHOR = dt.datetime(2025, 11, 14, 15, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="package")
def caseload(django_db_setup: None, django_db_blocker) -> Iterator[DemoResult]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield generate(cases=CASES, seed=SEED, anchor=ANCHOR)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(caseload: DemoResult, db: None) -> DemoResult:
    """The caseload, in a test that may use the database."""
    return caseload
