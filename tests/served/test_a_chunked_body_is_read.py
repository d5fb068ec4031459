"""A body sent with ``Transfer-Encoding: chunked`` and no ``Content-Length`` (what many
HTTP libraries do when they stream) is read like any other: it reached the API as an
empty body, and the client was told a field was missing."""

from __future__ import annotations

import io
import json

from django.conf import settings

from expediente.wsgi import application
from tests.served.conftest import Served


def chunked(body: bytes, size: int = 7) -> bytes:
    parts = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def post(served: Served, body: bytes) -> tuple[int, dict[str, str], dict]:
    head = (
        "POST /api/v1/cases HTTP/1.1\r\n"
        f"Host: {served.host}:{served.port}\r\n"
        f"Authorization: Bearer {served.token}\r\n"
        "Content-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n"
    )
    raw = served.exchange(head.encode() + chunked(body))
    head_part, _, content = raw.partition(b"\r\n\r\n")
    lines = head_part.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, json.loads(content)


def test_a_chunked_body_is_read_and_checked_as_sent(served):
    body = {"court": "no-such-court", "procedure": "adult", "occurred_at": "2026-03-01T09:00Z"}
    status, headers, problem = post(served, json.dumps(body).encode())
    # the body was read: it is refused for what it says, not as missing
    assert (status, headers["Content-Type"]) == (422, "application/problem+json")
    assert problem["errors"] == [{"field": "court", "message": "unknown court"}]


def test_a_chunked_body_that_is_not_json_is_refused_as_such(served):
    status, _, problem = post(served, b'{"court": ')
    assert status == 400
    assert problem["type"].endswith("/malformed")


def test_a_chunked_body_over_the_limit_is_refused_as_too_large(served):
    big = b'{"court": "' + b"x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + b'"}'
    status, _, problem = post(served, big)
    assert status == 413
    assert problem["type"].endswith("/too-large")


def test_a_server_that_hands_over_raw_chunks_answers_411():
    """Django's runserver does not decode chunks (no ``wsgi.input_terminated``): the
    body cannot be read, and the client is told to send a Content-Length."""
    seen: list[str] = []
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/api/v1/cases",
        "HTTP_TRANSFER_ENCODING": "chunked",
        "CONTENT_TYPE": "application/json",
        "wsgi.input": io.BytesIO(chunked(b"{}")),
    }
    out = application(environ, lambda status, headers: seen.append(status))
    assert seen == ["411 Length Required"]
    problem = json.loads(b"".join(out))
    assert problem["status"] == 411
    assert "Content-Length" in problem["detail"]
