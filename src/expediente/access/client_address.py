"""The address a request came from, for counting failed sign-ins and lookups (portal
codes, lawyers' and staff passwords, the public case lookup).

It is ``REMOTE_ADDR``, unless that is one of the reverse proxies named in
``EXPEDIENTE_TRUSTED_PROXIES`` (addresses or networks). Then it is the right-most entry
of ``X-Forwarded-For`` that is not itself a trusted proxy: every proxy appends the
address it received the request from, so entries to the left of that one were written
by the client and prove nothing. Without trusted proxies the header is never read.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

SETTING = "EXPEDIENTE_TRUSTED_PROXIES"


def parse_proxies(value: str) -> tuple[str, ...]:
    """The setting's comma-separated addresses and networks, each checked; a bad one
    stops start-up naming the variable and the entry."""
    out = []
    for entry in (part.strip() for part in value.split(",")):
        if not entry:
            continue
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{SETTING}: {entry!r} is not an address or a network (e.g. 10.0.0.1, "
                "10.0.0.0/8, ::1); separate them with commas"
            ) from None
        out.append(entry)
    return tuple(out)


@functools.cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(e, strict=False) for e in entries)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().split("%", 1)[0])
    except ValueError:
        return None


def _trusted(text: str, networks: Iterable[Network]) -> bool:
    address = _address(text)
    return address is not None and any(address in n for n in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address as the last trusted proxy saw it (see the module)."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    networks = _networks(tuple(getattr(settings, SETTING, ())))
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [h.strip() for h in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    hops = [h for h in hops if h]
    for hop in reversed(hops):
        if _trusted(hop, networks):
            continue
        # what our proxy received the request from: the client, unless it is not an
        # address at all (a proxy set up wrongly), when the proxy's own address counts
        return hop if _address(hop) is not None else remote
    return hops[0] if hops else remote
