"""Errors as RFC 9457 problem details (``application/problem+json``).

One place maps domain errors to HTTP; routes only raise. Every problem has ``type``,
``title``, ``status``, ``detail`` and, where a field is at fault, ``errors``: a list of
``{"field": "payload.until", "message": "..."}`` with the path of the failing field.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from expediente.docket import errors as docket

log = logging.getLogger(__name__)

TYPE_BASE = "https://expediente.readthedocs.io/problems/"

STATUS = {
    docket.InvalidInput: 422,
    docket.NotAllowedInStage: 409,
    docket.NotFound: 404,
    docket.IdempotencyConflict: 409,
    docket.SequenceConflict: 409,
    docket.Conflict: 409,
    docket.PermissionDenied: 403,
}


def problem(
    status: int, title: str, detail: str, *, code: str, errors: list[dict[str, str]] | None = None
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/problem+json",
    )


def _loc(loc: list[Any] | tuple[Any, ...]) -> str:
    parts = list(loc)
    # ninja prefixes the source ("body", "query", "header", "path") and the schema's name
    if parts and parts[0] in ("body", "query", "path", "header", "form", "cookie"):
        source = parts.pop(0)
        if (
            parts
            and parts[0] in ("payload", "body", "data", "params", "filters")
            and source == "body"
        ):
            parts.pop(0)
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) and out else ("." if out else "") + str(p)
    return out or "body"


def _message(err: dict[str, Any]) -> str:
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    if err.get("type") == "extra_forbidden":
        return "is not a known field"
    if err.get("type") == "missing":
        return "is required"
    return msg


def install(api: NinjaAPI) -> None:
    @api.exception_handler(docket.DocketError)
    def _domain(request: HttpRequest, exc: docket.DocketError) -> HttpResponse:
        status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 400)
        return problem(status, exc.title, exc.message, code=exc.code, errors=exc.errors)

    @api.exception_handler(NinjaValidationError)
    def _validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [{"field": _loc(e.get("loc", ())), "message": _message(e)} for e in exc.errors]
        return problem(
            422,
            "Invalid input",
            "the request does not match the schema",
            code="invalid",
            errors=errors,
        )

    @api.exception_handler(AuthenticationError)
    def _auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(
            401,
            "Not authenticated",
            "send a valid API token as 'Authorization: Bearer <token>'",
            code="unauthenticated",
        )
        response["WWW-Authenticate"] = 'Bearer realm="expediente"'
        return response

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(exc.status_code, "Request refused", str(exc), code=f"http-{exc.status_code}")

    @api.exception_handler(RequestDataTooBig)
    def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem(413, "Request too large", "the request body is too large", code="too-large")

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("unhandled error in %s %s", request.method, request.path)
        return problem(
            500,
            "Internal error",
            "something went wrong on our side; it was logged",
            code="internal",
        )
