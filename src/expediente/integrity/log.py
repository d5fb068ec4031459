"""Taking docket entries into the Merkle log and signing checkpoints (services), off the
append path: ``event_record`` writes nothing here and takes no lock of ours.

``log_append`` takes in every entry not yet in the log: a pass over the event log in id
order that asks, batch by batch, for the entries without a leaf (``NOT EXISTS``, so an
entry whose transaction committed after a later one, as happens on PostgreSQL, is taken
in by the next pass: "id > the last id taken" would miss it for good). Each batch is one
transaction: it reads the tree's size and frontier, adds the leaves at the next
positions and the perfect subtrees they complete. An interrupted run leaves whole
batches; running again goes on from there. The log's order is its own: the order of
the passes, then of ids.

``log_take_newest`` is the quick pass the worker makes every few seconds so that the
agencies' feed (``api/feed.py``), which reads the docket in the log's order, stays fresh:
it takes in the entries numbered after the newest one in the log (one index lookup to
start, no scan of the whole event log). An entry that committed late, after a higher id
was taken in, is left to the next full pass (``log_append``), which finds it; so the two
together still take every entry in, once, at the next positions.

``checkpoint_sign`` signs the tree as it stands, if it grew since the last checkpoint.

One run at a time: on PostgreSQL each transaction first takes a transaction-level
advisory lock without waiting (another run holding it: ``Busy``); on SQLite every write
transaction already holds the database's one write lock. Either way the unique positions
and the one leaf per entry refuse a second writer, rolling its batch back.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, Max, OuterRef

from expediente.docket.models import Event
from expediente.integrity import notes
from expediente.integrity.keys import signer
from expediente.integrity.leaf import entry_leaf_hash
from expediente.integrity.merkle import append, frontier_positions, root_from_frontier
from expediente.integrity.models import Checkpoint, Leaf, Node
from expediente.integrity.store import perfect_nodes, tree_size

BATCH = 2000
LOCK = 0x4578_7065_4C6F_67  # "ExpeLog": PostgreSQL advisory lock key of the log's writers


class Busy(Exception):
    """Another run is writing the log."""


@dataclass
class Run:
    appended: int = 0
    complete: bool = False  # every entry found missing by this pass is in the log
    checkpoint: Checkpoint | None = None
    busy: bool = False


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK])
            row = cursor.fetchone()
        if not row or not row[0]:
            raise Busy


def _frontier(size: int) -> list[bytes]:
    places = frontier_positions(size)
    found = perfect_nodes(places)
    missing = [p for p in places if p not in found]
    if missing:
        raise LookupError(f"the log of {size} entries lacks its subtrees {missing}")
    return [found[p] for p in places]


def _missing(after: int, limit: int) -> list[tuple[int, str, int, str]]:
    """Up to ``limit`` entries after id ``after`` without a leaf: (id, case, seq, hash)."""
    in_log = Leaf.objects.filter(event_id=OuterRef("pk"))
    rows = (
        Event.objects.filter(pk__gt=after)
        .filter(~Exists(in_log))
        .order_by("pk")
        .values_list("pk", "case__nuid", "seq", "hash")[:limit]
    )
    return list(rows)


def _append(rows: list[tuple[int, str, int, str]]) -> None:
    try:
        with transaction.atomic():
            _lock()
            size = tree_size()
            hashes = [entry_leaf_hash(case=c, seq=s, entry_hash=h) for _, c, s, h in rows]
            _size, _front, made = append(size, _frontier(size), hashes)
            Leaf.objects.bulk_create(
                Leaf(position=size + i, event_id=row[0], hash=h)
                for i, (row, h) in enumerate(zip(rows, hashes, strict=True))
            )
            Node.objects.bulk_create(Node(level=lv, position=p, hash=h) for lv, p, h in made)
    except IntegrityError:  # another run took these entries in first
        raise Busy from None


def log_append(
    *,
    batch: int | None = None,
    stop: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] | None = None,
    seconds: float | None = None,
    after: int = 0,
) -> Run:
    """Take every entry not yet in the log into it, in batches; stop early when ``stop()``
    says so or once ``seconds`` have passed (the worker's turn: at least one batch), with
    whole batches written. ``after``: look only at entries with a higher id (the quick
    pass, ``log_take_newest``)."""
    run = Run()
    batch = batch or BATCH
    until = None if seconds is None else time.monotonic() + seconds
    total = max(0, Event.objects.count() - Leaf.objects.count()) if progress else 0
    while not stop():
        rows = _missing(after, batch)
        if not rows:
            run.complete = True
            return run
        try:
            _append(rows)
        except Busy:
            run.busy = True
            return run
        run.appended += len(rows)
        after = rows[-1][0]
        if progress:
            progress(run.appended, max(total, run.appended))
        if until is not None and time.monotonic() > until:  # at least one batch a turn
            break
    return run


def log_take_newest(*, seconds: float | None = None) -> Run:
    """Take into the log the entries recorded after the newest entry it holds (by id), in
    batches, without signing: the worker's quick pass between checkpoints. Entries that
    committed late with a lower id wait for the next full pass (``log_append``)."""
    newest = Leaf.objects.aggregate(newest=Max("event_id"))["newest"] or 0
    return log_append(after=newest, seconds=seconds)


def checkpoint_sign(*, now: dt.datetime) -> Checkpoint | None:
    """Sign the log as it stands, unless it is empty or the last checkpoint signs it."""
    key = signer()  # may create the key file: before the transaction
    with transaction.atomic():
        _lock()
        size = tree_size()
        latest = Checkpoint.objects.order_by("-size").first()
        if size == 0 or (latest is not None and latest.size >= size):
            return None
        signed_at = now.astimezone(dt.UTC).replace(microsecond=0)
        if latest is not None and signed_at < latest.signed_at:
            signed_at = latest.signed_at  # a clock set back: checkpoints keep their order
        head = notes.Checkpoint(key.origin, size, root_from_frontier(_frontier(size)), signed_at)
        note, _signature = notes.sign(head.body(), key.origin, key.private)
        return Checkpoint.objects.create(
            size=size,
            root=head.root,
            signed_at=signed_at,
            origin=key.origin,
            key_id=key.public.key_id,
            public_key=key.public.raw,
            note=note,
        )


def checkpoint_run(
    *,
    now: Callable[[], dt.datetime],
    stop: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] | None = None,
    seconds: float | None = None,
) -> Run:
    """Take new entries into the log, then sign a checkpoint of what it holds. The key
    and the log's name are read first: a setting that cannot sign writes nothing."""
    signer()
    run = log_append(stop=stop, progress=progress, seconds=seconds)
    if run.busy or stop():
        return run
    try:
        run.checkpoint = checkpoint_sign(now=now())
    except Busy:
        run.busy = True
    return run
