"""The Content-Security-Policy header, built once instead of on every response.

django-csp's middleware rebuilds the header from settings for each response (a copy of
the settings' directives as a dataclass, turned back into a dict, each directive joined
again): about a seventh of the CPU of the cheapest answers (a kept case read over the
API, a constant page; docs/performance.md, session 19). Expediente's policy is the
same for every response: no view asks for a nonce or decorates its response with its
own policy. So the header is built once per process (again when a test changes the
setting) and set as django-csp sets it; a response or request that does ask for
something of its own (a nonce, ``@csp_update``/``@csp_replace``/``@csp_override``)
goes through django-csp's own code, unchanged.
``tests/privacy/test_the_policy_header_is_django_csps.py`` compares the two.
"""

from __future__ import annotations

import functools
import http.client as http_client
from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

# what a response carries when a view asked for a policy of its own (django-csp's
# decorators) or for no policy (csp_exempt handled below like django-csp does)
_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
_DEBUG_EXEMPT = (http_client.INTERNAL_SERVER_ERROR, http_client.NOT_FOUND)


@functools.cache
def _policy(report_only: bool) -> tuple[str, tuple[str, ...]]:
    """The header's value (empty: no header) and the path prefixes it is not set on."""
    name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
    value = build_policy(report_only=report_only)
    prefixes = tuple((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
    return value, prefixes


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _policy.cache_clear()


class CSPMiddleware(DjangoCSPMiddleware):
    """django-csp's middleware with the settings' policy built once."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _OWN_POLICY
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in _DEBUG_EXEMPT:
            return response
        path = request.path_info
        for header, exempt, report_only in (
            (HEADER, "_csp_exempt", False),
            (HEADER_REPORT_ONLY, "_csp_exempt_ro", True),
        ):
            value, prefixes = _policy(report_only)
            if (
                value
                and header not in response
                and getattr(response, exempt, False) is False
                and not path.startswith(prefixes)
            ):
                response[header] = value
        # as django-csp does: asking for a nonce once the header is written is an error
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
