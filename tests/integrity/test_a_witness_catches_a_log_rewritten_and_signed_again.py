"""What the server alone cannot prove: an operator who holds the signing key can rewrite
an entry, its chain, the whole log and every checkpoint, and `expediente verify` on that
server passes. Whoever kept a copy of an earlier checkpoint (a witness) catches it: the
server can no longer prove that its log extends the checkpoint they hold."""

from __future__ import annotations

import pytest

from expediente.docket.models import Event
from expediente.integrity.keys import signer
from expediente.integrity.leaf import entry_leaf_hash
from expediente.integrity.merkle import append, root_from_frontier
from expediente.integrity.models import Checkpoint, Leaf, Node
from expediente.integrity.notes import Checkpoint as Head
from expediente.integrity.notes import sign
from expediente.integrity.offline import CheckFailed, check_consistency
from tests.integrity.conftest import rewrite


def test_a_saved_checkpoint_exposes_a_rewritten_and_re_signed_log(
    docket, checkpoint, record, client, tamper, verify
):
    checkpoint()
    witness = client.get("/integrity/checkpoints/7").json()["note"]  # kept elsewhere
    with tamper():
        rewrite(docket[0], 5, {"text": "Nota cambiada después"})
    rows = Event.objects.order_by("pk").values_list("case__nuid", "seq", "hash")
    hashes = [entry_leaf_hash(case=c, seq=s, entry_hash=h) for c, s, h in rows]
    _size, frontier, made = append(0, [], hashes)
    key = signer()
    cp = Checkpoint.objects.get(size=7)
    head = Head(cp.origin, 7, root_from_frontier(frontier), cp.signed_at)
    note, _ = sign(head.body(), key.origin, key.private)
    with tamper("integrity_leaf", "integrity_node", "integrity_checkpoint"):
        for position, h in enumerate(hashes):
            Leaf.objects.filter(position=position).update(hash=h)
        for level, position, h in made:
            Node.objects.filter(level=level, position=position).update(hash=h)
        Checkpoint.objects.filter(size=7).update(root=head.root, note=note)
    assert verify().error is None  # the server, on its own, cannot tell

    record(docket[1], "note.added", {"text": "La vida sigue"})
    checkpoint()
    newer = client.get("/integrity/checkpoints/latest").json()["note"]
    proof = client.get("/integrity/consistency?from=7&to=8").json()
    with pytest.raises(CheckFailed, match="does not extend the log of 7 entries"):
        check_consistency(proof, key=key.public, older=witness, newer=newer)
    # against the server's own (re-signed) checkpoint 7 the same proof holds: only the
    # copy kept outside shows the rewrite
    assert check_consistency(proof, key=key.public, older=note, newer=newer)
