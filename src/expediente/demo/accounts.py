"""Demo accounts: an administrator for /admin/ and an API token, printed by `make run`.

Their secrets derive from SECRET_KEY, so on a laptop demo they are the same every run,
and on a server with its own SECRET_KEY nobody can guess them.
"""

from __future__ import annotations

import hashlib

from django.conf import settings

from expediente.access.models import ApiToken, User
from expediente.access.tokens import TOKEN_PREFIX, _digest

ADMIN = "admin"


def _secret(purpose: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:demo:{purpose}".encode()).hexdigest()[:24]


def demo_accounts() -> str:
    password = "demo-" + _secret("admin")[:12]
    admin, _ = User.objects.get_or_create(
        username=ADMIN, defaults={"is_staff": True, "is_superuser": True}
    )
    admin.is_staff = admin.is_superuser = True
    admin.set_password(password)
    admin.save()
    token_secret = TOKEN_PREFIX + "demo" + _secret("token")
    system, _ = User.objects.get_or_create(username="demo-api", defaults={"is_system": True})
    ApiToken.objects.get_or_create(
        digest=_digest(token_secret),
        defaults={
            "user": system,
            "name": "demo API token",
            "prefix": token_secret[:12],
            "scopes": ["cases:read", "cases:write"],
        },
    )
    return "\n".join(
        [
            "",
            "Demo accounts (for this laptop only):",
            f"  administrator   http://127.0.0.1:8000/admin/   user {ADMIN}   password {password}",
            f"  API token       Authorization: Bearer {token_secret}",
            "                  scopes cases:read cases:write; try",
            f"                  curl -H 'Authorization: Bearer {token_secret}' "
            "http://127.0.0.1:8000/api/v1/courts",
            "",
        ]
    )
