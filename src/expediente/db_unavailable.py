"""Whether a database error means the database cannot be reached or lent at the moment
(it is down, restarting, refusing connections, or every connection of the pool is
busy), as opposed to a fault in what was asked. The API and the pages then answer 503
with ``Retry-After`` instead of 500: the client did nothing wrong and should ask again."""

from __future__ import annotations

import logging
from collections.abc import Callable

import psycopg
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from psycopg_pool import PoolTimeout

log = logging.getLogger(__name__)

# PostgreSQL's classes of connection trouble: 08 connection exception; 57P01 admin
# shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up, recovering)
_SQLSTATES = ("57P01", "57P02", "57P03")

RETRY_AFTER_SECONDS = 30


def unavailable(exc: BaseException) -> bool:
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if isinstance(cause, PoolTimeout):
        return True
    if not isinstance(cause, psycopg.OperationalError):
        return False
    state = cause.sqlstate
    # no SQLSTATE: the connection itself failed (refused, reset, closed by the server)
    return state is None or state.startswith("08") or state in _SQLSTATES


def for_now(request: HttpRequest, exc: BaseException, response: HttpResponse) -> HttpResponse:
    """``response`` (a 503) with ``Retry-After``, the unavailability logged as an error
    for the court's IT staff (a wrong database name or role also ends here: the message
    says which)."""
    log.error("database unavailable in %s %s: %s", request.method, request.path, exc)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class UnavailablePage:
    """Middleware: a page whose view found the database unreachable answers 503 with
    ``Retry-After`` and the server-error page (its words fit: not your fault, try again
    in a few minutes), so that a monitor or a proxy sees a moment's unavailability, not
    a fault of the page. The API answers its own problem (api/problems.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not unavailable(exc):
            return None
        return for_now(request, exc, HttpResponse(loader.render_to_string("500.html"), status=503))
