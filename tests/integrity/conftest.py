"""A small docket to verify, and a way to tamper with it behind the application's back.

The event log refuses UPDATE and DELETE by triggers. To play the forger, ``tamper()``
switches the triggers off inside the test's transaction and back on afterwards, so the
next statement (and the next test) finds the log append-only again.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from expediente.docket.models import Case

TRIGGERS = ("docket_event_no_update", "docket_event_no_delete")


@contextlib.contextmanager
def _triggers_off() -> Iterator[None]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE refuses while deferred foreign-key checks are queued: run them first
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for name in TRIGGERS:
                cursor.execute(f"ALTER TABLE docket_event DISABLE TRIGGER {name}")
            try:
                yield
            finally:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for name in TRIGGERS:
                    cursor.execute(f"ALTER TABLE docket_event ENABLE TRIGGER {name}")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s)",
                TRIGGERS,
            )
            saved = cursor.fetchall()
            assert len(saved) == 2, "the append-only triggers should exist before tampering"
            for name, _ in saved:
                cursor.execute(f"DROP TRIGGER {name}")
            try:
                yield
            finally:
                for _, sql in saved:
                    cursor.execute(sql)


@pytest.fixture
def tamper() -> Callable[[], contextlib.AbstractContextManager[None]]:
    return _triggers_off


@pytest.fixture
def docket(accused_case: Case, open_case, record) -> list[Case]:
    """Two cases: the accused case (4 events, then a note: 5) and a second one (2 events)."""
    record(accused_case, "note.added", {"text": "Primera nota"})
    other = open_case()
    record(other, "note.added", {"text": "Otra causa"})
    accused_case.refresh_from_db()
    other.refresh_from_db()
    assert (accused_case.last_seq, other.last_seq) == (5, 2)
    return [accused_case, other]


class Verified:
    def __init__(self, stdout: str, stderr: str, error: CommandError | None) -> None:
        self.stdout, self.stderr, self.error = stdout, stderr, error

    @property
    def broken(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("BROKEN ")]


@pytest.fixture
def verify() -> Callable[[], Verified]:
    """Run `expediente verify`; return what it printed and the error it exited with."""

    def run() -> Verified:
        out, err = io.StringIO(), io.StringIO()
        error = None
        try:
            call_command("verify", stdout=out, stderr=err)
        except CommandError as exc:
            error = exc
        return Verified(out.getvalue(), err.getvalue(), error)

    return run
