"""Appends to one case from many connections at once serialise: no lost or duplicate seq."""

import threading

import pytest
from django.db import connection

from expediente.docket.models import Case, Event
from expediente.integrity.verify import verify_cases
from tests.conftest import NOW

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

WRITERS = 6
EACH = 5


def test_concurrent_writers_get_consecutive_seqs_and_an_unbroken_chain(open_case, record):
    case = open_case()
    errors: list[BaseException] = []
    barrier = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            for i in range(EACH):
                record(
                    Case.objects.get(pk=case.pk),
                    "note.added",
                    {"text": f"{n}-{i}"},
                    occurred_at=NOW,
                )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    seqs = list(Event.objects.filter(case=case).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, WRITERS * EACH + 2))
    assert verify_cases([case]) == []


def test_concurrent_retries_with_one_key_record_one_event(open_case, record):
    case = open_case()
    results = []
    barrier = threading.Barrier(4)

    def retry() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(
                record(
                    Case.objects.get(pk=case.pk),
                    "note.added",
                    {"text": "once"},
                    occurred_at=NOW,
                    idempotency_key="same-key",
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=retry) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(results) == 4
    assert sum(r.created for r in results) == 1
    assert Event.objects.filter(case=case, type="note.added").count() == 1
