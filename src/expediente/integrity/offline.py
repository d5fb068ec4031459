"""Check a downloaded proof against a saved checkpoint and public key, offline. No
Django, no database, no network: what an auditor, a lawyer or a witness runs on their
own machine (``cryptography`` is the one package it needs)::

    python -m expediente.integrity.offline receipt proof.json --key key.json \\
        [--checkpoint checkpoint.json] [--fingerprint 3f2a9c01b7e4]
    python -m expediente.integrity.offline consistency proof.json --key key.json \\
        --older checkpoint-1200.json --newer checkpoint-1234.json

``key.json`` is what ``/integrity/key`` gave (or a file holding the verifier key line);
a checkpoint is what ``/integrity/checkpoints/<size>`` gave (or its signed note, as
``/integrity/checkpoint`` gives it). Without ``--checkpoint`` the one inside the proof
is checked, which proves the entry is in what the server signed; with a checkpoint
saved earlier, or kept by someone else, it proves the server showed them the same log.
Exit status 0 when everything holds, 1 naming what does not.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from expediente.integrity.leaf import entry_leaf_hash
from expediente.integrity.merkle import verify_consistency, verify_inclusion
from expediente.integrity.notes import Checkpoint, NoteError, PublicKey, open_note, parse_body


class CheckFailed(Exception):
    """What does not hold, in a sentence."""


@dataclass(frozen=True)
class Included:
    case: str
    seq: int
    entry_hash: str
    checkpoint: Checkpoint
    key_id: str

    def __str__(self) -> str:
        when = self.checkpoint.signed_at.strftime("%Y-%m-%d %H:%M UTC")
        return (
            f"entry {self.seq} of case {self.case} (hash {self.entry_hash}) is in the log "
            f"{self.checkpoint.origin} as of its checkpoint of {self.checkpoint.size} entries, "
            f"signed {when} by {self.key_id}"
        )


def load_key(text: str) -> PublicKey:
    """A key from ``/integrity/key``'s JSON, or a verifier key line."""
    text = text.strip()
    try:
        if text.startswith("{"):
            return PublicKey.from_verifier_key(str(json.loads(text)["verifier_key"]))
        return PublicKey.from_verifier_key(text)
    except (ValueError, KeyError, TypeError, NoteError) as exc:
        raise CheckFailed(f"the key cannot be read: {exc}") from None


def load_note(text: str) -> str:
    """A checkpoint's signed note, from its JSON or as the note itself."""
    if text.lstrip().startswith("{"):
        try:
            return str(json.loads(text)["note"])
        except (ValueError, KeyError, TypeError) as exc:
            raise CheckFailed(f"the checkpoint cannot be read: {exc}") from None
    return text


def open_checkpoint(note: str, key: PublicKey) -> Checkpoint:
    try:
        return parse_body(open_note(note, key))
    except NoteError as exc:
        raise CheckFailed(f"checkpoint: {exc}") from None


def _hashes(values: Any, what: str) -> list[bytes]:
    try:
        hashes = [bytes.fromhex(v) for v in values]
    except (TypeError, ValueError):
        raise CheckFailed(f"{what}: a list of hashes in hexadecimal") from None
    if any(len(h) != 32 for h in hashes):
        raise CheckFailed(f"{what}: each hash has 64 hexadecimal digits")
    return hashes


def check_inclusion(
    proof: dict[str, Any], *, key: PublicKey, note: str | None = None, fingerprint: str = ""
) -> Included:
    """That the proof's entry is in the tree the checkpoint signs (the proof's own, or
    ``note``), signed by ``key``; and, given a receipt's fingerprint, that it is the
    start of the entry's hash. Raises CheckFailed naming what does not hold."""
    try:
        entry = proof["entry"]
        case, seq, entry_hash = str(entry["case"]), int(entry["seq"]), str(entry["hash"])
        index, size = int(proof["leaf_index"]), int(proof["tree_size"])
        path = _hashes(proof["audit_path"], "audit_path")
        signed = note if note is not None else str(proof["checkpoint"]["note"])
    except (KeyError, TypeError, ValueError) as exc:
        raise CheckFailed(
            f"the proof is not an inclusion proof: {exc!r} is missing or wrong"
        ) from None
    checkpoint = open_checkpoint(signed, key)
    if checkpoint.size != size:
        raise CheckFailed(
            f"the proof is for the tree of {size} entries and the checkpoint signs "
            f"{checkpoint.size}: download the proof at that size (?size={checkpoint.size})"
        )
    if fingerprint and not entry_hash.startswith(fingerprint.strip().lower()):
        raise CheckFailed(
            f"the receipt's fingerprint {fingerprint} is not the start of the entry's hash "
            f"{entry_hash}"
        )
    try:
        leaf = entry_leaf_hash(case=case, seq=seq, entry_hash=entry_hash)
    except ValueError as exc:
        raise CheckFailed(f"entry: {exc}") from None
    if not verify_inclusion(leaf, index, size, path, checkpoint.root):
        raise CheckFailed(
            f"the audit path does not lead from entry {seq} of case {case} to the root the "
            f"checkpoint of {size} entries signs: the proof or the log was changed"
        )
    return Included(case, seq, entry_hash, checkpoint, key.key_id)


def check_consistency(
    proof: dict[str, Any], *, key: PublicKey, older: str, newer: str
) -> tuple[Checkpoint, Checkpoint]:
    """That the log signed in ``newer`` extends the one signed in ``older``: nothing in
    the older was changed or taken out."""
    first, second = open_checkpoint(older, key), open_checkpoint(newer, key)
    if first.origin != second.origin:
        raise CheckFailed("the two checkpoints are of different logs")
    try:
        sizes = (int(proof["from"]), int(proof["to"]))
        path = _hashes(proof["path"], "path")
    except (KeyError, TypeError, ValueError) as exc:
        raise CheckFailed(
            f"the proof is not a consistency proof: {exc!r} is missing or wrong"
        ) from None
    if sizes != (first.size, second.size):
        raise CheckFailed(
            f"the proof is from {sizes[0]} to {sizes[1]} entries, the checkpoints sign "
            f"{first.size} and {second.size}"
        )
    if not verify_consistency(first.size, second.size, first.root, second.root, path):
        raise CheckFailed(
            f"the log of {second.size} entries does not extend the log of {first.size} "
            "entries: it was rewritten"
        )
    return first, second


def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m expediente.integrity.offline")
    commands = parser.add_subparsers(dest="command", required=True)
    receipt = commands.add_parser("receipt", help="check an entry's inclusion proof")
    receipt.add_argument("proof")
    receipt.add_argument("--key", required=True)
    receipt.add_argument("--checkpoint", help="a checkpoint saved earlier, of the same size")
    receipt.add_argument("--fingerprint", default="", help="the receipt's record fingerprint")
    between = commands.add_parser("consistency", help="check that a log extends another")
    between.add_argument("proof")
    between.add_argument("--key", required=True)
    between.add_argument("--older", required=True)
    between.add_argument("--newer", required=True)
    args = parser.parse_args(argv)
    try:
        key = load_key(_read(args.key))
        proof = json.loads(_read(args.proof))
        if args.command == "receipt":
            note = load_note(_read(args.checkpoint)) if args.checkpoint else None
            print(f"ok: {check_inclusion(proof, key=key, note=note, fingerprint=args.fingerprint)}")
        else:
            older = load_note(_read(args.older))
            first, second = check_consistency(
                proof, key=key, older=older, newer=load_note(_read(args.newer))
            )
            print(f"ok: the log of {second.size} entries extends the log of {first.size}")
    except (CheckFailed, OSError, ValueError) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
