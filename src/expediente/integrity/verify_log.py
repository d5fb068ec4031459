"""``expediente verify``, second half: recompute the Merkle log from the docket and check
every checkpoint.

1. Each leaf, in position order, is recomputed from its entry (case, number, hash; the
   entries' own hashes are checked by the chains, ``verify.py``): a leaf that does not
   match is an entry changed since it entered the log, even with its case's chain
   recomputed to hide it; a position skipped is a leaf taken out.
2. Each stored subtree is recomputed from the level below it, level by level: proofs
   are served from them.
3. Each checkpoint's note must verify with its key, and the key must be this server's or
   one listed as retired; the note must say what its row says; its root must be the
   root of the log's first ``size`` leaves; and the consistency proof from the checkpoint
   before it must verify (nothing was rewritten between the two).

Entries recorded since the last ``expediente checkpoint`` are not in the log yet: they
are counted, not reported as faults.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings

from expediente.docket.models import Event
from expediente.integrity.leaf import entry_leaf_hash
from expediente.integrity.merkle import (
    consistency_path,
    node_hash,
    root,
    verify_consistency,
)
from expediente.integrity.models import Checkpoint, Leaf, Node
from expediente.integrity.notes import NoteError, PublicKey, open_note, parse_body
from expediente.integrity.store import computed

LIMIT = 20  # faults reported per kind; the rest are counted
CHUNK = 5000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Fault:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"log: {self.where}: {self.reason}"


@dataclass
class LogReport:
    size: int = 0
    checkpoints: int = 0
    pending: int = 0
    faults: list[Fault] = field(default_factory=list)
    _kinds: dict[str, int] = field(default_factory=dict)
    more: int = 0  # faults beyond LIMIT of their kind

    def add(self, kind: str, where: str, reason: str) -> None:
        count = self._kinds[kind] = self._kinds.get(kind, 0) + 1
        if count <= LIMIT:
            self.faults.append(Fault(where, reason))
        else:
            self.more += 1


def verify_log(
    *, trusted: list[PublicKey], progress: Callable[[str], Progress | None] | None = None
) -> LogReport:
    report = LogReport()
    report.size = _leaves(report, progress("log entries verified") if progress else None)
    _nodes(report)
    _checkpoints(report, trusted, progress("checkpoints verified") if progress else None)
    report.pending = max(0, Event.objects.count() - Leaf.objects.count())
    return report


def _leaves(report: LogReport, progress: Progress | None) -> int:
    total = Leaf.objects.count()
    rows = (
        Leaf.objects.order_by("position")
        .values_list("position", "hash", "event__case__nuid", "event__seq", "event__hash")
        .iterator(chunk_size=CHUNK)
    )
    expected = 0
    for done, (position, stored, nuid, seq, entry_hash) in enumerate(rows, 1):
        if position != expected:  # positions are unique and read in order: a gap
            report.add(
                "missing leaf",
                f"leaf {expected}",
                f"missing: the log goes from leaf {expected - 1} to leaf {position}"
                if expected
                else f"missing: the log starts at leaf {position}",
            )
        try:
            recomputed = entry_leaf_hash(case=nuid, seq=seq, entry_hash=entry_hash)
        except ValueError:  # a hash that is no hash: the chain check names it too
            recomputed = b""
        if recomputed != bytes(stored):
            report.add(
                "tampered entry",
                f"leaf {position} (case {nuid} seq {seq})",
                "the entry is not the one the log took in: it was changed after it was "
                "recorded (its case's chain may have been recomputed to hide it)",
            )
        expected = position + 1
        if progress and (done % CHUNK == 0 or done == total):
            progress(done, total)
    return expected


def _level(level: int) -> Iterator[tuple[int, bytes]]:
    rows = (
        Leaf.objects.order_by("position").values_list("position", "hash")
        if level == 0
        else Node.objects.filter(level=level).order_by("position").values_list("position", "hash")
    )
    for position, h in rows.iterator(chunk_size=CHUNK):
        yield position, bytes(h)


def _pairs(below: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
    """The parents the level below makes, from the pairs it holds whole."""
    left: tuple[int, bytes] | None = None
    for position, h in below:
        if position % 2 == 0:
            left = (position, h)
        elif left is not None and left[0] == position - 1:
            yield position // 2, node_hash(left[1], h)
            left = None


def _merge(
    computed: Iterator[tuple[int, bytes]], stored: Iterator[tuple[int, bytes]]
) -> Iterator[tuple[int, bytes | None, bytes | None]]:
    """Two position-ordered streams side by side: (position, computed, stored)."""
    want, have = next(computed, None), next(stored, None)
    while want is not None or have is not None:
        if have is None or (want is not None and want[0] < have[0]):
            assert want is not None
            yield want[0], want[1], None
            want = next(computed, None)
        elif want is None or have[0] < want[0]:
            yield have[0], None, have[1]
            have = next(stored, None)
        else:
            yield want[0], want[1], have[1]
            want, have = next(computed, None), next(stored, None)


def _nodes(report: LogReport) -> None:
    level = 1
    while report.size >> level:
        for position, want, have in _merge(_pairs(_level(level - 1)), _level(level)):
            where = f"subtree {level}/{position}"
            if have is None:
                report.add("missing node", where, "missing: proofs need it")
            elif position >= report.size >> level:
                report.add("stray node", where, "beyond the log's size")
            elif want is None:
                report.add("missing node", where, "one of its two children is missing")
            elif want != have:
                report.add(
                    "changed node",
                    where,
                    "its hash is not the hash of its two children: proofs served from it "
                    "would fail",
                )
        level += 1


def _checkpoints(report: LogReport, trusted: list[PublicKey], progress: Progress | None) -> None:
    keys = {k.key_id for k in trusted}
    total = Checkpoint.objects.count()
    previous: Checkpoint | None = None
    for done, cp in enumerate(Checkpoint.objects.order_by("size").iterator(chunk_size=500), 1):
        where = f"checkpoint {cp.size}"
        report.checkpoints += 1
        if _signed(report, cp, where, keys) and cp.size > report.size:
            report.add(
                "missing leaf",
                where,
                f"it signs {cp.size} entries and the log holds {report.size}: "
                "entries were taken out",
            )
        elif cp.size <= report.size:
            _against_log(report, cp, previous, where)
        previous = cp
        if progress and (done % 100 == 0 or done == total):
            progress(done, total)


def _signed(report: LogReport, cp: Checkpoint, where: str, keys: set[str]) -> bool:
    try:
        key = PublicKey(cp.origin, bytes(cp.public_key))
        stated = parse_body(open_note(cp.note, key))
    except NoteError as exc:
        report.add("bad signature", where, f"bad signature: {exc}")
        return False
    if key.key_id not in keys:
        report.add(
            "unknown key",
            where,
            f"signed by {key.key_id}, which is neither this server's key nor one listed "
            f"in {settings.EXPEDIENTE_LOG_RETIRED_KEYS}",
        )
    row = (cp.size, bytes(cp.root), cp.signed_at, cp.origin, cp.key_id)
    note = (stated.size, stated.root, stated.signed_at, stated.origin, key.key_id)
    if row != note:
        report.add("changed checkpoint", where, "its row does not say what its signed note says")
    return True


def _against_log(
    report: LogReport, cp: Checkpoint, previous: Checkpoint | None, where: str
) -> None:
    size = cp.size
    try:
        here = computed(lambda perfect: root(size, perfect))
    except LookupError as exc:
        report.add("missing node", where, str(exc))
        return
    if here != bytes(cp.root):
        report.add(
            "rewritten log",
            where,
            f"the root it signs is not the root of the log's first {size} entries: "
            "the log was changed after it was signed",
        )
    if previous is None or previous.size > report.size:
        return
    if cp.signed_at < previous.signed_at:
        report.add("changed checkpoint", where, f"signed before checkpoint {previous.size}")
    first = previous.size
    path = computed(lambda perfect: consistency_path(first, size, perfect))
    if not verify_consistency(first, size, bytes(previous.root), bytes(cp.root), path):
        report.add(
            "rewritten log",
            where,
            f"not consistent with checkpoint {first}: the log was rewritten between them",
        )
