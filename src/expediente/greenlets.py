"""Whether ``expediente serve`` answers with greenlets (gevent) or with threads.

With greenlets, each worker process serves every connection it holds in a greenlet of
its own, and a request that waits (for PostgreSQL, for a slow phone sending its request)
costs a switch inside the process instead of a thread held and a switch of the kernel's.
A court's server then keeps answering while hundreds of slow clients are connected
(each gthread worker answered at most ``--threads`` at a time, however slow they were),
and a case read through the API runs 1.7–1.8 times as fast on two processors
(docs/performance.md, "Session 31"). The price: a request that computes for a long time
without waiting holds every other request of its process meanwhile (threads share the
processor every 5 ms); Expediente's long work is SQL, during which the process is free,
and its slow hashes run in real threads (:func:`off_the_loop`).

The choice is made before Django is imported, because gevent must replace the standard
library's sockets, threads and locks before anything holds one (``expediente.cli``
calls :func:`patch_if_wanted` for ``serve``):

* ``EXPEDIENTE_SERVER=greenlets`` or ``threads`` chooses;
* unset or empty: greenlets on PostgreSQL, threads on SQLite. SQLite waits for its file
  lock inside the C library, which would stop the whole process if the greenlet holding
  the lock were waiting for something else; a laptop's demo does not need greenlets.

A process serving with greenlets keeps its PostgreSQL connections in a pool
(``settings.py``, ``EXPEDIENTE_DB_POOL_SIZE``), since each greenlet would otherwise open
its own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")

VARIABLE = "EXPEDIENTE_SERVER"
CHOICES = ("greenlets", "threads")
# the schemes dj_database_url gives Django's PostgreSQL backend (postgis is another
# engine, without the pool settings.py sets up: threads)
_POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql")


class BadChoice(ValueError):
    """EXPEDIENTE_SERVER holds something else than one of CHOICES."""


def wanted(environ: Mapping[str, str] = os.environ) -> bool:
    """True if ``expediente serve`` should answer with greenlets (see the module)."""
    choice = environ.get(VARIABLE, "").strip().lower()
    if choice:
        if choice not in CHOICES:
            raise BadChoice(
                f"{VARIABLE} must be 'greenlets' or 'threads' (or unset: greenlets on "
                f"PostgreSQL, threads on SQLite), not {environ[VARIABLE]!r}"
            )
        return choice == "greenlets"
    scheme = environ.get("DATABASE_URL", "").split(":", 1)[0].strip().lower()
    return scheme.split("+", 1)[0] in _POSTGRES_SCHEMES


def patch_if_wanted(environ: Mapping[str, str] = os.environ) -> bool:
    """Replace the standard library's blocking parts with gevent's, if greenlets are
    wanted; to be called before anything else is imported. True if patched."""
    if not wanted(environ):
        return False
    from gevent import monkey  # type: ignore[import-untyped]

    monkey.patch_all()
    return True


def patched() -> bool:
    """True if this process's sockets are gevent's (patched at its start)."""
    if "gevent.monkey" not in sys.modules:
        return False
    from gevent import monkey

    return bool(monkey.is_module_patched("socket"))


def off_the_loop(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``work(*args, **kwargs)`` in one of gevent's real threads when this process serves
    with greenlets, else here. For work that holds the processor without waiting but
    lets go of Python's lock, the slow hashes above all (a password's PBKDF2, 0.26 s; a
    portal code's scrypt, 65 ms): in a greenlet it would stop every other connection of
    the process meanwhile, and a stream of wrong codes would stall the portal."""
    if not patched():
        return work(*args, **kwargs)
    import gevent

    return gevent.get_hub().threadpool.apply(work, args, kwargs)
