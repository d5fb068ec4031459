"""API tokens: issue, authenticate, revoke. Secrets are never stored, only their SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db.models import Q
from django.utils import timezone

from expediente.access.capabilities import SCOPES
from expediente.access.models import ApiToken, User

TOKEN_PREFIX = "exp_"


class TokenError(ValueError):
    pass


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_create(
    *,
    user: User,
    name: str,
    scopes: list[str],
    courts: list[str] | None = None,
    expires_at: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token and its secret (shown once)."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise TokenError(f"unknown scope(s) {unknown}; known scopes: {sorted(SCOPES)}")
    if not scopes:
        raise TokenError("give at least one scope")
    if not name.strip():
        raise TokenError("give the token a name")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=secret[:12],
        digest=_digest(secret),
        scopes=sorted(set(scopes)),
        courts=sorted(set(courts or [])),
        expires_at=expires_at,
    )
    return token, secret


def token_authenticate(secret: str) -> ApiToken | None:
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token


def token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
