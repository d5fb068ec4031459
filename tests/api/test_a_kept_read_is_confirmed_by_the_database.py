"""On PostgreSQL a server process sends a kept case body only after its confirmer (one
thread, one statement for every read waiting) has found the case unchanged and written
the read's access log line (api/kept_bodies.py). These tests commit (as the server does),
so the confirmer's own connection sees what they write."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from expediente.access.models import AccessRecord
from expediente.api import kept_bodies
from expediente.api.present import forget_bodies
from expediente.docket.models import Person
from tests.api.helpers import API

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_and_an_empty_store(is_postgres: bool) -> Iterator[None]:
    if not is_postgres:
        pytest.skip("the confirmer runs on PostgreSQL only; SQLite reads through the ORM")
    forget_bodies()
    yield
    kept_bodies.confirmer().disconnect()  # or the test database could not be dropped


def read(client: Any, nuid: str) -> dict[str, Any]:
    r = client.get(f"{API}/cases/{nuid}")
    assert r.status_code == 200, r.content[:300]
    return json.loads(r.content)


def lines(case: Any) -> list[AccessRecord]:
    return list(AccessRecord.objects.filter(case=case).order_by("id"))


def test_an_unchanged_case_is_sent_after_the_confirmer_logs_the_read(api_reader, accused_case):
    first = read(api_reader, accused_case.nuid)
    confirmed = kept_bodies.confirmer().confirmed
    with CaptureQueriesContext(connection) as ctx:
        again = read(api_reader, accused_case.nuid)
    assert again == first
    assert kept_bodies.confirmer().confirmed == confirmed + 1
    assert ctx.captured_queries == []  # the request's own connection was not used
    logged = lines(accused_case)
    assert len(logged) == 2  # the rendered read's line and the confirmed one's
    ordinary, shared = logged
    for column in ("user_id", "actor_label", "audience", "role", "court", "channel", "classes"):
        assert getattr(shared, column) == getattr(ordinary, column), column
    assert shared.classes  # the body shows names: the line says so


def test_an_entry_recorded_since_is_in_the_next_read(api_reader, accused_case, record):
    before = read(api_reader, accused_case.nuid)
    record(accused_case, "note.added", {"text": "Escrito recibido."})
    confirmed = kept_bodies.confirmer().confirmed
    after = read(api_reader, accused_case.nuid)
    assert after["last_seq"] == before["last_seq"] + 1
    newest = after["recent_events"][-1]
    assert newest["type"] == "note.added"
    assert newest["payload"] == {"text": "[…]"}  # a staff note: its text stays in the court
    assert kept_bodies.confirmer().confirmed == confirmed  # refused: the case changed
    assert len(lines(accused_case)) == 2  # one line per read, none for the refused body


def test_a_person_corrected_elsewhere_is_shown_corrected(api_reader, accused_case):
    before = read(api_reader, accused_case.nuid)
    accused = next(p for p in before["participants"] if p["role"] == "accused")
    assert accused["person"]["name"] == "José Pérez Mora"
    # as a correction recorded in another case that names the same person would
    Person.objects.filter(family_names="Pérez Mora").update(family_names="Pérez Morales")
    after = read(api_reader, accused_case.nuid)
    accused = next(p for p in after["participants"] if p["role"] == "accused")
    assert accused["person"]["name"] == "José Pérez Morales"
    assert after["last_seq"] == before["last_seq"]


def test_a_reader_refused_the_case_is_refused_although_a_body_is_kept(
    api_reader, api_outsider, accused_case
):
    read(api_reader, accused_case.nuid)
    read(api_reader, accused_case.nuid)
    r = api_outsider.get(f"{API}/cases/{accused_case.nuid}")
    assert r.status_code == 404
    assert len(lines(accused_case)) == 2  # the reader's two reads, nothing for the outsider


def test_a_lost_connection_sends_the_read_the_ordinary_way_and_the_next_is_confirmed(
    api_reader, accused_case
):
    first = read(api_reader, accused_case.nuid)
    read(api_reader, accused_case.nuid)  # the confirmer has its connection
    with connection.cursor() as cursor:  # the database ends the confirmer's session
        cursor.execute(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND query LIKE 'WITH r AS%%') t"
        )
        assert cursor.fetchone()[0] == 1
    confirmed = kept_bodies.confirmer().confirmed
    assert read(api_reader, accused_case.nuid) == first  # answered, the ordinary way
    assert kept_bodies.confirmer().confirmed == confirmed
    assert read(api_reader, accused_case.nuid) == first
    assert kept_bodies.confirmer().confirmed == confirmed + 1  # a new connection
    assert len(lines(accused_case)) == 4  # every read has its line


@override_settings(EXPEDIENTE_CONFIRM_KEPT_READS=False)
def test_the_setting_turns_the_confirmer_off(api_reader, accused_case):
    read(api_reader, accused_case.nuid)
    statements = kept_bodies.confirmer().statements
    with CaptureQueriesContext(connection) as ctx:
        read(api_reader, accused_case.nuid)
    assert kept_bodies.confirmer().statements == statements
    assert len(ctx.captured_queries) == 2  # the case's head, then the access log's line
    assert len(lines(accused_case)) == 2


def test_a_read_does_not_wait_for_an_entry_being_recorded_in_the_case(api_reader, accused_case):
    """An append holds the case's row ``FOR UPDATE`` until it commits. A read's access
    log line must not wait for it (it once did: the line's foreign key check locked the
    case's row at commit), neither the ordinary way nor the confirmed one."""
    first = read(api_reader, accused_case.nuid)
    appending = connections.create_connection("default")
    try:
        appending.set_autocommit(False)
        with appending.cursor() as cursor:  # as event_record's lock_case does
            cursor.execute("SELECT id FROM docket_case WHERE id = %s FOR UPDATE", [accused_case.pk])
        with connection.cursor() as cursor:  # a wait would fail the read, not hang the test
            cursor.execute("SET lock_timeout = '2s'")
        confirmed = kept_bodies.confirmer().confirmed
        assert read(api_reader, accused_case.nuid) == first  # kept, confirmed
        assert kept_bodies.confirmer().confirmed == confirmed + 1
        forget_bodies()
        assert read(api_reader, accused_case.nuid) == first  # rendered, logged by the request
    finally:
        appending.rollback()
        appending.close()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
    assert len(lines(accused_case)) == 3


def _synchronous_commit_after_a_confirming_statement() -> str:
    """Run the confirmer's statement (for no reads) on this thread's connection, as a
    leading request does on the confirming connection, and say how that connection then
    commits."""
    kept_bodies._planned[0] = None  # set the connection up as a new one
    try:
        assert kept_bodies._confirm(connection, []) == set()
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return str(cursor.fetchone()[0])
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
            cursor.execute("RESET plan_cache_mode")
        kept_bodies._planned[0] = None


def test_by_default_the_log_lines_wait_for_the_disk(api_reader, accused_case):
    assert _synchronous_commit_after_a_confirming_statement() == "on"


@override_settings(EXPEDIENTE_ACCESS_LOG_WAITS_FOR_DISK=False)
def test_the_log_lines_can_be_committed_without_waiting_for_the_disk(api_reader, accused_case):
    """The trade the setting makes: the line is still committed, and seen by everyone,
    before the body goes; only its surviving a crash in the next moment is given up."""
    assert _synchronous_commit_after_a_confirming_statement() == "off"
    first = read(api_reader, accused_case.nuid)
    kept_bodies.confirmer().disconnect()  # its next statement sets up a new connection
    confirmed = kept_bodies.confirmer().confirmed
    assert read(api_reader, accused_case.nuid) == first
    assert kept_bodies.confirmer().confirmed == confirmed + 1
    assert len(lines(accused_case)) == 2  # committed before the body was sent: seen here


def test_reads_arriving_together_are_all_confirmed_and_none_is_left_waiting(
    api_reader, accused_case
):
    """Whichever request finds nobody confirming leads: it answers every read waiting,
    its own among them. A read queued while another led and then forgotten would wait
    ``WAIT_SECONDS`` and take the ordinary path: it would not count as confirmed."""
    first = read(api_reader, accused_case.nuid)
    header = api_reader.defaults["HTTP_AUTHORIZATION"]
    confirmed = kept_bodies.confirmer().confirmed
    statements = kept_bodies.confirmer().statements
    threads, each = 8, 12
    start = threading.Barrier(threads)
    bodies: list[dict[str, Any]] = []

    def reader() -> None:
        client = Client(HTTP_AUTHORIZATION=header)
        try:
            start.wait()
            for _ in range(each):
                bodies.append(read(client, accused_case.nuid))
        finally:
            connection.close()  # this thread's, or the test database could not be dropped

    with ThreadPoolExecutor(threads) as pool:
        for done in [pool.submit(reader) for _ in range(threads)]:
            done.result()
    assert len(bodies) == threads * each
    assert all(body == first for body in bodies)
    assert kept_bodies.confirmer().confirmed == confirmed + threads * each
    assert kept_bodies.confirmer().statements > statements
    assert len(lines(accused_case)) == 1 + threads * each  # every read has its line


def test_a_worker_forked_while_a_read_was_confirmed_starts_with_nothing_of_it():
    """gunicorn forks its workers from a process that may have confirmed reads (the
    application is loaded first): a worker must not inherit a lock held at that moment
    (every read would wait its 5 s) nor the parent's connection."""
    confirmer = kept_bodies.confirmer()
    confirmer._connection()  # the parent has its connection
    assert confirmer._leading.acquire(blocking=False)  # and is confirming, as it forks
    try:
        child = os.fork()
        if child == 0:  # the worker
            fresh = confirmer._leading.acquire(blocking=False) and confirmer._db is None
            os._exit(0 if fresh else 1)
        _, status = os.waitpid(child, 0)
    finally:
        confirmer._leading.release()
    assert os.waitstatus_to_exitcode(status) == 0
