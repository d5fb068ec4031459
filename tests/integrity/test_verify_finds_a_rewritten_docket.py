"""Before the log, an operator who changed an entry and recomputed its case's chain
passed `expediente verify`. Now verify recomputes the log from the entries and checks
every checkpoint: that forger is named (the leaf, its case and entry), and so is each
other way of rewriting the record behind the application's back: a leaf taken out, a
stored subtree changed, a checkpoint whose signature or key is not ours, a log rebuilt
from the changed entries under checkpoints signed before. Exit status 1 each time."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expediente.docket.models import Event
from expediente.integrity.leaf import entry_leaf_hash
from expediente.integrity.merkle import append
from expediente.integrity.models import Checkpoint, Leaf, Node
from expediente.integrity.notes import PublicKey, sign
from tests.integrity.conftest import rewrite

FORGED = {"text": "Nota cambiada después"}


@pytest.fixture
def signed(docket, checkpoint, record):
    """The docket in the log, under two checkpoints (7 and 8 entries)."""
    checkpoint()
    record(docket[1], "note.added", {"text": "Otra nota"})
    checkpoint()
    return docket


def test_a_clean_log_verifies(signed, verify):
    result = verify()
    assert result.error is None
    assert result.stdout.splitlines()[1:] == [
        "ok: the log holds 8 entries and its 2 checkpoint(s) verify: signed by our key, each "
        "with the log's root at its size and extending the one before"
    ]


def test_an_entry_rewritten_with_its_chain_recomputed_is_named(signed, tamper, verify):
    case = signed[0]
    with tamper():
        rewrite(case, 5, FORGED)
    leaf = Leaf.objects.get(event__case=case, event__seq=5).position
    result = verify()
    assert result.error is not None
    assert not [line for line in result.broken if "seq" in line and "log:" not in line]
    assert result.broken == [
        f"BROKEN log: leaf {leaf} (case {case.nuid} seq 5): the entry is not the one the log "
        "took in: it was changed after it was recorded (its case's chain may have been "
        "recomputed to hide it)"
    ]


def test_a_leaf_taken_out_is_named(signed, tamper, verify):
    with tamper("integrity_leaf"):
        Leaf.objects.filter(position=3).delete()
    result = verify()
    assert result.error is not None
    assert "BROKEN log: leaf 3: missing: the log goes from leaf 2 to leaf 4" in result.broken


def test_the_last_leaves_taken_out_are_named_by_the_checkpoints(signed, tamper, verify):
    with tamper("integrity_leaf"):
        Leaf.objects.filter(position=7).delete()
    result = verify()
    assert (
        "BROKEN log: checkpoint 8: it signs 8 entries and the log holds 7: entries were "
        "taken out" in result.broken
    )


def test_a_changed_subtree_is_named(signed, tamper, verify):
    with tamper("integrity_node"):
        Node.objects.filter(level=2, position=0).update(hash=bytes(32))
    result = verify()
    assert result.error is not None
    assert (
        "BROKEN log: subtree 2/0: its hash is not the hash of its two children: proofs "
        "served from it would fail" in result.broken
    )


def test_a_bad_signature_is_named(signed, tamper, verify):
    cp = Checkpoint.objects.get(size=7)
    forged = cp.note.replace("\n7\n", "\n6\n")
    with tamper("integrity_checkpoint"):
        Checkpoint.objects.filter(size=7).update(note=forged)
    result = verify()
    assert result.error is not None
    assert any(
        line.startswith("BROKEN log: checkpoint 7: bad signature: the signature of")
        for line in result.broken
    )


def test_a_checkpoint_signed_by_another_key_is_named(signed, tamper, verify):
    other = Ed25519PrivateKey.generate()
    cp = Checkpoint.objects.get(size=8)
    body = cp.note[: cp.note.rfind("\n\n") + 1]
    note, _ = sign(body, cp.origin, other)
    key = PublicKey.of(cp.origin, other)
    with tamper("integrity_checkpoint"):
        Checkpoint.objects.filter(size=8).update(note=note, public_key=key.raw, key_id=key.key_id)
    result = verify()
    assert result.error is not None
    assert any(
        line.startswith(f"BROKEN log: checkpoint 8: signed by {key.key_id}, which is neither")
        for line in result.broken
    )


def test_a_retired_key_listed_by_the_operator_is_accepted(
    signed, tamper, verify, settings, tmp_path
):
    other = Ed25519PrivateKey.generate()
    cp = Checkpoint.objects.get(size=8)
    note, _ = sign(cp.note[: cp.note.rfind("\n\n") + 1], cp.origin, other)
    key = PublicKey.of(cp.origin, other)
    with tamper("integrity_checkpoint"):
        Checkpoint.objects.filter(size=8).update(note=note, public_key=key.raw, key_id=key.key_id)
    assert verify().error is not None
    settings.EXPEDIENTE_LOG_RETIRED_KEYS = tmp_path / "retired-keys.txt"
    settings.EXPEDIENTE_LOG_RETIRED_KEYS.write_text(f"# the key of 2025\n{key.verifier_key}\n")
    assert verify().error is None


def test_a_log_rebuilt_from_changed_entries_fails_the_checkpoints_signed_before(
    signed, tamper, verify
):
    """The forger rewrites an entry, its chain, and the whole log (leaves and subtrees)
    so that the log agrees with the changed docket: the checkpoints signed before, which
    witnesses keep copies of, no longer agree."""
    case = signed[0]
    with tamper():
        rewrite(case, 5, FORGED)
    rows = Event.objects.order_by("pk").values_list("pk", "case__nuid", "seq", "hash")
    hashes = [entry_leaf_hash(case=c, seq=s, entry_hash=h) for _, c, s, h in rows]
    _size, _front, made = append(0, [], hashes)
    with tamper("integrity_leaf", "integrity_node"):
        for position, h in enumerate(hashes):
            Leaf.objects.filter(position=position).update(hash=h)
        for level, position, h in made:
            Node.objects.filter(level=level, position=position).update(hash=h)
    result = verify()
    assert result.error is not None
    assert [line for line in result.broken if "the root it signs" in line] == [
        f"BROKEN log: checkpoint {size}: the root it signs is not the root of the log's "
        f"first {size} entries: the log was changed after it was signed"
        for size in (7, 8)
    ]
