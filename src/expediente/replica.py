"""Releases of statistics read from a PostgreSQL standby (``DATABASE_REPLICA_URL``).

A national judiciary's statisticians and the public dashboard compute releases of
figures that scan a year of records (seconds at a million cases, ``docs/statistics.md``
"Scale"); the courts' own work must not wait behind them. With a hot standby configured,
``publication_read`` computes a release there, in one read-only snapshot (every table of
a release from the same moment, so its flows add up), and says so: the ``Source`` it
returns names the database and, when the standby is behind, the moment the records
stood at. It reads the primary instead, and says why, when the standby does not answer,
is more than ``EXPEDIENTE_REPLICA_MAX_LAG_SECONDS`` behind, is no longer a standby
(promoted), or fails during the release (then the release is computed again on the
primary: a statistician gets figures, never an error, from a standby's trouble).

Only what runs inside ``publication_read`` goes to the standby (``PublicationRouter``,
a context variable): the staff pages and the API read what they have just written, so
they, and every write, stay on the primary. What a process learnt of the standby is
kept ``STATE_SECONDS``, so a standby that is down costs one connection attempt (its
``connect_timeout``, 3 s) per process that often, not one per release.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

REPLICA = "replica"
STATE_SECONDS = 10.0
# replaying what it received no further behind than this: current, not "as of" (a busy
# primary's standby has WAL in flight at nearly every moment)
CURRENT_SECONDS = 5.0
T = TypeVar("T")

_READING: ContextVar[str | None] = ContextVar("expediente_reading_alias", default=None)
_logger = logging.getLogger(__name__)

# Is it a standby, has it replayed all it received, is it connected to the primary (a
# WAL receiver runs: its row, with its pid, is visible to every role, its other columns
# only to pg_read_all_stats), when was the last transaction it replayed committed, and
# its clock.
_PROBE = """
SELECT pg_is_in_recovery(),
       pg_last_wal_receive_lsn() IS NOT NULL
         AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(),
       EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE pid IS NOT NULL),
       pg_last_xact_replay_timestamp(),
       now()
"""


@dataclass(frozen=True)
class Source:
    """Where a release was read. ``alias``: the database (``"replica"`` or
    ``"default"``); ``as_of``: the moment the records stood at when the standby was
    behind (None: current); ``why_primary``: why the primary was read although a standby
    is configured ("down", "behind", "not_standby", "failed"; "" otherwise)."""

    alias: str
    as_of: dt.datetime | None = None
    why_primary: str = ""

    @property
    def from_replica(self) -> bool:
        return self.alias == REPLICA


PRIMARY = Source(DEFAULT_DB_ALIAS)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def reading_alias() -> str:
    """The database the current code reads: the standby inside a ``publication_read``
    that chose it, the primary everywhere else (for raw cursors:
    ``connections[reading_alias()]``; the ORM is routed by ``PublicationRouter``)."""
    return _READING.get() or DEFAULT_DB_ALIAS


class PublicationRouter:
    """Reads inside ``publication_read`` go to the database it chose; everything else,
    and every write and migration, to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return _READING.get()

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # one database and its copy

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def source_judge(
    *,
    in_recovery: bool,
    caught_up: bool,
    streaming: bool,
    replayed_at: dt.datetime | None,
    now: dt.datetime,
    max_lag: float,
) -> Source:
    """Whether to read a release from the standby, from what it says of itself: not a
    standby any more (promoted, it no longer follows the primary) or further behind
    than ``max_lag`` seconds: the primary; connected to the primary (``streaming``) and
    caught up with what it received, or replaying it with its last replayed transaction
    at most ``CURRENT_SECONDS`` old: the standby, current (an idle primary commits
    nothing for hours: its caught-up standby is current all the same); otherwise the
    standby, as of the last transaction it replayed. A standby that never replayed one
    since it started, and is not caught up, is taken to be behind."""
    if not in_recovery:
        return Source(DEFAULT_DB_ALIAS, why_primary="not_standby")
    if streaming and caught_up:
        return Source(REPLICA)
    if replayed_at is None:
        return Source(DEFAULT_DB_ALIAS, why_primary="behind")
    lag = (now - replayed_at).total_seconds()
    if streaming and lag <= CURRENT_SECONDS:
        return Source(REPLICA)
    if lag > max_lag:
        return Source(DEFAULT_DB_ALIAS, why_primary="behind")
    return Source(REPLICA, as_of=replayed_at)


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.until = 0.0
        self.source = PRIMARY

    def get(self) -> Source:
        """What the process knows of the standby, probed at most once per
        ``STATE_SECONDS`` (threads arriving meanwhile wait for that probe, so a standby
        that is down costs the process one connection timeout, not one per thread)."""
        with self.lock:
            if time.monotonic() >= self.until:
                self.source = _probe()
                self.until = time.monotonic() + STATE_SECONDS
            return self.source

    def put(self, source: Source) -> None:
        with self.lock:
            self.source = source
            self.until = time.monotonic() + STATE_SECONDS

    def forget(self) -> None:
        with self.lock:
            self.until = 0.0


_state = _State()


def _probe() -> Source:
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            cursor.execute(_PROBE)
            in_recovery, caught_up, streaming, replayed_at, now = cursor.fetchone()
    except DatabaseError as error:
        _logger.warning("the statistics' standby does not answer: %s", error)
        connection.close()
        return Source(DEFAULT_DB_ALIAS, why_primary="down")
    source = source_judge(
        in_recovery=bool(in_recovery),
        caught_up=bool(caught_up),
        streaming=bool(streaming),
        replayed_at=replayed_at,
        now=now,
        max_lag=float(settings.EXPEDIENTE_REPLICA_MAX_LAG_SECONDS),
    )
    if not source.from_replica:
        _logger.warning("the statistics are read from the primary: standby %s", source.why_primary)
    return source


def publication_read(compute: Callable[[], T]) -> tuple[T, Source]:
    """``compute()`` (a release of figures) on the standby when there is one fit to read,
    in one read-only snapshot, else on the primary; and where it was read. A standby
    that fails during it is left alone for ``STATE_SECONDS`` and the release is
    computed again on the primary."""
    source = _state.get() if replica_configured() else PRIMARY
    if not source.from_replica:
        return compute(), source
    try:
        with transaction.atomic(using=REPLICA):
            with connections[REPLICA].cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            token = _READING.set(REPLICA)
            try:
                return compute(), source
            finally:
                _READING.reset(token)
    except DatabaseError as error:
        _logger.warning("a release failed on the standby, computed on the primary: %s", error)
        connections[REPLICA].close()
        failed = Source(DEFAULT_DB_ALIAS, why_primary="failed")
        _state.put(failed)
        return compute(), failed
