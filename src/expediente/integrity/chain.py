"""Per-case hash chains. Pure Python, no Django: an auditor can run it offline.

Each event's hash is SHA-256 over a canonical serialisation of its fields and the hash
of the event before it in the same case, so rewriting any event breaks every link after
it. The canonical form is JSON with sorted keys, no insignificant whitespace, UTF-8, and
timestamps in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``. A correction recorded with its
reason carries it under ``reason``; an entry without one (every entry that is not a
correction, and the corrections recorded before reasons were asked for) has no such key,
so its hash is the one it was recorded with. Likewise the warnings its recorder confirmed
(an order past the legal maximum: ``custody/confirmations.py``), under ``confirmed`` as a
sorted list, only on an entry that needed one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
HASH_VERSION = 1


def timestamp(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("timestamps in the chain must be timezone-aware")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


@dataclass(frozen=True)
class ChainedEvent:
    """The fields of an event that its hash covers."""

    case: str  # the case's national unique identifier
    seq: int
    type: str
    schema_version: int
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    actor: str
    payload: Mapping[str, Any]
    corrects: int | None
    prev_hash: str
    # why a correction was made; None (and then absent from the canonical form, so every
    # entry recorded before reasons keeps its hash) for an entry without one
    reason: str | None = None
    # the warnings confirmed that the entry needed; empty (absent from the canonical form,
    # so every other entry keeps its hash) for an entry that needed none
    confirmed: tuple[str, ...] = ()

    def canonical(self) -> bytes:
        fields: dict[str, Any] = {
            "v": HASH_VERSION,
            "case": self.case,
            "seq": self.seq,
            "type": self.type,
            "schema_version": self.schema_version,
            "occurred_at": timestamp(self.occurred_at),
            "recorded_at": timestamp(self.recorded_at),
            "actor": self.actor,
            "payload": self.payload,
            "corrects": self.corrects,
            "prev_hash": self.prev_hash,
        }
        if self.reason is not None:
            fields["reason"] = self.reason
        if self.confirmed:
            fields["confirmed"] = sorted(self.confirmed, key=str)  # str: a forged value too
        return canonical_json(fields)

    def hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


@dataclass(frozen=True)
class Break:
    case: str
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"case {self.case} seq {self.seq}: {self.reason}"


def verify_chain(events: Iterable[tuple[ChainedEvent, str]]) -> Break | None:
    """Check one case's events, in seq order, each with its stored hash.

    Returns the first broken link, or None when the chain holds."""
    expected_prev = GENESIS
    expected_seq = 1
    for event, stored_hash in events:
        if event.seq != expected_seq:
            return Break(event.case, event.seq, f"sequence gap: expected seq {expected_seq}")
        if event.prev_hash != expected_prev:
            return Break(event.case, event.seq, "prev_hash does not match the previous event")
        actual = event.hash()
        if actual != stored_hash:
            return Break(event.case, event.seq, "stored hash does not match the event's content")
        expected_prev = stored_hash
        expected_seq += 1
    return None
