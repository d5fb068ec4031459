"""The log as published: the JSON documents served under ``/integrity/`` and downloaded
from a receipt, which ``offline.py`` checks. Hashes are lowercase hex; keys and
signatures standard base64, as in the signed notes."""

from __future__ import annotations

from typing import Any

from expediente.integrity.models import Checkpoint
from expediente.integrity.notes import PublicKey, b64, signature_of
from expediente.integrity.proofs import Inclusion

INCLUSION_FORMAT = "expediente-inclusion-proof/1"
CONSISTENCY_FORMAT = "expediente-consistency-proof/1"


def key_json(key: PublicKey, retired: list[PublicKey]) -> dict[str, Any]:
    return {
        "origin": key.name,
        "algorithm": "ed25519",
        "key_id": key.key_id,
        "public_key": b64(key.raw),
        "verifier_key": key.verifier_key,
        "retired": [{"key_id": k.key_id, "verifier_key": k.verifier_key} for k in retired],
    }


def checkpoint_json(checkpoint: Checkpoint) -> dict[str, Any]:
    key = PublicKey(checkpoint.origin, bytes(checkpoint.public_key))
    return {
        "origin": checkpoint.origin,
        "tree_size": checkpoint.size,
        "root_hash": bytes(checkpoint.root).hex(),
        "signed_at": checkpoint.signed_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "key_id": checkpoint.key_id,
        "signature": b64(signature_of(checkpoint.note, key)),
        "note": checkpoint.note,
    }


def inclusion_json(found: Inclusion, *, receipt: str = "") -> dict[str, Any]:
    document: dict[str, Any] = {"format": INCLUSION_FORMAT}
    if receipt:
        document["receipt"] = receipt
    document |= {
        "entry": {"case": found.entry.case, "seq": found.entry.seq, "hash": found.entry.hash},
        "leaf_index": found.position,
        "tree_size": found.checkpoint.size,
        "audit_path": [h.hex() for h in found.path],
        "checkpoint": checkpoint_json(found.checkpoint),
    }
    return document


def consistency_json(first: int, second: int, path: list[bytes]) -> dict[str, Any]:
    return {
        "format": CONSISTENCY_FORMAT,
        "from": first,
        "to": second,
        "path": [h.hex() for h in path],
    }
