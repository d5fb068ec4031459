"""The append path's cost, in statements sent to the database (docs/performance.md).

On PostgreSQL an entry that no projector has work for (a note in a case nobody follows)
is two statements and no transaction of its own: a read of the case (with the
idempotency lookup and whether anyone follows the case) and one statement that writes
the case's new head and inserts the entry, on condition that the case row has not
changed since the read. Any other entry is one lock (with the idempotency lookup) and
one statement that inserts the entry and writes the case's new head, plus what the
projectors have to do; on SQLite, which has no data-modifying WITH, the insert and the
update are two statements, and the check for subscribers a third, which a staff note
skips (no participant reads one, so nobody is told of it: ``access/readable.py``). A
replay is the read and one read of the earlier event. (BEGIN and COMMIT are not
counted: Django does not log them.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from expediente.docket.models import Case, Event


def statements(run: Any) -> list[str]:
    """The SQL run by ``run()``, without the test's own savepoints. (The case given to
    event_record comes with its court, as ``case_get`` gives it.)"""
    with CaptureQueriesContext(connection) as ctx:
        run()
    return [q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"].upper()]


def test_a_note_in_a_case_nobody_follows_costs_a_read_and_one_write_on_postgresql(
    accused_case, record, is_postgres
):
    if not is_postgres:
        pytest.skip("PostgreSQL's statements; SQLite's are pinned below")
    assert accused_case.court.code
    roster = Case.objects.get(pk=accused_case.pk).roster
    sql = statements(
        lambda: record(accused_case, "note.added", {"text": "Escrito."}, idempotency_key="k1")
    )
    assert len(sql) == 2, sql
    read, write = sql
    assert read.startswith("SELECT")
    assert "FOR UPDATE" not in read  # no lock: the write's condition stands for it
    assert "docket_event" in read  # the key lookup rides along
    assert "notify_subscription" in read  # whether anyone follows the case: the probe
    assert write.startswith('WITH u AS (UPDATE "docket_case"')
    assert "xmin" in write  # only if the row is still the one read
    assert 'INSERT INTO "docket_event"' in write  # the entry, in the same statement
    # only the columns the note changes are written: not the roster's JSON, for one
    assignments = write.split('UPDATE "docket_case" SET ', 1)[1].split(" WHERE ", 1)[0]
    assert '"last_seq"' in assignments
    assert '"head_hash"' in assignments
    assert '"roster"' not in assignments
    assert '"summary"' not in assignments
    last = Event.objects.filter(case=accused_case).latest("seq")
    stored = Case.objects.get(pk=accused_case.pk)
    assert (stored.last_seq, stored.head_hash) == (last.seq, last.hash)
    assert stored.roster == roster  # kept as it was


def test_a_note_in_a_followed_case_is_recorded_under_the_lock_on_postgresql(
    accused_case, record, is_postgres
):
    if not is_postgres:
        pytest.skip("PostgreSQL's statements")
    from expediente.docket.models import Participation
    from expediente.notify.models import Notification
    from expediente.notify.subscriptions import subscribe

    accused = Participation.objects.filter(case=accused_case, role="accused").first()
    subscribe(
        participation=accused,
        channel="inbox",
        address="",
        language="es",
        consent=True,
        consent_text_version="test",
    )
    assert accused_case.court.code
    informed = {"person": "P1", "requested": True, "language": "es"}
    sql = statements(lambda: record(accused_case, "consular.rights_informed", informed))
    # the read found a subscription: the entry is recorded under the lock, and its news
    # queued in the same transaction
    assert "notify_subscription" in sql[0]
    assert "FOR UPDATE" not in sql[0]
    assert sql[1].endswith("FOR UPDATE")
    assert any(s.startswith('WITH e AS (INSERT INTO "docket_event"') for s in sql[2:])
    assert any(s.startswith('WITH n AS (INSERT INTO "notify_notification"') for s in sql[2:])
    assert Notification.objects.filter(case_id=accused_case.pk).count() == 1


def test_an_entry_that_changes_the_roster_writes_it_on_postgresql(
    accused_case, record, is_postgres
):
    if not is_postgres:
        pytest.skip("PostgreSQL's statements")
    assert accused_case.court.code
    witness = {"given_names": "Rita", "family_names": "Solano", "sex": "female"}
    sql = statements(
        lambda: record(accused_case, "participant.added", {"role": "witness", "person": witness})
    )
    write = next(s for s in sql if s.startswith('WITH e AS (INSERT INTO "docket_event"'))
    assignments = write.split('UPDATE "docket_case" SET ', 1)[1].split(" WHERE ", 1)[0]
    assert '"roster"' in assignments
    stored = Case.objects.get(pk=accused_case.pk).roster
    assert stored["participants"]["P3"] == "witness"


def test_a_hearing_scheduled_asks_whether_its_id_is_taken_with_the_read_on_postgresql(
    accused_case, record, is_postgres
):
    # read without the lock: the read asks the guard's question (is the id taken?), and
    # one write has the sitting in it
    if not is_postgres:
        pytest.skip("PostgreSQL's statements")
    from expediente.court.models import Sitting
    from expediente.docket.errors import InvalidInput

    assert accused_case.court.code
    hearing = {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-04-02T09:00:00-06:00"}
    sql = statements(lambda: record(accused_case, "hearing.scheduled", hearing))
    assert len(sql) == 2, sql
    read, write = sql
    assert "FOR UPDATE" not in read
    assert '"court_sitting"' in read  # the question
    assert write.startswith('WITH u AS (UPDATE "docket_case"')
    assert 'INSERT INTO "court_sitting"' in write  # the sitting, in the entry's statement
    count = Event.objects.filter(case=accused_case).count()
    with pytest.raises(InvalidInput) as refused:
        record(
            accused_case, "hearing.scheduled", hearing | {"starts_at": "2026-04-09T09:00:00-06:00"}
        )
    assert refused.value.errors[0]["field"] == "payload.hearing"
    assert "hearing.rescheduled" in refused.value.errors[0]["message"]
    assert Event.objects.filter(case=accused_case).count() == count  # nothing written
    assert Sitting.objects.filter(case=accused_case).count() == 1
    stored = Case.objects.get(pk=accused_case.pk)
    assert stored.last_seq == count


def test_a_question_asked_of_the_payload_as_sent_is_asked_again_once_validated(
    accused_case, record, is_postgres
):
    # " H1 " as sent is "H1" once validated: the read asked whether " H1 " is taken (no);
    # the answer is not used for "H1", which is asked in a query of its own (yes)
    if not is_postgres:
        pytest.skip("PostgreSQL's statements")
    from expediente.docket.errors import InvalidInput

    assert accused_case.court.code
    hearing = {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-04-02T09:00:00-06:00"}
    record(accused_case, "hearing.scheduled", hearing)
    count = Event.objects.filter(case=accused_case).count()
    refused: list[InvalidInput] = []

    def again() -> None:
        try:
            record(accused_case, "hearing.scheduled", hearing | {"hearing": " H1 "})
        except InvalidInput as exc:
            refused.append(exc)

    sql = statements(again)
    assert len(sql) == 2, sql  # the read, then the question again; no write
    assert sql[1].startswith("SELECT (EXISTS")
    assert refused[0].errors[0]["field"] == "payload.hearing"
    assert Event.objects.filter(case=accused_case).count() == count


def test_a_hearing_held_asks_where_its_hearing_stands_with_the_read_on_postgresql(
    accused_case, record, is_postgres
):
    # whether the hearing is still scheduled, and on what day, is read by the guard
    # (court/hearing_rules.py), asked with the read of the case
    if not is_postgres:
        pytest.skip("PostgreSQL's statements")
    import datetime as dt

    from expediente.court.models import Sitting
    from expediente.docket.errors import InvalidInput

    assert accused_case.court.code
    hearing = {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-03-01T09:00:00-06:00"}
    record(accused_case, "hearing.scheduled", hearing)
    on_the_day = dt.datetime.fromisoformat("2026-03-01T11:00:00-06:00")
    held = {"hearing": "H1"}
    sql = statements(lambda: record(accused_case, "hearing.held", held, occurred_at=on_the_day))
    assert len(sql) == 2, sql
    assert '"court_sitting"' in sql[0]  # where the hearing stands, asked with the read
    assert 'UPDATE "court_sitting"' in sql[1]  # held, in the entry's statement
    count = Event.objects.filter(case=accused_case).count()
    with pytest.raises(InvalidInput) as refused:
        record(accused_case, "hearing.held", held, occurred_at=on_the_day)
    assert refused.value.errors[0]["field"] == "payload.hearing"
    assert "already recorded as held" in refused.value.errors[0]["message"]
    assert Event.objects.filter(case=accused_case).count() == count  # nothing written
    assert Sitting.objects.get(case=accused_case).status == "held"


def test_an_entry_in_a_followed_case_also_queues_its_news_on_postgresql(
    accused_case, record, is_postgres
):
    if not is_postgres:
        pytest.skip("PostgreSQL's statements")
    from expediente.docket.models import Participation
    from expediente.notify.models import Notification
    from expediente.notify.subscriptions import subscribe

    subscribe(
        participation=Participation.objects.filter(case=accused_case).first(),
        channel="inbox",
        address="",
        language="es",
        consent=True,
        consent_text_version="test",
    )
    assert accused_case.court.code
    hearing = {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-04-02T09:00:00-06:00"}
    sql = statements(lambda: record(accused_case, "hearing.scheduled", hearing))
    # the read found the subscription, so the entry is recorded under the lock; the probe
    # brought the subscription back with the entry's id: one more statement writes the
    # notification, its delivery and the inbox's "stored" attempt
    assert len(sql) == 4, sql
    assert sql[1].endswith("FOR UPDATE")
    outbox = sql[3]
    assert outbox.startswith('WITH n AS (INSERT INTO "notify_notification"')
    assert '"notify_delivery"' in outbox
    assert '"notify_deliveryattempt"' in outbox
    notification = Notification.objects.get(case_id=accused_case.pk)
    delivery = notification.deliveries.get()
    assert (delivery.channel, delivery.status, delivery.language) == ("inbox", "sent", "es")
    assert delivery.log.get().outcome == "stored"


def test_a_note_costs_a_lock_an_insert_and_an_update_on_sqlite(accused_case, record, is_postgres):
    if is_postgres:
        pytest.skip("SQLite's statements; PostgreSQL's are pinned above")
    assert accused_case.court.code
    sql = statements(
        lambda: record(accused_case, "note.added", {"text": "Escrito."}, idempotency_key="k1")
    )
    # nobody is told of a staff note: the outbox does not ask who follows the case
    assert len(sql) == 3, sql
    lock, insert, update = sql
    assert lock.startswith("SELECT")
    assert "docket_event" in lock  # the key lookup rides along
    assert insert.startswith('INSERT INTO "docket_event"')
    assert update.startswith('UPDATE "docket_case"')


def test_an_entry_participants_read_also_asks_who_follows_the_case_on_sqlite(
    accused_case, record, is_postgres
):
    if is_postgres:
        pytest.skip("SQLite's statements; PostgreSQL's are pinned above")
    assert accused_case.court.code
    asked = {"person": "P1"}  # the Costa Rican pack's request for a custody hearing
    sql = statements(lambda: record(accused_case, "custody.hearing_requested", asked))
    subscribers = [s for s in sql if "notify_subscription" in s]
    assert len(subscribers) == 1, sql
    assert subscribers[0].startswith("SELECT 1 FROM notify_subscription")


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
