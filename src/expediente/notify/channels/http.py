"""POSTing JSON: no redirects followed, a timeout, errors sorted into retryable
(network, 408, 425, 429, 5xx) and not (other 3xx and 4xx).

``post`` lets urllib resolve the host (the SMS gateway, a configured address);
``post_pinned`` connects only to addresses the caller has already vetted (webhooks:
a name re-pointed at a private address between the check and the connection, "DNS
rebinding", must not reach it), with the host name still used for TLS and ``Host``."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from expediente.notify.channels.base import SendError


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is answered as the error it is, never followed


_opener = urllib.request.build_opener(_NoRedirect)


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked by the caller)
        url, data=body, method="POST", headers={"Content-Type": "application/json", **headers}
    )
    try:
        with _opener.open(request, timeout=settings.NOTIFY_HTTP_TIMEOUT) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        raise _refused(exc.code, str(exc.reason)) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SendError(f"could not reach {url}: {reason}") from None


def _refused(code: int, reason: str) -> SendError:
    retryable = code in (408, 425, 429) or code >= 500
    return SendError(f"HTTP {code} {reason}", retryable=retryable)


Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class _PinnedHTTP(http.client.HTTPConnection):
    """A connection to ``host`` made to one of ``addresses`` only (no lookup of its own)."""

    def __init__(self, host: str, port: int, addresses: Sequence[Address], timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.addresses = list(addresses)

    def _open(self) -> socket.socket:
        last: OSError = OSError(f"no address for {self.host}")
        for address in self.addresses:
            try:
                return socket.create_connection((str(address), self.port), self.timeout)
            except OSError as exc:
                last = exc
        raise last

    def connect(self) -> None:
        self.sock = self._open()


class _PinnedHTTPS(_PinnedHTTP):
    default_port = 443

    def connect(self) -> None:
        context = ssl.create_default_context()
        # the certificate is checked against the host name, not the address connected to
        self.sock = context.wrap_socket(self._open(), server_hostname=self.host)


def post_pinned(
    url: str, body: bytes, headers: dict[str, str], addresses: Sequence[Address]
) -> int:
    """POST to ``url`` over a connection to one of ``addresses`` (in order)."""
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    kind = _PinnedHTTPS if secure else _PinnedHTTP
    host = parts.hostname or ""
    connection = kind(
        host, parts.port or (443 if secure else 80), addresses, settings.NOTIFY_HTTP_TIMEOUT
    )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(
            "POST", path, body=body, headers={"Content-Type": "application/json", **headers}
        )
        response = connection.getresponse()
        response.read()
        status, reason = int(response.status), str(response.reason)
    except (OSError, http.client.HTTPException) as exc:
        raise SendError(f"could not reach {url}: {exc}") from None
    finally:
        connection.close()
    if status >= 300:  # a redirect is answered as the error it is, never followed
        raise _refused(status, reason)
    return status
