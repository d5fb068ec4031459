"""The gunicorn worker ``expediente serve`` runs with greenlets (gevent; see
``expediente/greenlets.py`` for when): gunicorn's own, with two changes.

* gunicorn's refusals (a request line too long, headers too large, not HTTP) are answered
  as problem details, as ``ProblemThreadWorker`` does for threads.
* Each connection lets the others run after every answer. A greenlet runs until it
  waits; on a keep-alive connection whose client sends its next request at once, the
  next request is already there, so a quick answer never waits and one busy client
  could keep the others of its process waiting for seconds (measured: a constant
  answered at 32 connections had a p99 of 1.3–4.6 s, docs/performance.md "Session 31").
  It waits until the event loop is idle (``gevent.idle``: every ready greenlet has run
  and the network has been polled), not only until the ready ones have run
  (``gevent.sleep(0)``, which left that p99 at 120–364 ms and its longest at 0.7 s;
  with ``idle`` 39–57 ms and 0.12 s, as with threads).
"""

from __future__ import annotations

from typing import Any

import gevent  # type: ignore[import-untyped]
from gunicorn.workers.ggevent import GeventWorker

from expediente.portal.gunicorn_worker import ProblemThreadWorker


class ProblemGreenletWorker(GeventWorker):
    handle_error = ProblemThreadWorker.handle_error

    def handle_request(self, listener_name: Any, req: Any, sock: Any, addr: Any) -> Any:
        try:
            return super().handle_request(listener_name, req, sock, addr)
        finally:
            gevent.idle()  # the others' turn before this connection's next request
