"""A small docket to verify, and a way to tamper with it behind the application's back.

The event log refuses UPDATE and DELETE by triggers. To play the forger, ``tamper()``
switches the triggers off inside the test's transaction and back on afterwards, so the
next statement (and the next test) finds the log append-only again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Callable, Iterator

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from expediente.docket.models import Case


@contextlib.contextmanager
def _triggers_off(*tables: str) -> Iterator[None]:
    """The append-only triggers of ``tables`` (the event log by default) switched off."""
    tables = tables or ("docket_event",)
    triggers = [(t, f"{t}_{what}") for t in tables for what in ("no_update", "no_delete")]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE refuses while deferred foreign-key checks are queued: run them first
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name in triggers:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
            try:
                yield
            finally:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for table, name in triggers:
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            names = [name for _, name in triggers]
            marks = ", ".join(["%s"] * len(names))
            cursor.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
                names,
            )
            saved = cursor.fetchall()
            assert len(saved) == len(names), (
                "the append-only triggers should exist before tampering"
            )
            for name, _ in saved:
                cursor.execute(f"DROP TRIGGER {name}")
            try:
                yield
            finally:
                for _, sql in saved:
                    cursor.execute(sql)


@pytest.fixture
def tamper() -> Callable[..., contextlib.AbstractContextManager[None]]:
    """``with tamper():`` the event log; ``with tamper("integrity_leaf", …):`` those tables."""
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

    def run(*args: str) -> Verified:
        out, err = io.StringIO(), io.StringIO()
        error = None
        try:
            call_command("verify", *args, stdout=out, stderr=err)
        except CommandError as exc:
            error = exc
        return Verified(out.getvalue(), err.getvalue(), error)

    return run


@pytest.fixture
def checkpoint() -> Callable[[], str]:
    """Run `expediente checkpoint`; return what it printed."""

    def run() -> str:
        out = io.StringIO()
        call_command("checkpoint", stdout=out, stderr=io.StringIO())
        return out.getvalue()

    return run


def rewrite(case: Case, seq: int, payload: dict) -> None:
    """The forger who knows the chains: change an entry and recompute its case's chain
    from it on (every later hash and prev_hash, and the case's head), so that the chains
    alone hold. Call inside ``tamper()``."""
    from expediente.docket.models import Event
    from expediente.integrity.chain import ChainedEvent

    events = list(Event.objects.filter(case=case).order_by("seq"))
    prev = events[seq - 2].hash if seq > 1 else "0" * 64
    for event in events[seq - 1 :]:
        if event.seq == seq:
            event.payload = payload
        event.prev_hash = prev
        event.hash = ChainedEvent(
            case=case.nuid,
            seq=event.seq,
            type=event.type,
            schema_version=event.schema_version,
            occurred_at=event.occurred_at,
            recorded_at=event.recorded_at,
            actor=event.actor_label,
            payload=event.payload,
            corrects=event.corrects_seq,
            prev_hash=prev,
            reason=event.correction_reason,
        ).hash()
        Event.objects.filter(pk=event.pk).update(
            payload=event.payload, prev_hash=event.prev_hash, hash=event.hash
        )
        prev = event.hash
    Case.objects.filter(pk=case.pk).update(head_hash=prev)


@pytest.fixture
def petition(docket: list[Case], clerk):  # type: ignore[no-untyped-def]
    """A petition of the accused (P1) in the first case of the docket, filed by the clerk:
    entry 6 of that case."""
    from expediente.petitions.services import petition_file
    from tests.conftest import NOW

    filed = petition_file(
        case=docket[0],
        petitioner="P1",
        kind="information_request",
        text="Quisiera saber cuándo es la próxima audiencia de mi caso.",
        filed_via="clerk",
        actor=clerk,
        occurred_at=NOW - dt.timedelta(days=2),
    )
    return filed.petition
