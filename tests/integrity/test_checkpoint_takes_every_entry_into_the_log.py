"""`expediente checkpoint` takes every docket entry into the Merkle log and signs the
tree: the log holds each entry once, at the next position, its root is the RFC's root
of the entries' leaves, and the signed note opens with the server's key. Recording an
entry writes nothing to the log (the append path is unchanged); a log that did not grow
gets no new checkpoint; the next one extends the last."""

from __future__ import annotations

from expediente.docket.models import Event
from expediente.integrity.keys import signer
from expediente.integrity.leaf import entry_leaf_hash
from expediente.integrity.merkle import reference_root, verify_consistency
from expediente.integrity.models import Checkpoint, Leaf, Node
from expediente.integrity.notes import open_note, parse_body
from expediente.integrity.proofs import consistency


def _leaves_of_the_docket() -> list[bytes]:
    return [
        entry_leaf_hash(case=nuid, seq=seq, entry_hash=h)
        for nuid, seq, h in Event.objects.order_by("pk").values_list("case__nuid", "seq", "hash")
    ]


def test_recording_an_entry_writes_nothing_to_the_log(docket):
    assert Event.objects.count() == 7
    assert not Leaf.objects.exists()
    assert not Checkpoint.objects.exists()


def test_every_entry_is_taken_in_and_the_tree_is_signed(docket, checkpoint):
    out = checkpoint()
    assert "7 entries taken into the log" in out
    assert "checkpoint 7 signed" in out
    assert list(Leaf.objects.values_list("position", flat=True)) == list(range(7))
    assert set(Leaf.objects.values_list("event_id", flat=True)) == set(
        Event.objects.values_list("pk", flat=True)
    )
    assert Node.objects.count() == 3 + 1  # 7 leaves: three pairs and one subtree of four
    cp = Checkpoint.objects.get()
    assert bytes(cp.root) == reference_root(_leaves_of_the_docket())
    body = parse_body(open_note(cp.note, signer().public))
    assert (body.size, body.root, body.origin) == (7, bytes(cp.root), "expediente.localhost/log")
    assert cp.key_id == signer().public.key_id


def test_a_log_that_did_not_grow_gets_no_new_checkpoint(docket, checkpoint):
    checkpoint()
    out = checkpoint()
    assert "0 entries taken into the log" in out
    assert "no new checkpoint" in out
    assert Checkpoint.objects.count() == 1


def test_the_next_checkpoint_extends_the_last(docket, checkpoint, record):
    checkpoint()
    record(docket[1], "note.added", {"text": "Una nota más"})
    record(docket[0], "note.added", {"text": "Y otra"})
    checkpoint()
    first, second = Checkpoint.objects.order_by("size")
    assert (first.size, second.size) == (7, 9)
    assert bytes(second.root) == reference_root(_leaves_of_the_docket())
    assert verify_consistency(7, 9, bytes(first.root), bytes(second.root), consistency(7, 9))
    assert second.signed_at >= first.signed_at
