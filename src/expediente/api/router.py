"""The API under /api/v1/: OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from expediente import __version__
from expediente.api import case_read_route, problems
from expediente.api.auth import TokenAuth
from expediente.api.cases import courts_router, router
from expediente.api.parser import JsonParser

View = Callable[..., HttpResponseBase]


def _problems_from_routing(view: View) -> View:
    """Routing's own refusals (a NUL in the path, a wrong method) as problem details
    too; HEAD answered as GET."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # No route, case or court has a NUL in its name, and PostgreSQL cannot even
        # compare text containing one: answer as for any other unknown path.
        if "\x00" in request.path:
            return problems.not_found(request)
        try:
            if request.method == "HEAD":
                response = _head_as_get(view, request, *args, **kwargs)
            else:
                response = view(request, *args, **kwargs)
        except Http404:  # ninja's root page when the docs live elsewhere
            return problems.not_found(request)
        if isinstance(response, HttpResponseNotAllowed):
            return problems.method_not_allowed(request, response["Allow"])
        return response

    return wrapped


def _head_as_get(view: View, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
    """A HEAD runs the route's GET (RFC 9110 §9.3.2: the same status and headers), as
    Django's class-based views do; ninja registers GET alone, and answered HEAD 405.
    The server sends no body (gunicorn drops it, as Django's test client does). A HEAD
    of a case is a read like a GET, access log line included: its status tells whether
    the case exists for the reader, its length changes with what the case holds."""
    request.method = "GET"
    try:
        return view(request, *args, **kwargs)
    finally:
        request.method = "HEAD"


class ProblemAPI(NinjaAPI):
    """A NinjaAPI whose every error, even an unknown path or method, is problem+json."""

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        return self.routes()

    def routes(
        self, *, direct_reads: bool = True
    ) -> tuple[list[URLResolver | URLPattern], str, str]:
        """The API's URL patterns; ``direct_reads=False`` leaves a case's read to ninja's
        operation too (``api/case_read_route.py``; tests compare the two)."""
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if not isinstance(pattern, URLPattern):
                continue
            view = pattern.callback
            if direct_reads and str(pattern.pattern) == case_read_route.PATH:
                view = case_read_route.read_directly(view, self)
            if not getattr(view, "csrf_exempt", False):
                # ninja's own pages (the schema, the docs, the root) only read: any other
                # method is a 405 problem, not Django's HTML page about an expired form
                # (CSRF) nor the docs page again
                view = csrf_exempt(require_safe(view))
            pattern.callback = _problems_from_routing(view)
        patterns.append(re_path(r"", csrf_exempt(problems.not_found), name="not-found"))
        return patterns, app_name, namespace

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("schemas", {})["Problem"] = problems.PROBLEM_SCHEMA
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault("4XX", problems.PROBLEM_RESPONSE)
        return schema


api = ProblemAPI(
    title="Expediente API",
    version="1",
    description=(
        "Open criminal cases, add their participants and charges, append events to their "
        "docket and read them back; a court's offence catalogue (`GET /courts/{code}/offences`) "
        "gives the codes a charge names. Authenticate with `Authorization: Bearer <token>` "
        "(`expediente token create`). Send bodies as `application/json`. Errors are "
        "RFC 9457 problem details (`application/problem+json`) naming the failing fields. "
        f"Server {__version__}."
    ),
    auth=TokenAuth(),
    parser=JsonParser(),
    urls_namespace="api-v1",
)
problems.install(api)
api.add_router("/", router)
api.add_router("/", courts_router)
api.add_router("/", "expediente.api.catalogue_route.router")
api.add_router("/", "expediente.api.deadlines.router")
api.add_router("/", "expediente.api.missed_route.router")
api.add_router("/", "expediente.api.measures.router")
api.add_router("/", "expediente.api.feed_route.router")
api.add_router("/", "expediente.api.hooks_route.router")
