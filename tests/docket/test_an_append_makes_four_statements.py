"""The append path's cost, in statements sent to the database (docs/performance.md): an
entry nobody has to be told about is one lock (with the idempotency lookup), one insert,
one check for subscribers and one update of the case's head; a replay is the lock and
one read of the earlier event. Both databases run the same statements."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from expediente.docket.models import Case, Event


def statements(run: Any) -> list[str]:
    """The SQL run by ``run()``, without the test's own savepoints. (The case given to
    event_record comes with its court, as ``case_get`` gives it.)"""
    with CaptureQueriesContext(connection) as ctx:
        run()
    return [q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"].upper()]


def test_a_note_costs_a_lock_an_insert_a_subscriber_check_and_an_update(accused_case, record):
    assert accused_case.court.code
    sql = statements(
        lambda: record(accused_case, "note.added", {"text": "Escrito."}, idempotency_key="k1")
    )
    assert len(sql) == 4, sql
    lock, insert, subscribers, update = sql
    assert lock.startswith("SELECT")
    assert "docket_event" in lock  # the key lookup rides along
    assert insert.startswith('INSERT INTO "docket_event"')
    assert "notify_subscription" in subscribers
    assert update.startswith('UPDATE "docket_case"')


def test_a_replay_reads_and_writes_nothing_more(accused_case, record):
    first = record(accused_case, "note.added", {"text": "Escrito."}, idempotency_key="k2")
    assert accused_case.court.code
    sql = statements(
        lambda: record(accused_case, "note.added", {"text": "Escrito."}, idempotency_key="k2")
    )
    assert len(sql) == 2, sql
    assert not any(s.startswith(("INSERT", "UPDATE")) for s in sql)
    assert Event.objects.filter(idempotency_key="k2").count() == 1
    assert first.event.seq == Case.objects.get(pk=accused_case.pk).last_seq


def test_the_written_head_and_event_read_back_as_recorded(accused_case, record):
    recorded = record(accused_case, "note.added", {"text": "Señal «ñ» y emoji 🙂"})
    stored = Event.objects.get(pk=recorded.event.pk)
    case = Case.objects.get(pk=accused_case.pk)
    assert stored.payload == {"text": "Señal «ñ» y emoji 🙂"}
    assert (stored.seq, stored.hash, stored.occurred_at) == (
        recorded.event.seq,
        recorded.event.hash,
        recorded.event.occurred_at,
    )
    assert (case.last_seq, case.head_hash, case.updated_at) == (
        stored.seq,
        stored.hash,
        stored.recorded_at,
    )
    assert case.roster == accused_case.roster
