"""POSTing JSON with urllib: no redirects followed, a timeout, errors sorted into
retryable (network, 408, 429, 5xx) and not (other 4xx)."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

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
        retryable = exc.code in (408, 425, 429) or exc.code >= 500
        raise SendError(f"HTTP {exc.code} {exc.reason}", retryable=retryable) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SendError(f"could not reach {url}: {reason}") from None
