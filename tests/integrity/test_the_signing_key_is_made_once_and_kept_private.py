"""The signing key is created on first use, in a file only its owner can read (0600, in a
0700 folder), and kept: later checkpoints are signed by the same key. A deployment can
give its own key file (EXPEDIENTE_LOG_KEY_FILE); a file that is not an Ed25519 key stops
the command with an error naming the setting, and writes nothing."""

from __future__ import annotations

import io
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from django.core.management import call_command
from django.core.management.base import CommandError

from expediente.integrity.models import Checkpoint, Leaf
from expediente.integrity.notes import PublicKey


def test_the_key_is_created_private_on_first_use_and_kept(
    docket, checkpoint, settings, tmp_path, record
):
    path = tmp_path / "keys" / "checkpoint-key.pem"
    settings.EXPEDIENTE_LOG_KEY_FILE = path
    checkpoint()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    first = path.read_bytes()
    record(docket[0], "note.added", {"text": "Otra nota"})
    checkpoint()
    assert path.read_bytes() == first
    assert len(set(Checkpoint.objects.values_list("key_id", flat=True))) == 1


def test_a_deployment_gives_its_own_key(docket, checkpoint, settings, tmp_path):
    own = Ed25519PrivateKey.generate()
    path = tmp_path / "court.pem"
    path.write_bytes(own.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    path.chmod(0o600)
    settings.EXPEDIENTE_LOG_KEY_FILE = path
    settings.EXPEDIENTE_LOG_ORIGIN = "tribunal.example/log"
    checkpoint()
    assert Checkpoint.objects.get().key_id == PublicKey.of("tribunal.example/log", own).key_id


@pytest.mark.parametrize("content", [b"not a key", b""])
def test_a_file_that_is_not_a_key_stops_the_run(docket, settings, tmp_path, content):
    path = tmp_path / "broken.pem"
    path.write_bytes(content)
    path.chmod(0o600)
    settings.EXPEDIENTE_LOG_KEY_FILE = path
    with pytest.raises(CommandError, match="EXPEDIENTE_LOG_KEY_FILE"):
        call_command("checkpoint", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Checkpoint.objects.exists()
    assert not Leaf.objects.exists()


def test_a_log_name_no_checkpoint_could_carry_is_refused(docket, settings):
    settings.EXPEDIENTE_LOG_ORIGIN = "two words"
    with pytest.raises(CommandError, match="EXPEDIENTE_LOG_ORIGIN"):
        call_command("checkpoint", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Checkpoint.objects.exists()
    assert not Leaf.objects.exists()


def test_a_key_others_can_read_stops_the_run(docket, settings, tmp_path):
    """As ssh refuses such a key: whoever can read it can sign checkpoints in the court's
    name. The error says how to put it right."""
    own = Ed25519PrivateKey.generate()
    path = tmp_path / "court.pem"
    path.write_bytes(own.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    path.chmod(0o644)
    settings.EXPEDIENTE_LOG_KEY_FILE = path
    with pytest.raises(CommandError, match="chmod 600"):
        call_command("checkpoint", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Checkpoint.objects.exists()
    assert not Leaf.objects.exists()
