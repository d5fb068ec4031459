"""Serving a kept case body with no query of the request's own (PostgreSQL).

Each server process keeps the API bodies of the cases it rendered (``api/present.py``).
A kept body may be sent only if the case has not changed since it was rendered, and only
once the read is in the access log. Both used to cost the request two statements of its
own (the case's head, then the log line). Here a request that holds a kept body hands
both to the process's **confirmer**, which takes every read waiting at that moment and
answers them all with one statement on the process's confirming connection (the request
that finds nobody confirming does it, for itself and the others: ``Confirmer``):

* for each read, the case's head of chain, its court's rule pack and a digest of its
  people's details are compared with the ones the body was rendered from;
* for each read whose case is unchanged, its access log line is inserted, in the same
  statement (so in the same snapshot and the same commit);
* the statement returns which reads were confirmed.

A confirmed read is sent its kept body: the body is the case as it was when the
statement ran, which is after the request arrived, so a client never reads a case older
than one it was already answered with (an entry recorded and answered before the read
started is in the body). An unconfirmed read (the case changed, or the statement failed,
or it took longer than ``WAIT_SECONDS``) takes the ordinary path, which reads the case
and writes its line itself: nothing is sent without its line. If a statement's commit is
lost with the connection after the database made it, a read may be logged twice; never
not at all.

Before a kept body is offered, the access policy is asked again with what the body was
rendered from (court and confidentiality: unchanged while the head is), so a reader
refused the case never reaches the statement.

The confirmer is off when the request's connection is inside a transaction (its line
must then be written in that transaction; tests run so) and on SQLite; the setting
``EXPEDIENTE_CONFIRM_KEPT_READS`` (default on) turns it off altogether. Its connection is
opened in each process at its first use, after gunicorn forked.
"""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import os
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Generic, TypeVar, cast

from django.conf import settings
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import load_backend
from django.utils.translation import get_language

from expediente.access.access_log import AccessRecord
from expediente.access.capabilities import Capability
from expediente.access.disclosure import Shown, audience_for, read_line
from expediente.access.policy import Actor, can
from expediente.docket.models import Case, Court
from expediente.docket.selectors import people_digest_sql

log = logging.getLogger(__name__)

T = TypeVar("T")

WAIT_SECONDS = 5.0  # then the read takes the ordinary path
MOST_PER_STATEMENT = 200


class Kept(Generic[T]):
    """The last ``size`` items kept in this process (least recently used go)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> T | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: Hashable, item: T) -> None:
        with self._lock:
            self._items[key] = item
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def kept_size() -> int:
    """How many case bodies a process keeps (``EXPEDIENTE_KEPT_CASE_BODIES``; ~10 KB each)."""
    return int(getattr(settings, "EXPEDIENTE_KEPT_CASE_BODIES", 5000))


@dataclass(frozen=True)
class KeptBody:
    """A rendered body and what it was rendered from."""

    case_id: int
    court_code: str
    confidentiality: str
    head_hash: str
    rule_pack: str
    people_digest: str
    body: bytes
    shown: Shown

    @cached_property
    def probe(self) -> Case:
        """The case as the access policy asks about it (court and confidentiality, which
        do not change while the head does not), built once: two model instances per
        read were a twentieth of a worker's time under load (py-spy)."""
        case = Case(id=self.case_id, confidentiality=self.confidentiality)
        case.court = Court(code=self.court_code, rule_pack=self.rule_pack)
        return case


_bodies: Kept[KeptBody] = Kept(size=kept_size())
_courts: Kept[str] = Kept(size=kept_size())  # nuid -> its court's code (never changes)


def _key(nuid: str, actor: Actor, court_code: str) -> Hashable:
    return (nuid, actor.channel, audience_for(actor, court_code).key, get_language())


def keep(nuid: str, actor: Actor, kept: KeptBody) -> None:
    """Keep a body just rendered (and logged) for this reader."""
    _courts.put(nuid, kept.court_code)
    _bodies.put(_key(nuid, actor, kept.court_code), kept)


def kept_for(nuid: str, actor: Actor) -> KeptBody | None:
    """This reader's kept body of the case, unconfirmed (whatever the case is now)."""
    court_code = _courts.get(nuid)
    return _bodies.get(_key(nuid, actor, court_code)) if court_code is not None else None


def forget() -> None:
    _bodies.clear()
    _courts.clear()


def enabled() -> bool:
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and bool(getattr(settings, "EXPEDIENTE_CONFIRM_KEPT_READS", True))
    )


def kept_body(nuid: str, actor: Actor) -> bytes | None:
    """This reader's kept body of the case, once the confirmer has found the case
    unchanged and logged the read; None if there is none or it could not be confirmed
    (the caller then reads the case itself)."""
    if not enabled():
        return None
    kept = kept_for(nuid, actor)
    if kept is None:
        return None
    court_code = kept.court_code
    if not can(actor, Capability.CASE_VIEW, case=kept.probe):
        return None  # the ordinary path answers (NotFound) as for any other case
    line = read_line(
        case_id=kept.case_id,
        court_code=court_code,
        audience=audience_for(actor, court_code),
        channel="api",
        shown=kept.shown,
    )
    return kept.body if confirmer().confirm(kept, line) else None


class _Read:
    """A read waiting for its confirmation: ``done`` is held until a statement has
    answered it."""

    __slots__ = ("confirmed", "done", "kept", "line")

    def __init__(self, kept: KeptBody, line: dict[str, Any] | None) -> None:
        self.kept = kept
        self.line = line
        self.confirmed = False
        self.done = threading.Lock()
        self.done.acquire()


class Confirmer:
    """The process's confirmer (see the module's docstring).

    There is no thread of its own: a request that finds reads waiting and nobody
    confirming becomes the confirmer (it *leads*): it takes every read waiting, its own
    among them, runs the statement on the process's confirming connection, answers those
    reads, and does the same at most once more for the reads that arrived meanwhile
    (``ROUNDS``), then goes back to its own request. A read waiting for its answer looks
    every ``SLICE_SECONDS`` whether nobody leads and reads are waiting, and then leads
    itself: no read is left waiting, and no request answers others' reads for long (a
    leader that kept going while reads kept arriving held its own, answered, request for
    seconds under load). The leader's own read costs no hand-over between threads (a
    dedicated thread cost about 0.3 ms of CPU per read in two wake-ups: half of a kept
    read's cost, session 17), while reads arriving together still share one statement
    and one commit."""

    ROUNDS = 2
    SLICE_SECONDS = 0.002

    def __init__(self) -> None:
        self._inbox: queue.SimpleQueue[_Read] = queue.SimpleQueue()
        self._leading = threading.Lock()
        self._db: BaseDatabaseWrapper | None = None
        self.statements = 0  # for tests and benchmarks
        self.confirmed = 0

    def confirm(self, kept: KeptBody, line: dict[str, Any] | None) -> bool:
        """Wait for the statement that confirms this read (or not)."""
        read = _Read(kept, line)
        self._inbox.put(read)
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            self._lead()
            if read.done.acquire(timeout=self.SLICE_SECONDS):
                return read.confirmed
            if time.monotonic() >= deadline:
                log.warning("a kept read waited %.0f s for its confirmation", WAIT_SECONDS)
                return False

    def forked(self) -> None:
        """In a new process (gunicorn forks after the application is loaded): nothing of
        the parent's, whose lock may have been held and whose socket is not this
        process's to use. Called by ``os.register_at_fork`` before any thread runs."""
        self._inbox = queue.SimpleQueue()
        self._leading = threading.Lock()
        self._db = None

    def _lead(self) -> None:
        inbox = self._inbox
        if inbox.empty() or not self._leading.acquire(blocking=False):
            return  # nothing waiting, or someone leads
        try:
            for _ in range(self.ROUNDS):
                batch: list[_Read] = []
                while len(batch) < MOST_PER_STATEMENT:
                    try:
                        batch.append(inbox.get_nowait())
                    except queue.Empty:
                        break
                if not batch:
                    return
                self._answer(batch)
        finally:
            self._leading.release()

    def _answer(self, batch: list[_Read]) -> None:
        try:
            confirmed = _confirm(self._connection(), batch)
        except Exception:
            log.exception(
                "confirming %d kept reads failed; they take the ordinary path", len(batch)
            )
            confirmed = set()
            self._close()  # a new connection next time
        self.statements += 1
        self.confirmed += len(confirmed)
        for i, read in enumerate(batch):
            read.confirmed = i in confirmed
            read.done.release()

    def _connection(self) -> BaseDatabaseWrapper:
        """The process's confirming connection, used by whichever request leads (one at a
        time: only under ``_leading``), never a request's own."""
        if self._db is None:
            db = own_connection("default")
            db.inc_thread_sharing()
            self._db = db
        return self._db

    def _close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(Exception):  # closing a broken connection may fail
                db.close()

    def disconnect(self) -> None:
        """Close the confirming connection (a new one is opened when next needed)."""
        if self._leading.acquire(timeout=WAIT_SECONDS):
            try:
                self._close()
            finally:
                self._leading.release()


def own_connection(alias: str) -> BaseDatabaseWrapper:
    """A connection of ``alias``'s database that is this code's alone, never lent by the
    pool a greenlet server keeps (settings.py): the confirmer sets session parameters
    on it (``plan_cache_mode``) that no request's statement should inherit."""
    settings_dict = copy.deepcopy(connections.settings[alias])
    settings_dict.get("OPTIONS", {}).pop("pool", None)
    backend = load_backend(settings_dict["ENGINE"])
    return cast(BaseDatabaseWrapper, backend.DatabaseWrapper(settings_dict, alias))


_confirmer = Confirmer()
os.register_at_fork(after_in_child=_confirmer.forked)


def confirmer() -> Confirmer:
    return _confirmer


LINE_COLUMNS = ("case_id", "at", "user_id", "actor_label", "audience", "role", "court", "channel")
LINE_TYPES = ("bigint", "timestamptz", "bigint", "text", "text", "text", "text", "text")


@cache
def _confirm_sql() -> str:
    """The statement, with the batch as one JSON parameter (a list of reads: what the
    body was rendered from and, if the read is to be logged, its line's columns)."""
    quote = connection.ops.quote_name
    table = quote(AccessRecord._meta.db_table)
    columns = ", ".join(quote(c) for c in (*LINE_COLUMNS, "classes"))
    typed = ", ".join(f"{c} {t}" for c, t in zip(LINE_COLUMNS, LINE_TYPES, strict=True))
    values = ", ".join((*LINE_COLUMNS, "classes"))
    return (
        "WITH r AS (SELECT * FROM json_to_recordset(%s::json) AS r(i int, head_hash text, "  # noqa: S608
        f"rule_pack text, people text, logged boolean, {typed}, classes jsonb)), "
        "ok AS (SELECT r.* FROM r JOIN docket_case c ON c.id = r.case_id "
        "AND c.head_hash = r.head_hash JOIN docket_court co ON co.id = c.court_id "
        f"AND co.rule_pack = r.rule_pack WHERE {people_digest_sql('c.id')} = r.people), "
        f"logged AS (INSERT INTO {table} ({columns}) SELECT {values} FROM ok WHERE logged "
        "RETURNING 1) "
        "SELECT i FROM ok"
    )


_planned: list[Any] = [None]  # the connection on which plan_cache_mode was set


def _confirm(db: BaseDatabaseWrapper, batch: Sequence[_Read]) -> set[int]:
    """One statement for the batch: which reads are of unchanged cases (their lines are
    then in the log)."""
    reads = []
    for i, read in enumerate(batch):
        k = read.kept
        row = {"i": i, "head_hash": k.head_hash, "rule_pack": k.rule_pack}
        row |= {"people": k.people_digest, "logged": read.line is not None}
        if read.line is not None:
            row |= read.line
            row["at"] = read.line["at"].isoformat()
        row["case_id"] = k.case_id
        reads.append(row)
    with db.cursor() as cursor:
        if db.connection is not _planned[0]:
            # The statement is prepared after its first runs (settings.py); planning it
            # afresh at each run would cost more than running it, so it is planned once
            # per connection.
            cursor.execute("SET plan_cache_mode = force_generic_plan")
            if not getattr(settings, "EXPEDIENTE_ACCESS_LOG_WAITS_FOR_DISK", True):
                # committed (visible) before the bodies go, without waiting for the
                # disk: settings.py says what that trades
                cursor.execute("SET synchronous_commit = off")
            _planned[0] = db.connection
        cursor.execute(_confirm_sql(), [json.dumps(reads)])
        return {row[0] for row in cursor.fetchall()}
