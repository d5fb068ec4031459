"""Compressing responses for slow links, except those that carry a secret.

GZipMiddleware (settings.py) compresses pages, JSON and CSV for clients that accept
gzip. A compressed response's length can leak a secret it carries when an attacker can
also put text of their choosing in it (BREACH): Django masks CSRF tokens per response
and pads compressed bodies with random bytes, and session cookies are SameSite=Lax; a
page that shows a lasting secret (an authenticator key being enrolled, a portal access
code on its printed notice) is sent uncompressed all the same.
"""

from __future__ import annotations

from typing import TypeVar

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

SECRET = "expediente_carries_secret"
R = TypeVar("R", bound=HttpResponseBase)


def carries_secret(response: R) -> R:
    """Mark a response that shows a secret: it is never compressed."""
    setattr(response, SECRET, True)
    return response


class GZipUnlessSecret(GZipMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(response, SECRET, False):
            return response
        return super().process_response(request, response)
