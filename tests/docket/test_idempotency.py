import pytest

from expediente.docket.errors import IdempotencyConflict, InvalidInput
from expediente.docket.models import Case, Event
from expediente.docket.services import case_open
from tests.conftest import NOW


def test_the_same_key_and_body_return_the_first_event(accused_case, record):
    first = record(accused_case, "note.added", {"text": "hola"}, idempotency_key="k-1")
    again = record(accused_case, "note.added", {"text": "hola"}, idempotency_key="k-1")
    assert first.created
    assert not again.created
    assert again.event.pk == first.event.pk
    assert Event.objects.filter(case=accused_case, type="note.added").count() == 1


def test_the_same_key_with_another_body_is_a_conflict(accused_case, record):
    record(accused_case, "note.added", {"text": "hola"}, idempotency_key="k-2")
    with pytest.raises(IdempotencyConflict):
        record(accused_case, "note.added", {"text": "adiós"}, idempotency_key="k-2")
    assert Event.objects.filter(case=accused_case, type="note.added").count() == 1


def test_keys_belong_to_their_actor(accused_case, record, outsider, court):
    from expediente.access.policy import Actor

    other = Actor(user=outsider.user, scopes=outsider.scopes)  # all courts
    record(accused_case, "note.added", {"text": "a"}, idempotency_key="shared")
    record(accused_case, "note.added", {"text": "b"}, idempotency_key="shared", actor=other)
    assert Event.objects.filter(case=accused_case, type="note.added").count() == 2


def test_opening_a_case_twice_with_one_key_opens_one_case(court, clerk):
    a = case_open(
        court=court, actor=clerk, procedure="adult", occurred_at=NOW, idempotency_key="open-1"
    )
    b = case_open(
        court=court, actor=clerk, procedure="adult", occurred_at=NOW, idempotency_key="open-1"
    )
    assert a.event.case_id == b.event.case_id
    assert not b.created
    assert Case.objects.count() == 1


def test_an_overlong_key_is_refused(accused_case, record):
    with pytest.raises(InvalidInput):
        record(accused_case, "note.added", {"text": "x"}, idempotency_key="k" * 201)
