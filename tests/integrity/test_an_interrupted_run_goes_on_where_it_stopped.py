"""A run writes the log in batches, each one transaction: stopped after a batch (Ctrl-C,
SIGTERM, the worker's turn running out), it leaves whole batches and signs nothing;
running it again goes on and ends with the same tree as one run in one go."""

from __future__ import annotations

from django.utils import timezone

from expediente.docket.models import Event
from expediente.integrity.leaf import entry_leaf_hash
from expediente.integrity.log import checkpoint_run, log_append
from expediente.integrity.merkle import reference_root
from expediente.integrity.models import Checkpoint, Leaf


def test_a_stopped_run_leaves_whole_batches_and_the_next_one_finishes(docket):
    batches = []

    def stop_after_two() -> bool:
        return len(batches) >= 2

    first = log_append(batch=2, stop=stop_after_two, progress=lambda done, _: batches.append(done))
    assert (first.appended, first.complete) == (4, False)
    assert Leaf.objects.count() == 4
    assert not Checkpoint.objects.exists()

    again = checkpoint_run(now=timezone.now)
    assert (again.appended, again.complete) == (3, True)
    leaves = [
        entry_leaf_hash(case=nuid, seq=seq, entry_hash=h)
        for nuid, seq, h in Event.objects.order_by("pk").values_list("case__nuid", "seq", "hash")
    ]
    assert again.checkpoint is not None
    assert bytes(again.checkpoint.root) == reference_root(leaves)


def test_a_stopped_run_signs_no_checkpoint(docket):
    run = checkpoint_run(now=timezone.now, stop=lambda: True)
    assert run.checkpoint is None
    assert not Checkpoint.objects.exists()
