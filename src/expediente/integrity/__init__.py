"""Integrity of the record (DESIGN principle 6): the record can be proven.

- ``chain.py`` (pure): each case's entries form a hash chain; ``verify.py`` checks them.
- ``merkle.py`` (pure): the RFC 9162 Merkle tree, its audit paths and consistency
  proofs; ``leaf.py`` (pure): the bytes an entry puts in the log; ``notes.py`` (pure,
  with ``cryptography``): checkpoints as C2SP signed notes, Ed25519.
- ``log.py``: every entry is taken into an append-only Merkle log (``models.py``), off
  the append path, by ``expediente checkpoint`` and the worker, which sign a checkpoint
  with the key of ``keys.py``; ``proofs.py`` and ``views.py`` publish the key, the
  checkpoints and the proofs at ``/integrity/``.
- ``verify_log.py``: ``expediente verify`` recomputes the log from the entries and
  checks every checkpoint; ``receipts.py``: ``verify --receipt``; ``offline.py`` (pure):
  an auditor's check of a downloaded proof against a saved checkpoint and key.

docs/integrity.md says what this proves, what it does not, and how to check it.
"""
