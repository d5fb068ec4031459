"""Django's password hasher (PBKDF2-SHA256, the same algorithm and stored form), hashing
in a real thread when the server answers with greenlets (``greenlets.off_the_loop``): a
sign-in's 0.26 s of hashing would otherwise hold every connection of its process."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import hashers

from expediente.greenlets import off_the_loop


class PBKDF2PasswordHasher(hashers.PBKDF2PasswordHasher):
    def encode(self, password: str, salt: str, iterations: int | None = None) -> str:
        parent: Any = super().encode
        return off_the_loop(parent, password, salt, iterations)
