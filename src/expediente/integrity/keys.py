"""The key that signs checkpoints: an Ed25519 private key in a PEM file
(``EXPEDIENTE_LOG_KEY_FILE``, ``var/integrity/checkpoint-key.pem`` by default).

Created on first use, readable by its owner only (0600), in a directory only its owner
can enter (0700). It is written whole to a temporary file and then linked into place,
so two processes starting at once (the worker and ``expediente checkpoint``) end up
with the same key, and a crash never leaves half a key. A deployment can give its own
(``openssl genpkey -algorithm ed25519 -out checkpoint-key.pem``). Keys that signed
earlier checkpoints and were replaced are listed, as verifier keys, in
``EXPEDIENTE_LOG_RETIRED_KEYS``.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from expediente.integrity.notes import NoteError, PublicKey, check_name

_lock = threading.Lock()
_cache: dict[tuple[str, str, float], Signer] = {}


@dataclass(frozen=True)
class Signer:
    private: Ed25519PrivateKey
    public: PublicKey

    @property
    def origin(self) -> str:
        return self.public.name


def origin() -> str:
    try:
        return check_name(settings.EXPEDIENTE_LOG_ORIGIN)
    except NoteError as exc:
        raise ImproperlyConfigured(f"EXPEDIENTE_LOG_ORIGIN: {exc}") from None


def signer() -> Signer:
    """This server's signing key, created on first use."""
    found = _signer(create=True)
    assert found is not None
    return found


def signer_if_any() -> Signer | None:
    """This server's signing key, or None before it is first used."""
    return _signer(create=False)


def _signer(*, create: bool) -> Signer | None:
    path = Path(settings.EXPEDIENTE_LOG_KEY_FILE)
    name = origin()
    with _lock:
        if not path.exists():
            if not create:
                return None
            _create(path)
        key = (str(path), name, path.stat().st_mtime)
        if key not in _cache:
            _cache.clear()
            private = _load(path)
            _cache[key] = Signer(private, PublicKey.of(name, private))
        return _cache[key]


def retired() -> list[PublicKey]:
    """The keys that signed earlier checkpoints and were replaced, as listed."""
    path = Path(settings.EXPEDIENTE_LOG_RETIRED_KEYS)
    if not path.exists():
        return []
    keys = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                keys.append(PublicKey.from_verifier_key(line))
            except NoteError as exc:
                raise ImproperlyConfigured(f"{path}, line {number}: {exc}") from None
    return keys


def _load(path: Path) -> Ed25519PrivateKey:
    if os.name == "posix" and path.stat().st_mode & 0o077:
        # as ssh refuses a private key others can read: whoever reads it can sign
        # checkpoints in this court's name
        raise ImproperlyConfigured(
            f"EXPEDIENTE_LOG_KEY_FILE ({path}) can be read or written by other users than "
            f"its owner: run `chmod 600 {path}`"
        )
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            f"EXPEDIENTE_LOG_KEY_FILE ({path}) is not an unencrypted PEM private key: {exc}"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"EXPEDIENTE_LOG_KEY_FILE ({path}) is not an Ed25519 key")
    return key


def _create(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
    )
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileExistsError):  # another process made it first: keep it
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
