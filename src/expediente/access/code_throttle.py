"""Counting failed code sign-ins, per entered case number and per client address.

Each key (a keyed digest of the case number as typed, or of the client address) has a
window: ``limit`` failures inside ``window`` lock the key for ``lockout``. A case number
that does not exist is counted exactly like one that does, so the counters say nothing
about which cases exist. The numbers are explained in docs/security.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from expediente.access.models import CodeThrottle


@dataclass(frozen=True)
class Limit:
    limit: int  # failures allowed in the window
    window: dt.timedelta
    lockout: dt.timedelta


def _limits() -> dict[str, Limit]:
    return {
        "case": Limit(
            getattr(settings, "PORTAL_CODE_CASE_FAILURES", 5),
            dt.timedelta(minutes=getattr(settings, "PORTAL_CODE_CASE_WINDOW_MINUTES", 60)),
            dt.timedelta(minutes=getattr(settings, "PORTAL_CODE_CASE_LOCKOUT_MINUTES", 15)),
        ),
        "ip": Limit(
            getattr(settings, "PORTAL_CODE_IP_FAILURES", 20),
            dt.timedelta(minutes=getattr(settings, "PORTAL_CODE_IP_WINDOW_MINUTES", 60)),
            dt.timedelta(minutes=getattr(settings, "PORTAL_CODE_IP_LOCKOUT_MINUTES", 60)),
        ),
    }


def throttle_keys(*, case_number: str, client_ip: str) -> dict[str, str]:
    """The counter keys for one attempt: digests, so the table holds no case numbers
    or addresses in clear."""
    secret = hashlib.sha256(b"expediente.code-throttle\x00" + settings.SECRET_KEY.encode()).digest()

    def key(kind: str, value: str) -> str:
        mac = hmac.new(secret, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()
        return f"{kind}:{mac[:64]}"

    return {"case": key("case", case_number), "ip": key("ip", client_ip or "unknown")}


def locked_for(keys: dict[str, str], now: dt.datetime) -> int:
    """Whole minutes (at least 1) until every key is free again; 0 if none is locked."""
    rows = CodeThrottle.objects.filter(key__in=keys.values(), locked_until__gt=now)
    until = max((r.locked_until for r in rows if r.locked_until), default=None)
    return minutes_until(until, now) if until is not None else 0


def minutes_until(until: dt.datetime, now: dt.datetime) -> int:
    """Whole minutes left, rounded up, never less than 1 (what the message says)."""
    return max(1, math.ceil((until - now).total_seconds() / 60))


def failure_count(keys: dict[str, str], now: dt.datetime) -> int:
    """Count one failure against every key; lock those that reach their limit. Returns
    the minutes of the longest lockout this failure started (0 if none)."""
    limits = _limits()
    longest = 0
    with transaction.atomic():
        for kind, key in sorted(keys.items()):
            limit = limits[kind]
            row, _ = CodeThrottle.objects.select_for_update().get_or_create(
                key=key, defaults={"window_start": now}
            )
            if now - row.window_start > limit.window:
                row.failures, row.window_start = 0, now
            row.failures += 1
            if row.failures >= limit.limit:
                row.locked_until = now + limit.lockout
                row.failures, row.window_start = 0, now
                longest = max(longest, math.ceil(limit.lockout.total_seconds() / 60))
            row.save()
        _forget_old(now, max(limit.window + limit.lockout for limit in limits.values()))
    return longest


def _forget_old(now: dt.datetime, age: dt.timedelta) -> None:
    """Rows whose window and lockout are long over count for nothing: delete them, so
    guesses at made-up case numbers do not grow the table without end."""
    CodeThrottle.objects.filter(window_start__lt=now - age).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    ).delete()


def success_clear(keys: dict[str, str]) -> None:
    """A right code clears the case number's counter (not the address's: one good code
    must not buy an address more guesses at other cases)."""
    CodeThrottle.objects.filter(key=keys["case"]).delete()
