"""Whether a database error means the database cannot be reached or lent at the moment
(it is down, restarting, refusing connections, or every connection of the pool is
busy), as opposed to a fault in what was asked. The API then answers 503 with
``Retry-After`` instead of 500: the client did nothing wrong and should ask again."""

from __future__ import annotations

import psycopg
from django.db import OperationalError
from psycopg_pool import PoolTimeout

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
