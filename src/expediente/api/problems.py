"""Errors as RFC 9457 problem details (``application/problem+json``).

One place maps domain errors to HTTP; routes only raise. Every problem has ``type``,
``title``, ``status``, ``detail`` and, where a field is at fault, ``errors``: a list of
``{"field": "payload.until", "message": "..."}`` with the path of the failing field.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.views import defaults
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from expediente.api.auth import SCHEME, credentials
from expediente.api.parser import BodyError
from expediente.db_unavailable import for_now, unavailable
from expediente.docket import errors as docket
from expediente.problem_types import PATH, TYPES, type_uri

log = logging.getLogger(__name__)


# What every route may answer besides its success, for the OpenAPI document.
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {
            "type": "string",
            "format": "uri-reference",
            "description": (
                f"What kind of problem: a path, {PATH}<code>, whose page says what it means "
                "and what to do. The same on every installation: compare it as a string."
            ),
            "examples": [type_uri("invalid")],
        },
        "title": {"type": "string"},
        "status": {"type": "integer", "description": "The HTTP status, repeated."},
        "detail": {"type": "string", "description": "What went wrong, for a person to read."},
        "errors": {
            "type": "array",
            "description": "The failing fields, when fields are at fault.",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "field": {"type": "string", "description": "e.g. payload.until"},
                    "message": {"type": "string"},
                },
            },
        },
    },
}
PROBLEM_RESPONSE: dict[str, Any] = {
    "description": "Refused: problem details (RFC 9457) naming the failing fields.",
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}


def english(message: str, **params: Any) -> str:
    """A message marked for translation (``gettext_noop`` at the call), said in English,
    the API's language (as ``docket.errors.Words.english`` and the webhooks' refusals)."""
    with translation.override("en"):
        text = gettext(message)
    return text % params if params else text


class HeaderRefused(docket.DocketError):
    """A request header the API cannot take as sent (400, naming the header)."""

    title = "Bad request header"
    code = "header"


STATUS = {
    HeaderRefused: 400,
    docket.InvalidInput: 422,
    docket.NotAllowedInStage: 409,
    docket.NotFound: 404,
    docket.IdempotencyConflict: 409,
    docket.SequenceConflict: 409,
    docket.Conflict: 409,
    docket.PermissionDenied: 403,
}


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    code: str,
    errors: list[dict[str, str]] | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """``extensions``: members of the problem's own type (RFC 9457 section 3.2), after
    the standard ones (a petition already filed: ``petition``, the one on the record)."""
    body: dict[str, Any] = {
        "type": type_uri(code),
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    for name, value in (extensions or {}).items():
        body.setdefault(name, value)
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
        if source == "query" and parts:
            # a query string is flat: its parameter is the last part (an unknown one
            # comes with the schema's argument name before it, ``q.limt``)
            return str(parts[-1])
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


def _message(err: Mapping[str, Any]) -> str:
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    kind = err.get("type")
    if kind == "extra_forbidden":
        return "is not a known field"
    if kind == "missing":
        return "is required"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be a JSON object"
    ctx = err.get("ctx") or {}
    if kind in ("too_long", "too_short") and ctx.get("field_type") == "Value":
        # a length limit on an optional text (``Text | None``) is checked after the union,
        # and pydantic then speaks of "items" ("Value should have at most 40 items"); the
        # API's only such limits are on texts (a list says "List should have …")
        if kind == "too_long":
            return f"must be at most {ctx.get('max_length')} characters"
        return f"must be at least {ctx.get('min_length')} characters"
    return msg


SHOWN_IN_DETAIL = 10


def schema_refusal(found: list[dict[str, Any]]) -> str:
    """The detail of a body or query the schema refused: each field as sent and its rule,
    as the errors say them (a client logging only the detail learns what to change)."""
    said = "; ".join(f"{e['field']}: {e['message']}" for e in found[:SHOWN_IN_DETAIL])
    more = len(found) - SHOWN_IN_DETAIL
    if more > 0:
        said += f"; and {more} more"
    return (
        f"the request does not match the schema: {said}"
        if said
        else ("the request does not match the schema")
    )


def field_errors(raw: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """pydantic's errors as the API names them: the failing field's path and what is wrong."""
    return [{"field": _loc(e.get("loc", ())), "message": _message(e)} for e in raw]


def unauthenticated(header: str | None) -> tuple[str, str]:
    """A 401's detail and ``WWW-Authenticate`` challenge (RFC 6750 section 3), by what the
    ``Authorization`` header held: nothing; another scheme than Bearer (``Token exp_…``,
    ``Basic …``) or none (a bare token), for which section 3.1 asks for no error code, as
    for an unsupported method; Bearer without a token; or a token the API does not know,
    expired or revoked (``invalid_token``)."""
    realm = 'Bearer realm="expediente"'
    scheme, token = credentials(header)
    how = "'Authorization: Bearer <token>'"
    if scheme is None:
        return english(gettext_noop("send a valid API token as %(how)s"), how=how), realm
    if scheme.lower() != SCHEME:
        if not token:
            detail = english(
                gettext_noop(
                    "the Authorization header names no scheme: send the API token after "
                    "the scheme Bearer, as %(how)s"
                ),
                how=how,
            )
        else:
            detail = english(
                gettext_noop(
                    "the Authorization header uses the scheme %(scheme)s: the API takes its "
                    "token only with the scheme Bearer, as %(how)s"
                ),
                scheme=repr(scheme[:40]),
                how=how,
            )
        return detail, realm
    invalid = f'{realm}, error="invalid_token"'
    if not token:
        detail = english(
            gettext_noop("the Authorization header has no token after Bearer: send %(how)s"),
            how=how,
        )
        return detail, invalid
    detail = english(gettext_noop("the API token is not valid: it is unknown, expired or revoked"))
    return detail, invalid


def too_large() -> str:
    """What a 413 says: the limit, from the setting that sets it (``expediente serve``
    reads a chunked body up to the same one, ``chunked_bodies``)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:  # no limit: Django refuses no body for its size
        return english(gettext_noop("the request body is too large"))
    return english(
        gettext_noop(
            "the request body is larger than the limit of %(megabytes)s MB (%(bytes)s bytes): "
            "send less in one request"
        ),
        megabytes=f"{limit / 2**20:g}",
        bytes=f"{limit:,}",
    )


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any path under the API that names no route; one that does without its trailing
    slash is told so (the routes end without one, and a client adding it got a bare 404)."""
    detail = f"no API route {request.path!r}"
    bare = request.path.rstrip("/")
    if bare != request.path and _is_a_route(bare):
        detail += f": the API's paths end without a slash, {bare!r}"
    return problem(404, "Not found", detail, code="not-found")


def _is_a_route(path: str) -> bool:
    """Whether a route of the API answers this path (not the catch-alls that answer 404)."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name not in {"not-found", "api-not-found"}


def method_not_allowed(request: HttpRequest, allowed: str) -> HttpResponse:
    methods = [m.strip() for m in allowed.split(",") if m.strip()]
    if "GET" in methods and "HEAD" not in methods:  # a GET route answers HEAD too
        methods.append("HEAD")
    allowed = ", ".join(methods)
    response = problem(
        405,
        "Method not allowed",
        f"{request.method} is not allowed here; use {allowed}",
        code="method",
    )
    response["Allow"] = allowed
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's own 400, answered before any route (a ``Host`` header not in
    ``ALLOWED_HOSTS``): a problem under /api/, Django's page elsewhere."""
    if not request.path_info.startswith("/api/"):
        return defaults.bad_request(request, exception)  # type: ignore[arg-type]
    detail = "the request is malformed"
    if isinstance(exception, DisallowedHost):
        detail = "the Host header names no host this server answers for"
    return problem(400, "Bad request", detail, code="bad-request")


def install(api: NinjaAPI) -> None:
    @api.exception_handler(docket.DocketError)
    def _domain(request: HttpRequest, exc: docket.DocketError) -> HttpResponse:
        status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 400)
        return problem(
            status,
            exc.title,
            exc.message,
            code=exc.code,
            errors=exc.errors,
            extensions=exc.extensions,
        )

    @api.exception_handler(NinjaValidationError)
    def _validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        found = field_errors(exc.errors)
        return problem(
            422,
            "Invalid input",
            schema_refusal(found),
            code="invalid",
            errors=found,
        )

    @api.exception_handler(AuthenticationError)
    def _auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail, challenge = unauthenticated(request.META.get("HTTP_AUTHORIZATION"))
        response = problem(401, "Not authenticated", detail, code="unauthenticated")
        response["WWW-Authenticate"] = challenge  # RFC 6750 section 3
        return response

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        cause = exc.__cause__
        if isinstance(cause, BodyError):  # ninja wraps what the body parser raised
            return problem(cause.status, cause.title, cause.detail, code=cause.code)
        code = {400: "bad-request", 403: "forbidden", 429: "throttled"}.get(
            exc.status_code, "refused"
        )
        return problem(exc.status_code, TYPES[code].title, str(exc), code=code)

    @api.exception_handler(RequestDataTooBig)
    def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem(413, "Request too large", too_large(), code="too-large")

    @api.exception_handler(TooManyFieldsSent)
    def _too_many_fields(request: HttpRequest, exc: TooManyFieldsSent) -> HttpResponse:
        # Django refuses to read a query string of more parameters than this (it was a 500)
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return problem(
            400,
            "Too many parameters",
            f"the query string has more than {limit} parameters",
            code="too-many-parameters",
        )

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        if unavailable(exc):
            detail = (
                "the court's database cannot be reached at the moment; what you sent may "
                "not have been recorded: send the same request again (a write with the "
                "same Idempotency-Key) after Retry-After seconds"
            )
            answer = problem(503, "Service unavailable", detail, code="unavailable")
            return for_now(request, exc, answer)
        log.exception("unhandled error in %s %s", request.method, request.path)
        return problem(
            500,
            "Internal error",
            "something went wrong on our side; it was logged",
            code="internal",
        )
