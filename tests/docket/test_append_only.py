"""The database itself refuses to change or delete an event (DESIGN principle 1)."""

import pytest
from django.db import DatabaseError, connection, transaction

from expediente.docket.models import Event


def test_the_database_refuses_an_update_of_an_event(accused_case):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(case=accused_case).update(type="tampered")
    assert not Event.objects.filter(type="tampered").exists()


def test_the_database_refuses_raw_sql_updates_too(accused_case):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE docket_event SET payload = %s WHERE seq = 1", ['{"x": 1}'])


def test_the_database_refuses_a_delete_of_an_event(accused_case):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(case=accused_case, seq=4).delete()
    assert Event.objects.filter(case=accused_case).count() == 4


def test_saving_an_existing_event_is_refused(accused_case):
    event = Event.objects.get(case=accused_case, seq=1)
    event.actor_label = "someone else"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.save()


def test_two_events_with_the_same_seq_cannot_exist(accused_case, clerk):
    from django.db import IntegrityError

    first = Event.objects.get(case=accused_case, seq=4)
    duplicate = Event(
        case=accused_case,
        seq=4,
        type="note.added",
        occurred_at=first.occurred_at,
        recorded_at=first.recorded_at,
        actor=clerk.user,
        actor_label="x",
        payload={},
        prev_hash=first.prev_hash,
        hash="f" * 64,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save(force_insert=True)
