"""The gunicorn worker ``expediente serve`` runs: gunicorn's own, answering the requests
gunicorn refuses before Django sees them (a request line too long, headers too large, a
request that is not HTTP) with problem details (RFC 9457), as the API answers everything
else, instead of gunicorn's HTML page.

gunicorn decides the refusal in ``Worker.handle_error`` and writes its page there; this
worker overrides that method for the client's errors (``ParseException``), and leaves
the server's own errors (500s) to gunicorn.
"""

from __future__ import annotations

import json
import socket
from typing import Any

from gunicorn import util
from gunicorn.http import errors as http
from gunicorn.workers.gthread import ThreadWorker

from expediente.problem_types import TYPES, type_uri

# The refusals that are the server's fault, not the client's: gunicorn answers them.
_SERVERS_OWN = tuple(
    getattr(http, name)
    for name in ("ConfigurationProblem", "InvalidResponseHeader", "InvalidResponseHeaderName")
    if hasattr(http, name)
)


def refusal(exc: Exception, line_limit: int) -> tuple[int, str, str, str]:
    """(status, reason, problem code, detail) of a request gunicorn refused."""
    if isinstance(exc, http.LimitRequestLine):
        detail = f"the request line (method and URL) is longer than {line_limit} bytes"
        return 414, "URI Too Long", "uri-too-long", detail
    if isinstance(exc, http.LimitRequestHeaders):
        detail = f"the request's headers are too many or too large: {exc}"
        return 431, "Request Header Fields Too Large", "headers-too-large", detail
    if isinstance(exc, http.UnsupportedTransferCoding):
        detail = f"this server does not implement that transfer coding: {exc}"
        return 501, "Not Implemented", "transfer-coding", detail
    if isinstance(exc, http.ForbiddenProxyRequest):
        return 403, "Forbidden", "proxy", "this server does not take requests from this proxy"
    expectation = getattr(http, "ExpectationFailed", None)
    if expectation is not None and isinstance(exc, expectation):
        return 417, "Expectation Failed", "expectation-failed", str(exc)
    detail = f"the request is not valid HTTP/1.1: {str(exc)[:200]}"
    return 400, "Bad Request", "bad-request", detail


def problem_bytes(status: int, reason: str, code: str, detail: str) -> bytes:
    body = json.dumps(
        {"type": type_uri(code), "title": TYPES[code].title, "status": status, "detail": detail},
        ensure_ascii=True,
    ).encode("ascii")
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/problem+json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body


class ProblemThreadWorker(ThreadWorker):
    def handle_error(self, req: Any, client: socket.socket, addr: Any, exc: Exception) -> None:
        if not isinstance(exc, http.ParseException) or isinstance(exc, _SERVERS_OWN):
            super().handle_error(req, client, addr, exc)
            return
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        answer = problem_bytes(*refusal(exc, self.cfg.limit_request_line))
        try:
            util.write_nonblock(client, answer)
        except Exception:  # the client went away: nothing to tell it
            self.log.debug("Failed to send error message.")
