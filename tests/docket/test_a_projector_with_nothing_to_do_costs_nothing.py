"""A registered projector says what it has to do with an entry (docket/projection.py):
``handles`` names the only event types it takes part in; ``probe`` is an SQL condition
that PostgreSQL evaluates in the statement that writes the entry, so a projector with
nothing to do for this case costs no statement of its own. The probe sees everything
committed before the case lock was granted: work another session left for it while
the append waited is never missed."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction

from expediente.docket import projection
from expediente.docket.models import Case, Participation, Person
from expediente.docket.services.rows import hold_case
from tests.conftest import NOW

WITNESS = (
    "EXISTS (SELECT 1 FROM docket_participation p "
    "WHERE p.case_id = probe.case_id AND p.role = 'witness')"
)


class Spy:
    """A projector that notes what it was asked to do."""

    def __init__(self, name: str, handles: frozenset[str] | None = None, probe: str = "") -> None:
        self.name = name
        if handles is not None:
            self.handles = handles
        if probe:
            self.probe = probe
        self.checked: list[str] = []
        self.applied: list[tuple[int, str, int]] = []

    def check(self, case: Case, type_name: str, payload: Any, occurred_at: Any, **kw: Any) -> None:
        self.checked.append(type_name)

    def apply(self, case: Case, event: Any, pack: Any) -> None:
        assert event.pk is not None  # the entry is written before the projectors run
        self.applied.append((case.pk, event.type, event.seq))

    def reset(self) -> None:
        return None

    def snapshot(self) -> dict[Any, Any]:
        return {}


@pytest.fixture
def spy() -> Iterator[Any]:
    made: list[Spy] = []

    def make(**kw: Any) -> Spy:
        s = Spy(f"test.spy{len(made)}", **kw)
        projection.register(s)
        made.append(s)
        return s

    yield make
    for s in made:
        projection._PROJECTORS.pop(s.name, None)


def _witness(case: Case) -> None:
    person = Person.objects.create(uid=f"w-{case.pk}", kind="natural", given_names="Testigo")
    Participation.objects.create(case=case, uid="P9", person=person, role="witness", added_seq=1)


def test_a_projector_takes_part_only_in_the_types_it_handles(case, record, spy):
    notes = spy(handles=frozenset({"note.added"}))
    every = spy()
    record(case, "note.added", {"text": "Escrito."})
    payload = {"hearing": "H1", "kind": "trial", "starts_at": "2026-03-01T15:00:00Z"}
    record(case, "hearing.scheduled", payload)
    assert notes.checked == ["note.added"]
    assert [t for _c, t, _s in notes.applied] == ["note.added"]
    assert every.checked == ["note.added", "hearing.scheduled"]
    assert [t for _c, t, _s in every.applied] == ["note.added", "hearing.scheduled"]


def test_a_projector_whose_probe_is_false_is_not_applied(open_case, record, spy, is_postgres):
    watcher = spy(probe=WITNESS)
    quiet, followed = open_case(), open_case()
    _witness(followed)
    record(quiet, "note.added", {"text": "Escrito."})
    record(followed, "note.added", {"text": "Escrito."})
    applied_to = {case_id for case_id, _t, _s in watcher.applied}
    assert followed.pk in applied_to
    # Only PostgreSQL evaluates probes; elsewhere apply always runs and decides itself.
    assert (quiet.pk in applied_to) is not is_postgres


def test_a_probe_reads_the_number_of_the_entry_being_recorded(case, record, spy, is_postgres):
    if not is_postgres:
        pytest.skip("probes are evaluated on PostgreSQL")
    late = spy(probe="probe.seq >= 4")
    for n in range(5):
        record(case, "note.added", {"text": f"Escrito {n}."})
    assert [seq for _c, _t, seq in late.applied] == [4, 5, 6]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_work_committed_while_the_append_waited_for_the_lock_is_seen(open_case, record, spy):
    watcher = spy(probe=WITNESS)
    case = open_case()
    locked, done = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def other_session() -> None:
        try:
            with transaction.atomic():
                hold_case(case.pk)  # as a subscription holds it
                locked.set()
                _witness(case)
                time.sleep(0.5)  # the append below is now waiting for this lock
        except BaseException as exc:
            failures.append(exc)
        finally:
            done.set()
            connection.close()

    thread = threading.Thread(target=other_session)
    thread.start()
    assert locked.wait(timeout=10)
    started = time.monotonic()
    record(
        Case.objects.get(pk=case.pk),
        "note.added",
        {"text": "Escrito."},
        occurred_at=NOW - dt.timedelta(days=1),
    )
    waited = time.monotonic() - started
    thread.join(timeout=30)
    assert failures == []
    assert done.is_set()
    assert waited >= 0.3  # it did wait for the other session's lock
    assert [case_id for case_id, _t, _s in watcher.applied] == [case.pk]
