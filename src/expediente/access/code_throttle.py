"""Counting failed code sign-ins, per client address, so that wrong codes typed from one
connection cannot lock out someone on another (those sharing one public address, a
household's router or a carrier's, still share its count: docs/security.md, "What is
left"; a per-device allowance for a browser that signed in before would close that).

Each failure counts against two keys (keyed digests, so the table holds no case numbers
or addresses in clear): the **case number as typed from one client address** ("pair")
and the **client address** across every case number ("ip"). ``limit`` failures inside
``window`` lock the key for ``lockout``. A case number that does not exist is counted
exactly like one that does, so the counters say nothing about which cases exist.

There is deliberately no lock on a case number alone. It let anyone who knows the number
(an accused knows his own case's) keep its participants out: five wrong codes from his
phone refused the victim's right code from hers for 15 minutes, whenever he liked. A
per-case lock that let the right code through would stop no guess (it must check each
code to know), and one that refuses without checking blocks the right code. The client
address is an IPv4 address or an IPv6 /64 network (one household or phone holds a whole
/64, and would otherwise have 2⁶⁴ fresh addresses to guess from).

Why guessing stays infeasible under these limits (docs/security.md gives the table): a
code is LENGTH = 12 symbols from a 31-symbol ALPHABET (``participant_codes``), 31¹² ≈
7.9 × 10¹⁷ codes. One address gets at most 20 wrong codes in two hours (20, then an hour
locked): 10 an hour, 87,600 a year. With 10 participants' codes in a case, a year of one
address's guesses at it finds one with probability 87,600 × 10 / 7.9 × 10¹⁷ ≈ 1.1 × 10⁻¹².
Many addresses do not help past the server itself: each attempt costs one scrypt (about
65 ms of one core), so a 16-core server checks at most about 250 codes a second, 7.9 × 10⁹
a year, whoever sends them: a probability of about 1 × 10⁻⁷ a year for that case, while
the flood makes the portal unusable (which operators notice long before).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from expediente.access.models import CodeThrottle

IPV6_PREFIX = 64  # one client's share of IPv6 (a household's or a phone's network)


@dataclass(frozen=True)
class Limit:
    limit: int  # failures allowed in the window
    window: dt.timedelta
    lockout: dt.timedelta


def _limits() -> dict[str, Limit]:
    return {
        "pair": Limit(
            getattr(settings, "PORTAL_CODE_PAIR_FAILURES", 5),
            dt.timedelta(minutes=getattr(settings, "PORTAL_CODE_PAIR_WINDOW_MINUTES", 60)),
            dt.timedelta(minutes=getattr(settings, "PORTAL_CODE_PAIR_LOCKOUT_MINUTES", 15)),
        ),
        "ip": Limit(
            getattr(settings, "PORTAL_CODE_IP_FAILURES", 20),
            dt.timedelta(minutes=getattr(settings, "PORTAL_CODE_IP_WINDOW_MINUTES", 60)),
            dt.timedelta(minutes=getattr(settings, "PORTAL_CODE_IP_LOCKOUT_MINUTES", 60)),
        ),
    }


def client_key(client_ip: str) -> str:
    """What one client counts as: its IPv4 address, or its IPv6 /64 network (an IPv4
    address written as IPv6, ``::ffff:a.b.c.d``, is that IPv4 address)."""
    try:
        address = ipaddress.ip_address((client_ip or "").strip().split("%", 1)[0])
    except ValueError:
        return client_ip or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def throttle_keys(*, case_number: str, client_ip: str) -> dict[str, str]:
    """The counter keys for one attempt: digests, so the table holds no case numbers
    or addresses in clear."""
    secret = hashlib.sha256(b"expediente.code-throttle\x00" + settings.SECRET_KEY.encode()).digest()

    def key(kind: str, value: str) -> str:
        mac = hmac.new(secret, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()
        return f"{kind}:{mac[:64]}"

    client = client_key(client_ip)
    return {"pair": key("pair", f"{case_number}\x00{client}"), "ip": key("ip", client)}


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
    """A right code clears its client's counter for that case number (not the address's:
    one good code must not buy an address more guesses at other cases)."""
    CodeThrottle.objects.filter(key=keys["pair"]).delete()
