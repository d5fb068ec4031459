"""How many case lookups one address may make: ``PUBLIC_LOOKUP_LIMIT`` (default 30) in
``PUBLIC_LOOKUP_WINDOW_MINUTES`` (10), then none for ``PUBLIC_LOOKUP_LOCKOUT_MINUTES``
(10). Every lookup counts, found or not, so the counter says nothing about which numbers
exist. Rows are kept in the code sign-in's table (``access.CodeThrottle``) under keyed
digests of the address, as ``access/code_throttle.py`` does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math

from django.conf import settings
from django.db import transaction

from expediente.access.models import CodeThrottle


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def lookup_key(client_ip: str) -> str:
    secret = hashlib.sha256(b"expediente.public-lookup\x00" + settings.SECRET_KEY.encode()).digest()
    mac = hmac.new(secret, (client_ip or "unknown").encode(), hashlib.sha256).hexdigest()
    return f"lookup:{mac[:64]}"


def lookup_count(*, client_ip: str, now: dt.datetime) -> int:
    """Count one lookup from ``client_ip``; the whole minutes it must wait first (0: go on)."""
    limit = _setting("PUBLIC_LOOKUP_LIMIT", 30)
    window = dt.timedelta(minutes=_setting("PUBLIC_LOOKUP_WINDOW_MINUTES", 10))
    lockout = dt.timedelta(minutes=_setting("PUBLIC_LOOKUP_LOCKOUT_MINUTES", 10))
    with transaction.atomic():
        row, _ = CodeThrottle.objects.select_for_update().get_or_create(
            key=lookup_key(client_ip), defaults={"window_start": now}
        )
        if row.locked_until is not None and row.locked_until > now:
            return max(1, math.ceil((row.locked_until - now).total_seconds() / 60))
        if now - row.window_start > window:
            row.failures, row.window_start = 0, now
        row.failures += 1
        wait = 0
        if row.failures > limit:
            row.locked_until = now + lockout
            row.failures, row.window_start = 0, now
            wait = math.ceil(lockout.total_seconds() / 60)
        row.save()
    return wait
