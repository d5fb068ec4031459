"""Checking and normalising the address of a subscription: an email address, a phone
number in E.164 form, or a webhook URL that is https and does not point inside the
court's network. Errors are ``InvalidInput`` naming the field ``address``."""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from expediente.docket.errors import InvalidInput

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
PHONE_SEPARATORS = re.compile(r"[\s().\-]")


class UnresolvedHost(InvalidInput):
    """The webhook's host name did not resolve (perhaps only for now)."""


def refuse(field: str, message: str) -> InvalidInput:
    return InvalidInput(f"{field}: {message}", errors=[{"field": field, "message": message}])


# RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its angle brackets
EMAIL_MAX = 254


def normalise_email(value: str) -> str:
    value = value.strip()
    if len(value) > EMAIL_MAX:
        raise refuse(
            "address",
            _("The address is too long (at most %(n)d characters).") % {"n": EMAIL_MAX},
        )
    try:
        validate_email(value)
    except ValidationError:
        raise refuse("address", _("Enter an email address like name@example.org.")) from None
    local, _at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def normalise_phone(value: str) -> str:
    """``+506 8888-1234`` → ``+50688881234``; anything else is refused."""
    compact = PHONE_SEPARATORS.sub("", value.strip())
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if not E164.match(compact):
        raise refuse(
            "address",
            _(
                "Enter the phone number starting with a plus sign and the country code, "
                "then the number (8 to 15 digits in all)."
            ),
        )
    return compact


def normalise_webhook_url(value: str) -> str:
    """An https URL whose host resolves only to public addresses (checked again before
    each send, since DNS can change)."""
    url = value.strip()
    check_webhook_url(url)
    return url


def check_webhook_url(url: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Refuse a webhook URL that is not https or whose host resolves to any private,
    local or multicast address; return the addresses it resolved to, all vetted, so
    the sender can connect to exactly those (notify/channels/webhook.py)."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a bracket left open ("https://[::1/"), a bad IPv6 literal
        raise refuse(
            "address", _("Enter the webhook address as https://host/path, without a user name.")
        ) from None
    loopback_ok = bool(getattr(settings, "NOTIFY_WEBHOOK_ALLOW_LOOPBACK", False))
    if parts.scheme != "https" and not (loopback_ok and parts.scheme == "http"):
        raise refuse("address", _("The webhook address must start with https://."))
    if not parts.hostname or parts.username or parts.password:
        raise refuse(
            "address", _("Enter the webhook address as https://host/path, without a user name.")
        )
    try:
        port = parts.port
    except ValueError:
        raise refuse("address", _("The webhook address has an invalid port.")) from None
    addresses = resolve(parts.hostname, port or 443)
    for address in addresses:
        if address.is_global and not address.is_multicast:
            continue
        if loopback_ok and address.is_loopback:
            continue
        raise refuse(
            "address",
            _(
                "The webhook address points to a private or local network address "
                "(%(address)s); use a public address."
            )
            % {"address": address},
        )
    return addresses


def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        message = _("The webhook host name %(host)s could not be found.") % {"host": host}
        raise UnresolvedHost(
            f"address: {message}", errors=[{"field": "address", "message": message}]
        ) from None
    out = []
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone
        address = ipaddress.ip_address(raw)
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        out.append(address)
    return out
