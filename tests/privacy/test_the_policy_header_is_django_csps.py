"""The Content-Security-Policy header built once (expediente/content_security_policy.py)
is the header django-csp's own middleware builds, for every kind of response."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.decorators import csp_exempt, csp_replace, csp_update
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware as DjangoCSP
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings

from expediente.content_security_policy import CSPMiddleware

View = Callable[[HttpRequest], HttpResponse]


def _plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def _with_nonce(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")  # type: ignore[attr-defined]


def _not_found(request: HttpRequest) -> HttpResponse:
    return HttpResponse("missing", status=404)


def _preset(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("ok")
    response[HEADER] = "default-src 'none'"
    return response


VIEWS: dict[str, View] = {
    "plain": _plain,
    "nonce": _with_nonce,
    "not found": _not_found,
    "header set by the view": _preset,
    "exempt": csp_exempt()(_plain),
    "update": csp_update({"img-src": ["https://tiles.example"]})(_plain),
    "replace": csp_replace({"script-src": ["'self'", "https://cdn.example"]})(_plain),
}


def _headers(middleware_class: type[DjangoCSP], view: View, path: str) -> dict[str, str]:
    middleware = middleware_class(view)
    request = RequestFactory().get(path)
    response = middleware(request)
    return {h: response[h] for h in (HEADER, HEADER_REPORT_ONLY) if h in response}


REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp-reports/"}}


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("path", ["/court/", "/api/v1/cases/X", "/static/app.css"])
@pytest.mark.parametrize("debug", [False, True])
def test_the_header_is_the_one_django_csp_builds(view: str, path: str, debug: bool) -> None:
    with override_settings(DEBUG=debug):
        ours = _headers(CSPMiddleware, VIEWS[view], path)
        theirs = _headers(DjangoCSP, VIEWS[view], path)
    assert ours == theirs
    if view in ("plain", "update"):
        assert "frame-ancestors 'none'" in ours[HEADER]


def test_a_change_of_settings_is_followed() -> None:
    first = _headers(CSPMiddleware, _plain, "/court/")
    policy = {
        "EXCLUDE_URL_PREFIXES": ["/static/"],
        "DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "https://maps.example"]},
    }
    with override_settings(
        CONTENT_SECURITY_POLICY=policy, CONTENT_SECURITY_POLICY_REPORT_ONLY=REPORT_ONLY
    ):
        changed = _headers(CSPMiddleware, _plain, "/court/")
        assert changed == _headers(DjangoCSP, _plain, "/court/")
        assert "https://maps.example" in changed[HEADER]
        assert "report-uri /csp-reports/" in changed[HEADER_REPORT_ONLY]
        excluded = _headers(CSPMiddleware, _plain, "/static/app.css")
        assert HEADER not in excluded
        assert excluded == _headers(DjangoCSP, _plain, "/static/app.css")
    assert _headers(CSPMiddleware, _plain, "/court/") == first


def test_a_nonce_asked_for_after_the_header_is_written_is_an_error() -> None:
    request = RequestFactory().get("/court/")
    CSPMiddleware(_plain)(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_pages_and_the_api_carry_the_policy(client: Client) -> None:
    for path in ("/court/sign-in/", "/api/v1/cases/X", "/healthz"):
        policy = client.get(path)[HEADER]
        assert "default-src 'self'" in policy, path
        assert "object-src 'none'" in policy, path
