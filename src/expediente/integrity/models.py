"""The Merkle log of every docket entry and its signed checkpoints (DESIGN principle 6).

Three append-only tables (database triggers refuse UPDATE and DELETE, on SQLite and
PostgreSQL alike, as on the event log: migration ``integrity/0001_initial``):

- ``Leaf``: one per docket entry, at its position in the log (the log's own order:
  entries are taken in after they are recorded, not when: by the worker's quick pass
  every ``EXPEDIENTE_FEED_SECONDS``, unsigned until the next checkpoint, and by the
  full pass of each checkpoint, ``expediente checkpoint`` or the worker's, which also
  takes in an entry that committed late);
- ``Node``: every complete perfect subtree of two or more leaves, so that a root, an
  audit path or a consistency proof reads a few dozen rows, not the whole log;
- ``Checkpoint``: a signed statement of the log's size and root at a moment, kept as
  the signed note itself (``notes.py``) beside the fields read from it.

None of this is written by ``event_record``: the append path is unchanged.
"""

from __future__ import annotations

from django.db import models

from expediente.docket.models import Event


class Leaf(models.Model):
    position = models.BigIntegerField(primary_key=True)  # from 0, no gaps
    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="+")
    hash = models.BinaryField(max_length=32)  # merkle.leaf_hash(leaf.leaf_data(...))

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"leaf {self.position}"


class Node(models.Model):
    """The hash of leaves [position << level, (position + 1) << level), level >= 1."""

    level = models.PositiveSmallIntegerField()
    position = models.BigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "position"], name="node_per_place"),
        ]

    def __str__(self) -> str:
        return f"node {self.level}/{self.position}"


class Checkpoint(models.Model):
    size = models.BigIntegerField(primary_key=True)  # the tree size it signs
    root = models.BinaryField(max_length=32)
    signed_at = models.DateTimeField()  # whole seconds, as in the note
    origin = models.CharField(max_length=200)
    key_id = models.CharField(max_length=220)  # notes.PublicKey.key_id
    public_key = models.BinaryField(max_length=32)
    note = models.TextField()  # the signed note, exactly as signed

    class Meta:
        ordering = ["size"]

    def __str__(self) -> str:
        return f"checkpoint {self.size}"
