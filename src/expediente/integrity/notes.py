"""Signed checkpoints: C2SP ``tlog-checkpoint`` bodies in C2SP ``signed-note`` envelopes,
signed with Ed25519. Pure Python (and ``cryptography``), no Django: an auditor can run it
offline, and Go's ``golang.org/x/mod/sumdb/note`` reads the same notes.

A checkpoint's body is four lines, each ending in a newline::

    expediente.example/log          the log's origin (also the signing key's name)
    1234                            the tree size: how many entries the log holds
    3Cz0g5m...=                     the root hash, standard base64
    time 2026-03-02T15:00:00Z       when it was signed (UTC, whole seconds)

The fourth line is a C2SP extension line (the format allows them; a tool that does not
know it skips it). The signed note is the body, an empty line, and one signature line:
an em dash (U+2014), a space, the key name, a space, and base64 of the key's 4-byte id
followed by the 64-byte Ed25519 signature of the body's bytes. The key id is the first
four bytes of SHA-256(name || 0x0A || 0x01 || public key); a key is published as
``name+<id in hex>+<base64(0x01 || public key)>`` (the "verifier key" of signed-note).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from expediente.integrity.merkle import HASH_SIZE

ED25519 = 0x01
SIGNATURE_DASH = "\u2014 "
_TIME = "%Y-%m-%dT%H:%M:%SZ"
_SIZE = re.compile(r"0|[1-9][0-9]{0,18}")


class NoteError(ValueError):
    """A note or a key that cannot be read, or a signature that does not verify."""


def check_name(name: str) -> str:
    """A key name (and a log origin): printable, without spaces or "+"."""
    if not name or not name.isprintable() or any(c.isspace() or c == "+" for c in name):
        raise NoteError(f"a log's name must be printable text without spaces or '+', not {name!r}")
    return name


def b64(data: bytes) -> str:
    """Standard base64 with padding, as signed notes and the published JSON write keys."""
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, what: str) -> bytes:
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise NoteError(f"{what} is not base64") from None
    if b64(data) != text:
        raise NoteError(f"{what} is not base64 in its one canonical form")
    return data


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    signed_at: dt.datetime  # UTC, whole seconds

    def body(self) -> str:
        check_name(self.origin)
        if len(self.root) != HASH_SIZE:
            raise NoteError("a root hash has 32 bytes")
        when = self.signed_at.astimezone(dt.UTC).strftime(_TIME)
        return f"{self.origin}\n{self.size}\n{b64(self.root)}\ntime {when}\n"


def parse_body(text: str) -> Checkpoint:
    """The checkpoint a body states, read strictly (the format ``Checkpoint.body`` writes)."""
    lines = text.split("\n")
    if len(lines) != 5 or lines[4] != "":
        raise NoteError("a checkpoint has four lines, each ending in a newline")
    origin, size, root_b64, when = lines[:4]
    check_name(origin)
    if not _SIZE.fullmatch(size):
        raise NoteError("the second line of a checkpoint is its tree size, a whole number")
    root = _unb64(root_b64, "the checkpoint's root hash")
    if len(root) != HASH_SIZE:
        raise NoteError("a root hash has 32 bytes")
    if not when.startswith("time "):
        raise NoteError("the fourth line of a checkpoint is 'time ' and when it was signed")
    try:
        signed_at = dt.datetime.strptime(when[5:], _TIME).replace(tzinfo=dt.UTC)
    except ValueError:
        raise NoteError("a checkpoint's time is written YYYY-MM-DDTHH:MM:SSZ") from None
    parsed = Checkpoint(origin, int(size), root, signed_at)
    if parsed.body() != text:
        raise NoteError("the checkpoint is not written in its one canonical form")
    return parsed


@dataclass(frozen=True)
class PublicKey:
    name: str
    raw: bytes  # the 32 bytes of the Ed25519 public key

    def __post_init__(self) -> None:
        check_name(self.name)
        if len(self.raw) != 32:
            raise NoteError("an Ed25519 public key has 32 bytes")

    @property
    def key_hash(self) -> int:
        digest = hashlib.sha256(self.name.encode() + b"\n" + bytes([ED25519]) + self.raw).digest()
        return int.from_bytes(digest[:4], "big")

    @property
    def key_id(self) -> str:
        """How pages and JSON name the key: ``name+<key hash in hex>``."""
        return f"{self.name}+{self.key_hash:08x}"

    @property
    def verifier_key(self) -> str:
        return f"{self.key_id}+{b64(bytes([ED25519]) + self.raw)}"

    @classmethod
    def from_verifier_key(cls, text: str) -> PublicKey:
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise NoteError("a verifier key reads name+hash+key")
        name, hash_hex, key_b64 = parts
        data = _unb64(key_b64, "the verifier key's key")
        if len(data) != 33 or data[0] != ED25519:
            raise NoteError("the verifier key is not an Ed25519 key")
        key = cls(name, data[1:])
        if hash_hex != f"{key.key_hash:08x}":
            raise NoteError("the verifier key's hash does not match its name and key")
        return key

    @classmethod
    def of(cls, name: str, private: Ed25519PrivateKey) -> PublicKey:
        raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return cls(name, raw)

    def verifies(self, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, message)
        except InvalidSignature:
            return False
        return True


def sign(body: str, name: str, private: Ed25519PrivateKey) -> tuple[str, bytes]:
    """The signed note of ``body``, and its signature."""
    key = PublicKey.of(name, private)
    signature = private.sign(body.encode("utf-8"))
    line = f"{SIGNATURE_DASH}{name} {b64(key.key_hash.to_bytes(4, 'big') + signature)}\n"
    return f"{body}\n{line}", signature


def _split(note: str) -> tuple[str, list[tuple[str, int, bytes]]]:
    """A note's body and its signatures as (key name, key hash, signature)."""
    cut = note.rfind("\n\n")
    if cut < 0 or not note.endswith("\n"):
        raise NoteError("a signed note is a text, an empty line and signature lines")
    body, lines = note[: cut + 1], note[cut + 2 :].split("\n")[:-1]
    if not lines:
        raise NoteError("the note has no signature")
    signatures = []
    for line in lines:
        if not line.startswith(SIGNATURE_DASH):
            raise NoteError("a signature line starts with an em dash and a space")
        name, _, encoded = line[len(SIGNATURE_DASH) :].partition(" ")
        data = _unb64(encoded, "a signature")
        if len(data) < 5:
            raise NoteError("a signature is a key hash and the signature's bytes")
        signatures.append((name, int.from_bytes(data[:4], "big"), data[4:]))
    return body, signatures


def open_note(note: str, key: PublicKey) -> str:
    """The body of ``note`` once ``key``'s signature on it verifies; NoteError otherwise.
    Signature lines of other keys are skipped (a witness may have added its own)."""
    body, signatures = _split(note)
    for name, key_hash, signature in signatures:
        if name != key.name or key_hash != key.key_hash:
            continue
        if not key.verifies(body.encode("utf-8"), signature):
            raise NoteError(f"the signature of {key.key_id} does not verify")
        return body
    raise NoteError(f"the note is not signed by {key.key_id}")


def signature_of(note: str, key: PublicKey) -> bytes:
    """``key``'s signature in ``note``, unchecked (``open_note`` checks it)."""
    for name, key_hash, signature in _split(note)[1]:
        if name == key.name and key_hash == key.key_hash:
            return signature
    raise NoteError(f"the note is not signed by {key.key_id}")
