"""Request bodies sent with ``Transfer-Encoding: chunked`` (no ``Content-Length``).

Django reads ``CONTENT_LENGTH`` bytes of a body and, without the header, none: a chunked
body reached the API as an empty one ("body is required", or an empty batch). gunicorn
decodes the chunks and says so with ``wsgi.input_terminated`` (its ``wsgi.input`` ends
where the body ends); this wrapper then reads the body, at most
``DATA_UPLOAD_MAX_MEMORY_SIZE`` and one byte more, and hands Django the bytes with their
length, so the limit refuses a larger body as it refuses any other (413). A server that
hands over the raw chunks (Django's ``runserver``) gets a 411 problem instead.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings

from expediente.problem_types import type_uri

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]


def read_chunked_bodies(app: WSGIApp) -> WSGIApp:
    def wrapped(environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        if not environ.get("HTTP_TRANSFER_ENCODING") or environ.get("CONTENT_LENGTH"):
            return app(environ, start_response)
        if not environ.get("wsgi.input_terminated"):
            return _length_required(start_response)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = environ["wsgi.input"].read() if limit is None else _read(environ, limit + 1)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return app(environ, start_response)

    return wrapped


def _read(environ: Environ, most: int) -> bytes:
    """Up to ``most`` bytes of the body (a stream's ``read(n)`` may give fewer)."""
    stream, parts, got = environ["wsgi.input"], [], 0
    while got < most:
        part = stream.read(most - got)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _length_required(start_response: StartResponse) -> list[bytes]:
    body = json.dumps(
        {
            "type": type_uri("length-required"),
            "title": "Length required",
            "status": 411,
            "detail": "this server cannot read a chunked body: send the body with a "
            "Content-Length header",
        }
    ).encode()
    start_response(
        "411 Length Required",
        [("Content-Type", "application/problem+json"), ("Content-Length", str(len(body)))],
    )
    return [body]
