from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from expediente.access.capabilities import Capability, scopes_granting
from expediente.access.models import ApiToken
from expediente.access.policy import Actor
from expediente.access.tokens import token_actor, token_authenticate
from expediente.docket import errors

SCHEME = "bearer"  # the only scheme the API takes its tokens with (RFC 6750)


def credentials(header: str | None) -> tuple[str | None, str]:
    """The scheme and the token of an ``Authorization`` header (None: no header)."""
    if not header:
        return None, ""
    scheme, _, token = header.partition(" ")
    return scheme, token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer exp_…``; the request's ``auth`` becomes an ``Actor``."""

    def __call__(self, request: HttpRequest) -> Actor | None:
        """As ``HttpBearer`` reads the header, from ``request.META``: ``request.headers``
        copies every header on first use, a fiftieth of a kept case read's time."""
        scheme, token = credentials(request.META.get("HTTP_AUTHORIZATION"))
        if scheme is None or scheme.lower() != SCHEME:
            return None  # the 401 says why (``problems.unauthenticated``)
        return self.authenticate(request, token)

    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        found = token_authenticate(token)
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
            found.last_used_at = now  # the instance may be the one token_authenticate keeps
        request.api_token = found  # type: ignore[attr-defined]  # for routes about the token itself
        return token_actor(found)


def lacks_scope(capability: Capability) -> errors.PermissionDenied:
    """The 403 for a token without the scope a request needs, naming the scope a client
    can ask for (``cases:write``), not only the internal permission (``event.record``)."""
    scopes = " or ".join(scopes_granting(capability)) or "none"
    return errors.PermissionDenied(
        f"this token lacks the scope {scopes}, which this request needs ({capability.value})"
    )
