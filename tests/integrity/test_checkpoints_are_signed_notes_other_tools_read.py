"""Checkpoints are C2SP signed notes: the key hash, the verifier key and the signature
line are those of Go's golang.org/x/mod/sumdb/note, checked against its published
example (Ed25519 is deterministic, so signing its text with its key gives its note byte
for byte). A checkpoint's body reads back exactly; a changed body, key or signature
does not verify."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expediente.integrity.notes import (
    Checkpoint,
    NoteError,
    PublicKey,
    open_note,
    parse_body,
    sign,
)

SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
NOTE = (
    TEXT + "\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqd"
    "ngotpRZb6KE6RyyBwJnAM=\n"
)


def _go_private_key() -> Ed25519PrivateKey:
    seed = base64.b64decode(SIGNER.split("+", 4)[4])[1:]
    return Ed25519PrivateKey.from_private_bytes(seed)


def test_go_s_example_key_and_note_are_read_and_reproduced():
    key = PublicKey.from_verifier_key(VERIFIER)
    assert key.name == "PeterNeumann"
    assert key.key_id == "PeterNeumann+c74f20a3"
    assert key.verifier_key == VERIFIER
    assert open_note(NOTE, key) == TEXT
    note, _signature = sign(TEXT, "PeterNeumann", _go_private_key())
    assert note == NOTE


def test_a_changed_text_or_another_key_does_not_verify():
    key = PublicKey.from_verifier_key(VERIFIER)
    with pytest.raises(NoteError, match="does not verify"):
        open_note(NOTE.replace("answer", "question"), key)
    other = PublicKey.of("PeterNeumann", Ed25519PrivateKey.generate())
    with pytest.raises(NoteError, match="not signed by"):
        open_note(NOTE, other)
    with pytest.raises(NoteError):
        PublicKey.from_verifier_key(VERIFIER.replace("c74f20a3", "c74f20a4"))


def test_a_checkpoint_body_reads_back_and_is_refused_when_not_canonical():
    head = Checkpoint(
        "courts.example/log", 1234, bytes(range(32)), dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
    )
    body = head.body()
    assert body == (
        "courts.example/log\n1234\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"
        "time 2026-03-02T15:00:00Z\n"
    )
    assert parse_body(body) == head
    for bad in (
        body.replace("1234", "01234"),
        body.replace("time ", "at "),
        body[:-1],
        body + "extra\n",
        body.replace("courts.example/log", "courts example"),
    ):
        with pytest.raises(NoteError):
            parse_body(bad)


def test_a_signed_checkpoint_opens_with_its_key_only():
    private = Ed25519PrivateKey.generate()
    head = Checkpoint("courts.example/log", 7, bytes(32), dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    note, signature = sign(head.body(), "courts.example/log", private)
    key = PublicKey.of("courts.example/log", private)
    assert len(signature) == 64
    assert parse_body(open_note(note, key)) == head
    forged = note.replace("\n7\n", "\n8\n")
    with pytest.raises(NoteError, match="does not verify"):
        open_note(forged, key)


def test_any_key_reads_back_from_its_verifier_key():
    # base64 keys often hold a "+", the verifier key's own separator (found the hard way)
    for _ in range(64):
        key = PublicKey.of("courts.example/log", Ed25519PrivateKey.generate())
        assert PublicKey.from_verifier_key(key.verifier_key) == key
