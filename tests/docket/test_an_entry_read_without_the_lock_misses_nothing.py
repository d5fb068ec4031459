"""On PostgreSQL an entry no projector has work for is recorded without the case lock: the
case is read, the entry checked against it, and the entry written in one statement on
condition that the case row is still the one read (docket/services/rows.py,
``read_case``). Whatever changes the case in between (another entry, a subscription made
by someone who holds the case) makes that write do nothing, and the entry is then
recorded under the lock, as every entry was before: nothing is lost, numbered twice or
left untold."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Event, Participation
from expediente.docket.services import rows
from expediente.integrity.verify import verify_cases
from expediente.notify.models import Notification
from expediente.notify.subscriptions import subscribe
from tests.conftest import NOW

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

SRC = Path(__file__).resolve().parents[2] / "src" / "expediente"


def in_another_session(work: Callable[[], Any]) -> None:
    """Run ``work`` on a connection of its own, committed before this returns."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:
            failures.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    assert failures == []


@pytest.fixture
def between_read_and_write(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[str]]:
    """``between(work)``: the next entry written without the lock runs ``work`` in another
    session after its read and before its write (``run`` says how: by default to its
    commit). Gives what the writes did, in order."""
    original = rows.append_if_unchanged
    outcomes: list[str] = []

    def between(
        work: Callable[[], Any], run: Callable[[Callable[[], Any]], None] = in_another_session
    ) -> list[str]:
        pending = [work]

        def write(*args: Any, **kwargs: Any) -> None:
            if pending:
                run(pending.pop())
            try:
                original(*args, **kwargs)
            except rows.CaseMoved:
                outcomes.append("moved")
                raise
            outcomes.append("written")

        monkeypatch.setattr(rows, "append_if_unchanged", write)
        return outcomes

    return between


def test_an_entry_outside_a_transaction_is_written_without_the_lock(accused_case, record):
    outcomes: list[str] = []
    original = rows.append_if_unchanged

    def write(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        outcomes.append("written")

    rows.append_if_unchanged = write  # type: ignore[assignment]
    try:
        assert not connection.in_atomic_block
        recorded = record(accused_case, "note.added", {"text": "Escrito."}, occurred_at=NOW)
    finally:
        rows.append_if_unchanged = original  # type: ignore[assignment]
    assert outcomes == ["written"]
    stored = Case.objects.get(pk=accused_case.pk)
    assert (stored.last_seq, stored.head_hash) == (recorded.event.seq, recorded.event.hash)
    assert accused_case.last_seq == recorded.event.seq  # the caller's copy moved on too
    assert verify_cases([stored]) == []


def test_an_entry_recorded_in_between_sends_the_late_one_to_the_lock(
    accused_case, record, between_read_and_write
):
    before = Case.objects.get(pk=accused_case.pk).last_seq
    outcomes = between_read_and_write(
        lambda: record(
            Case.objects.get(pk=accused_case.pk), "note.added", {"text": "Otro."}, occurred_at=NOW
        )
    )
    late = record(
        Case.objects.get(pk=accused_case.pk), "note.added", {"text": "Tarde."}, occurred_at=NOW
    )
    # the other session's note took the number the late one read; the late one's write
    # found the row changed, wrote nothing, and was recorded after it under the lock
    assert outcomes == ["written", "moved"]
    texts = list(
        Event.objects.filter(case=accused_case, seq__gt=before)
        .order_by("seq")
        .values_list("seq", "payload__text")
    )
    assert texts == [(before + 1, "Otro."), (before + 2, "Tarde.")]
    assert late.event.seq == before + 2
    assert verify_cases([Case.objects.get(pk=accused_case.pk)]) == []


def test_a_subscription_made_in_between_is_told_of_the_entry(
    accused_case, record, between_read_and_write
):
    accused = Participation.objects.get(case=accused_case, uid="P1")
    outcomes = between_read_and_write(
        lambda: subscribe(
            participation=accused,
            channel="inbox",
            address="",
            language="es",
            consent=True,
            consent_text_version="test",
        )
    )
    informed = {"person": "P1", "requested": True, "language": "es"}
    entry = record(
        Case.objects.get(pk=accused_case.pk), "consular.rights_informed", informed, occurred_at=NOW
    ).event
    # made after the entry was read, before it was written: the subscription covers it
    assert outcomes == ["moved"]
    told = Notification.objects.filter(case_id=accused_case.pk).values_list("event_seq", flat=True)
    assert list(told) == [entry.seq]


def test_a_hearing_scheduled_in_between_under_the_same_id_refuses_the_late_one(
    accused_case, record, between_read_and_write
):
    # the late entry's question "is H1 taken?" was answered no before the other session
    # took H1; its write finds the case changed, and under the lock the answer is yes
    from expediente.court.models import Sitting
    from expediente.docket.errors import InvalidInput

    hearing = {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-04-02T09:00:00-06:00"}
    outcomes = between_read_and_write(
        lambda: record(Case.objects.get(pk=accused_case.pk), "hearing.scheduled", hearing)
    )
    count = Event.objects.filter(case=accused_case).count()
    later = hearing | {"starts_at": "2026-04-09T09:00:00-06:00"}
    with pytest.raises(InvalidInput) as refused:
        record(Case.objects.get(pk=accused_case.pk), "hearing.scheduled", later)
    assert outcomes == ["written", "moved"]
    assert refused.value.errors[0]["field"] == "payload.hearing"
    assert Event.objects.filter(case=accused_case).count() == count + 1  # the other's only
    sittings = Sitting.objects.filter(case=accused_case)
    assert [(s.hearing, s.starts_at.day) for s in sittings] == [("H1", 2)]


@pytest.mark.parametrize("inside_a_transaction", [False, True])
def test_a_hearing_whose_case_moved_leaves_no_sitting_behind(
    accused_case, record, between_read_and_write, inside_a_transaction
):
    # a note recorded between the hearing's read and its write: the hearing's statement,
    # sitting and all, is undone, and the hearing is recorded after the note, once
    from django.db import transaction

    from expediente.court.models import Sitting

    outcomes = between_read_and_write(
        lambda: record(
            Case.objects.get(pk=accused_case.pk), "note.added", {"text": "Antes."}, occurred_at=NOW
        )
    )
    hearing = {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-04-02T09:00:00-06:00"}

    def schedule() -> Any:
        return record(Case.objects.get(pk=accused_case.pk), "hearing.scheduled", hearing).event

    if inside_a_transaction:
        with transaction.atomic():
            entry = schedule()
    else:
        entry = schedule()
    assert outcomes == ["written", "moved"]
    sittings = list(Sitting.objects.filter(case=accused_case).values_list("set_by_seq", "status"))
    assert sittings == [(entry.seq, "scheduled")]
    assert Event.objects.get(case=accused_case, seq=entry.seq - 1).type == "note.added"
    assert verify_cases([Case.objects.get(pk=accused_case.pk)]) == []


def test_a_write_that_waits_for_a_holder_of_the_case_goes_to_the_lock(
    accused_case, record, between_read_and_write
):
    # another session holds the case (as a subscription does) while the write runs: the
    # write waits for it, then finds the row changed, and the entry goes to the lock
    from django.db import transaction

    holding, release, done = threading.Event(), threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                rows.hold_case(accused_case.pk)
                holding.set()
                release.wait(timeout=10)
        finally:
            done.set()
            connection.close()

    def still_holding(work: Callable[[], Any]) -> None:
        threading.Thread(target=work).start()
        assert holding.wait(timeout=10)
        threading.Timer(0.3, release.set).start()  # lets go while the write waits

    outcomes = between_read_and_write(hold, run=still_holding)
    entry = record(
        Case.objects.get(pk=accused_case.pk), "note.added", {"text": "Escrito."}, occurred_at=NOW
    ).event
    assert done.wait(timeout=10)
    assert outcomes == ["moved"]
    stored = Case.objects.get(pk=accused_case.pk)
    assert (stored.last_seq, stored.head_hash) == (entry.seq, entry.hash)


def test_a_projector_that_cannot_say_its_work_inline_sends_the_entry_to_the_lock(
    accused_case, record, monkeypatch
):
    # it may work inline (so the read is tried) but says it cannot for this entry: the
    # entry is recorded under the lock and its apply runs, in the entry's transaction
    from expediente.docket import projection

    applied: list[int] = []
    reads: list[int] = []

    class Unsure:
        name = "test.unsure"
        handles = frozenset({"note.added"})

        def check(self, *args: Any, **kwargs: Any) -> None:
            return None

        def inline(self, case: Case, event: Any) -> None:
            return None

        def apply(self, case: Case, event: Any, pack: Any) -> None:
            assert event.pk is not None
            applied.append(event.seq)

        def reset(self) -> None:
            return None

        def snapshot(self) -> dict[Any, Any]:
            return {}

    original = rows.read_case

    def read(case_id: int, *args: Any) -> Any:
        reads.append(case_id)
        return original(case_id, *args)

    monkeypatch.setattr(rows, "read_case", read)
    projection.register(Unsure())
    try:
        entry = record(accused_case, "note.added", {"text": "Escrito."}, occurred_at=NOW).event
    finally:
        projection._PROJECTORS.pop("test.unsure", None)
    assert reads == [accused_case.pk]
    assert applied == [entry.seq]


def test_a_hearing_written_without_the_lock_keeps_the_calendar_with_it(accused_case, record):
    from expediente.court.models import Sitting

    hearing = {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-04-02T09:00:00-06:00"}
    entry = record(accused_case, "hearing.scheduled", hearing).event
    moved = {"hearing": "H1", "starts_at": "2026-04-09T09:00:00-06:00", "reason": "Agenda"}
    again = record(accused_case, "hearing.rescheduled", moved).event
    rows_ = list(
        Sitting.objects.filter(case=accused_case)
        .order_by("set_by_seq")
        .values_list("set_by_seq", "status", "closed_by_seq")
    )
    assert rows_ == [(entry.seq, "moved", again.seq), (again.seq, "scheduled", None)]
    assert verify_cases([Case.objects.get(pk=accused_case.pk)]) == []


def test_a_refused_entry_outside_a_transaction_writes_nothing(case, record, monkeypatch):
    reads: list[int] = []
    original = rows.read_case

    def read(case_id: int, *args: Any) -> Any:
        reads.append(case_id)
        return original(case_id, *args)

    monkeypatch.setattr(rows, "read_case", read)
    before = Case.objects.get(pk=case.pk)
    count = Event.objects.filter(case=case).count()
    with pytest.raises(InvalidInput) as refused:
        # a mistyped year: more than 30 days before the case was opened
        record(case, "note.added", {"text": "Escrito."}, occurred_at=NOW - dt.timedelta(days=400))
    assert reads == [case.pk]  # refused after the read, on the way without the lock
    assert refused.value.errors[0]["field"] == "occurred_at"
    after = Case.objects.get(pk=case.pk)
    assert Event.objects.filter(case=case).count() == count
    assert (after.last_seq, after.head_hash, after.stage) == (
        before.last_seq,
        before.head_hash,
        before.stage,
    )


# Every lock taken with select_for_update, and what it locks: none of them a case row
# (PostgreSQL's FOR UPDATE also locks the rows of every table a select_related joins).
LOCKS_THAT_ARE_NOT_A_CASE = {
    ("notify/accounts.py", "AccountNotices"),
    ("notify/worker.py", "Delivery"),
    ("notify/agency_hooks.py", "ApiToken"),
    ("notify/agency_hooks.py", "AgencyHook"),
    ("notify/subscriptions.py", "Subscription"),
    ("access/code_throttle.py", "CodeThrottle"),
    ("docket/services/opening.py", "CaseCounter"),
    ("portal/public/throttle.py", "CodeThrottle"),
}


def test_nothing_holds_a_case_with_a_lock_alone():
    """Work ordered with a case's entries holds the case with ``rows.hold_case``, which
    writes the row: a bare lock of a case (``select_for_update``, or ``FOR UPDATE`` /
    ``FOR SHARE`` written out) would leave the row as an entry read without the lock saw
    it, and that entry would be written as if nothing had happened (a subscription made
    meanwhile would miss it). A new lock anywhere must be added above, after checking
    that it takes no case row."""
    call = re.compile(r"(\w+)\.objects\.select_for_update\(")
    found: set[tuple[str, str]] = set()
    for path in SRC.rglob("*.py"):
        name = str(path.relative_to(SRC))
        if name == "docket/services/rows.py":  # the case lock itself, and hold_case
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if "select_for_update" in line and not line.lstrip().startswith("#"):
                match = call.search(line)
                found.add((name, match.group(1) if match else line.strip()))
                nearby = "\n".join(lines[max(0, i - 3) : i + 5])
                assert "select_related(" not in nearby, f"{name}:{i + 1} locks joined rows too"
            if re.search(r"\bFOR (UPDATE|SHARE|NO KEY UPDATE|KEY SHARE)\b", line) and (
                '"' in line or "'" in line
            ):
                found.add((name, line.strip()))
    assert found <= LOCKS_THAT_ARE_NOT_A_CASE, found - LOCKS_THAT_ARE_NOT_A_CASE
