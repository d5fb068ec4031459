"""`expediente verify --receipt NUMBER` follows one petition's receipt from its printed
fingerprint to its entry, its leaf and a signed checkpoint, and writes the inclusion
proof; the offline checker (no Django, no database) accepts that proof with the
published key, and refuses it with another key, another checkpoint, a changed path or
a fingerprint that is not the receipt's."""

from __future__ import annotations

import json

import pytest

from expediente.integrity.notes import PublicKey
from expediente.integrity.offline import CheckFailed, check_inclusion, main


def test_before_a_checkpoint_the_receipt_is_not_yet_in_the_log(petition, verify):
    result = verify("--receipt", petition.receipt)
    assert result.error is None
    assert "starts the entry's hash" in result.stdout
    assert "not in the log yet (run `expediente checkpoint`)" in result.stdout


def test_an_unknown_receipt_is_refused_naming_the_option(db, verify):
    result = verify("--receipt", "SJ-PENAL-2026-26-000999-0042-PE-3")
    assert str(result.error) == (
        "--receipt: no petition has the receipt number 'SJ-PENAL-2026-26-000999-0042-PE-3'"
    )


def test_a_signed_receipt_is_proven_and_the_proof_checks_offline(
    petition, checkpoint, verify, tmp_path, client, capsys
):
    checkpoint()
    proof_file = tmp_path / "proof.json"
    result = verify("--receipt", petition.receipt.lower(), "--proof", str(proof_file))
    assert result.error is None, result.stderr
    assert "is in the log expediente.localhost/log as of its checkpoint of 8 entries" in (
        result.stdout
    )
    proof = json.loads(proof_file.read_text())
    assert proof["receipt"] == petition.receipt
    assert proof["entry"]["case"] == petition.case.nuid
    assert proof["entry"]["seq"] == petition.filed_seq
    key_file = tmp_path / "key.json"
    key_file.write_text(client.get("/integrity/key").content.decode())
    checkpoint_file = tmp_path / "checkpoint.json"
    checkpoint_file.write_text(client.get("/integrity/checkpoints/8").content.decode())
    args = ["receipt", str(proof_file), "--key", str(key_file)]
    assert main([*args, "--checkpoint", str(checkpoint_file)]) == 0
    assert main([*args, "--fingerprint", petition.fingerprint]) == 0
    assert "ok: entry 6 of case" in capsys.readouterr().out
    assert main([*args, "--fingerprint", "0123456789ab"]) == 1
    assert "is not the start of the entry's hash" in capsys.readouterr().err


def test_the_offline_check_refuses_what_does_not_hold(
    petition, checkpoint, verify, tmp_path, record
):
    checkpoint()
    proof_file = tmp_path / "proof.json"
    verify("--receipt", petition.receipt, "--proof", str(proof_file))
    proof = json.loads(proof_file.read_text())
    key = PublicKey.from_verifier_key(
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    )
    with pytest.raises(CheckFailed, match="not signed by PeterNeumann"):
        check_inclusion(proof, key=key)
    ours = PublicKey(proof["checkpoint"]["origin"], _raw(proof))
    changed = json.loads(json.dumps(proof))
    changed["audit_path"][0] = "00" * 32
    with pytest.raises(CheckFailed, match="the audit path does not lead"):
        check_inclusion(changed, key=ours)
    other_entry = json.loads(json.dumps(proof))
    other_entry["entry"]["seq"] += 1
    with pytest.raises(CheckFailed, match="the audit path does not lead"):
        check_inclusion(other_entry, key=ours)
    record(petition.case, "note.added", {"text": "Una nota después"})
    checkpoint()
    newer = _checkpoint_note(9)
    with pytest.raises(CheckFailed, match=r"download the proof at that size \(\?size=9\)"):
        check_inclusion(proof, key=ours, note=newer)


def _raw(proof: dict) -> bytes:
    from expediente.integrity.models import Checkpoint

    return bytes(Checkpoint.objects.get(size=proof["tree_size"]).public_key)


def _checkpoint_note(size: int) -> str:
    from expediente.integrity.models import Checkpoint

    return Checkpoint.objects.get(size=size).note
