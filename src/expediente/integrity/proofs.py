"""What the log can prove (selectors): its checkpoints, an entry's inclusion in the tree a
checkpoint signs, and the consistency of two checkpoints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from expediente.integrity.merkle import consistency_path, inclusion_path
from expediente.integrity.models import Checkpoint, Leaf
from expediente.integrity.store import computed

PAGE = 100


class ProofRefused(ValueError):
    """A proof asked for sizes that cannot be proven; ``field`` names the parameter."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def checkpoint_latest() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-size").first()


def checkpoint_get(size: int) -> Checkpoint | None:
    return Checkpoint.objects.filter(size=size).first()


def checkpoints_after(size: int, limit: int = PAGE) -> list[Checkpoint]:
    return list(Checkpoint.objects.filter(size__gt=size).order_by("size")[:limit])


@dataclass(frozen=True)
class Entry:
    case: str  # national identifier
    seq: int
    hash: str  # the entry's hash in its case's chain


@dataclass(frozen=True)
class Inclusion:
    entry: Entry
    position: int  # the leaf's index in the log
    checkpoint: Checkpoint
    path: list[bytes]


def leaf_of(event_id: int) -> Leaf | None:
    return Leaf.objects.filter(event_id=event_id).select_related("event__case").first()


def inclusion(event_id: int, *, size: int | None = None) -> Inclusion | None:
    """The proof that the entry is in the tree the checkpoint of ``size`` (the latest by
    default) signs; None while no such checkpoint covers it. ``ProofRefused`` for a size
    no checkpoint has, or one signed before the entry entered the log."""
    leaf = leaf_of(event_id)
    checkpoint = checkpoint_latest() if size is None else checkpoint_get(size)
    if size is not None and checkpoint is None:
        raise ProofRefused("size", f"no checkpoint has the size {size}")
    if leaf is None or checkpoint is None or checkpoint.size <= leaf.position:
        if size is not None and leaf is not None:
            raise ProofRefused(
                "size", f"the checkpoint of size {size} was signed before this entry was in it"
            )
        return None
    event = leaf.event
    at, position = checkpoint.size, leaf.position
    return Inclusion(
        entry=Entry(case=event.case.nuid, seq=event.seq, hash=event.hash),
        position=position,
        checkpoint=checkpoint,
        path=computed(lambda perfect: inclusion_path(position, at, perfect)),
    )


def consistency(first: int, second: int) -> list[bytes]:
    """The proof that the checkpoint of size ``first`` is a prefix of the one of
    ``second``; ``ProofRefused`` naming the parameter otherwise."""
    if first < 1:
        raise ProofRefused("from", "from: give a tree size of 1 or more")
    if second < first:
        raise ProofRefused("to", "to: give a tree size no smaller than from")
    if checkpoint_get(second) is None:
        raise ProofRefused("to", f"to: no checkpoint has the size {second}")
    return computed(lambda perfect: consistency_path(first, second, perfect))


@dataclass(frozen=True)
class Standing:
    """Where an entry stands in the log, for a receipt's page."""

    inclusion: Inclusion | None  # covered by the latest checkpoint
    check_again_after: dt.datetime | None  # when not yet: after the next expected signing


def standing(event_id: int, *, now: dt.datetime) -> Standing:
    found = inclusion(event_id)
    if found is not None:
        return Standing(found, None)
    every = settings.EXPEDIENTE_CHECKPOINT_SECONDS
    if not every:  # checkpoints come from cron: no time to give
        return Standing(None, None)
    latest = checkpoint_latest()
    step = dt.timedelta(seconds=every)
    expected = latest.signed_at + step if latest is not None else now + step
    return Standing(None, expected if expected > now else now + step)
