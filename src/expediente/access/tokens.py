"""API tokens: issue, authenticate, revoke. Secrets are never stored, only their SHA-256.

``token_authenticate`` remembers a token it found, per process, for
``CACHE_SECONDS`` (``settings.EXPEDIENTE_TOKEN_CACHE_SECONDS``, 10 s unless set), so a
client sending many requests costs one query per token every few seconds instead of one
per request. The bound this puts on revocation: ``token_revoke`` forgets the token at
once in the process that revokes it; every other process (each server worker) refuses
it at most ``CACHE_SECONDS`` later. The same bound applies to deactivating the account.
Expiry is checked on every request, cached or not. Set the setting to 0 for none.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import secrets
import threading
import time
import unicodedata
from collections.abc import Collection

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from expediente.access.capabilities import SCOPES
from expediente.access.models import Agency, ApiToken, User
from expediente.access.policy import Actor
from expediente.docket.models import Court

TOKEN_PREFIX = "exp_"
DEFAULT_SCOPES = ("cases:read",)  # what ``expediente token create`` grants without --scope
SHOWN_COURTS = 30  # at most this many court codes listed in a refusal


class TokenError(ValueError):
    pass


_found: dict[str, tuple[float, ApiToken]] = {}  # digest -> (monotonic time found, token)
_found_lock = threading.Lock()
MAX_CACHED = 10_000


def cache_seconds() -> float:
    return float(getattr(settings, "EXPEDIENTE_TOKEN_CACHE_SECONDS", 10))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_create(
    *,
    user: User,
    name: str,
    scopes: list[str],
    courts: list[str] | None = None,
    expires_at: dt.datetime | None = None,
    agency: str = Agency.OTHER,
) -> tuple[ApiToken, str]:
    """A new token and its secret (shown once). ``agency``: the kind of institution whose
    system uses it (``models.Agency``), which decides what of a case it reads."""
    if agency not in Agency.values:
        raise TokenError(f"unknown agency {agency!r}; known agencies: {list(Agency.values)}")
    check_scopes(scopes)
    check_courts(courts or [])
    check_name(name)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=secret[:12],
        digest=_digest(secret),
        scopes=sorted(set(scopes)),
        courts=sorted(set(courts or [])),
        expires_at=expires_at,
        agency=agency,
    )
    return token, secret


def check_name(name: str) -> None:
    """Refuse a name that is empty once trimmed (it is stored trimmed), longer than the
    field holds (PostgreSQL would refuse it with a traceback, SQLite keep it whole), or
    with a control character or a line break in it (``token list`` prints a token a
    line, its columns split by tabs)."""
    kept = name.strip()
    if not kept:
        raise TokenError("give the token a name")
    limit = ApiToken._meta.get_field("name").max_length or 0
    if len(kept) > limit:
        raise TokenError(f"is {len(kept)} characters long; a token's name has at most {limit}")
    before = len(name) - len(name.lstrip())  # counted as given, not as trimmed
    for at, char in enumerate(kept, start=before + 1):
        if is_control(char):
            raise TokenError(
                f"has a control character or line break ({char!r}) at character {at}; "
                "a token's name is one line of text, without tabs"
            )


def is_control(char: str) -> bool:
    """A tab, a line break (``\\n``, ``\\r``, U+0085, U+2028, U+2029) or another control
    character: what a name printed as a cell of a line may not hold."""
    return unicodedata.category(char) in {"Cc", "Zl", "Zp"}


def check_scopes(scopes: Collection[str]) -> None:
    """Refuse no scope at all, or one that is not in ``capabilities.SCOPES``."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise TokenError(f"unknown scope(s) {unknown}; known scopes: {sorted(SCOPES)}")
    if not scopes:
        raise TokenError("give at least one scope")


def check_courts(courts: Collection[str]) -> None:
    """Refuse court codes no court has, by name: a token limited to them could read and
    write nothing, and the API would blame each request. Codes are matched exactly, as
    the API matches a case's court (no trimming, no case folding); a near miss is
    answered with the code it was probably meant to be, and every refusal lists the
    court codes there are."""
    wanted = sorted(set(courts))
    if not wanted:
        return
    known = sorted(Court.objects.values_list("code", flat=True))
    unknown = [code for code in wanted if code not in known]
    if not unknown:
        return
    parts = [_unknown_court(code, known) for code in unknown]
    if not known:
        raise TokenError(f"{'; '.join(parts)}: there are no courts yet (add them at /admin/)")
    listed = ", ".join(known[:SHOWN_COURTS])
    if len(known) > SHOWN_COURTS:
        listed += f", … ({len(known)} in all)"
    raise TokenError(f"{'; '.join(parts)}; court codes: {listed}")


def _unknown_court(code: str, known: list[str]) -> str:
    said = f"unknown court {code!r}"
    folded = code.strip().lower()
    same = [k for k in known if k.lower() == folded]
    if same:
        return (
            f"{said} (did you mean {same[0]!r}? codes are matched exactly, spaces and capitals too)"
        )
    close = difflib.get_close_matches(folded, known, n=1, cutoff=0.75)
    if close:
        return f"{said} (did you mean {close[0]!r}?)"
    return said


def token_authenticate(secret: str) -> ApiToken | None:
    """The live token with this secret, or None (unknown, revoked, expired, or its
    account deactivated). See the module's docstring for how long a result is kept."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    digest = _digest(secret)
    now = timezone.now()
    kept = _found.get(digest)
    if kept is not None and time.monotonic() - kept[0] < cache_seconds():
        token = kept[1]
    else:
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=digest, revoked_at__isnull=True)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
            .first()
        )
        if found is None or not found.user.is_active:
            _forget(digest)
            return None
        token = found
        _remember(digest, token)
    if token.expires_at is not None and token.expires_at <= now:
        _forget(digest)
        return None
    return token


def _remember(digest: str, token: ApiToken) -> None:
    if cache_seconds() <= 0:
        return
    with _found_lock:
        if len(_found) >= MAX_CACHED:
            _found.clear()
        _found[digest] = (time.monotonic(), token)


def _forget(digest: str) -> None:
    with _found_lock:
        _found.pop(digest, None)


def token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    _forget(token.digest)


def token_actor(token: ApiToken) -> Actor:
    """The actor a token acts as: its account, scopes, courts and agency, over the API.
    The API builds it for each request (``api.auth.TokenAuth``); the worker builds it
    from a stored token to push an agency's webhook what the token may read, the same."""
    return Actor(
        user=token.user,
        scopes=frozenset(token.scopes),
        courts=frozenset(token.courts),
        channel="api",
        agency=token.agency,
    )


def token_spent(token: ApiToken, now: dt.datetime) -> bool:
    """Is this token no longer usable: revoked, expired, or its account deactivated?
    (What ``token_authenticate`` refuses, for a token the caller already holds.)"""
    return (
        token.revoked_at is not None
        or (token.expires_at is not None and token.expires_at <= now)
        or not token.user.is_active
    )
