"""Integrity of the record: hash chains now; the Merkle log and checkpoints come later."""
