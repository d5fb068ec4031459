"""``expediente serve`` with one extra path, ``/bench/constant``, that answers a constant.

    DATABASE_URL=postgres://… .venv/bin/python bench/serve_const.py --port 8765

This runs the ``serve`` management command itself (gunicorn, the same workers, threads,
keep-alive and access log), after wrapping ``expediente.wsgi.application``: a request for
CONSTANT_PATH gets a small fixed JSON body straight from the WSGI layer, without Django;
every other request goes to Expediente unchanged. So the read benchmark compares the real
route with the cheapest answer the very same server can give. Only the benchmarks use it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

from common import django_setup

CONSTANT_PATH = "/bench/constant"
BODY = b'{"status": "ok", "constant": true}'
HEADERS = [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def with_constant(app: WSGIApp) -> WSGIApp:
    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == CONSTANT_PATH:
            start_response("200 OK", list(HEADERS))
            return [BODY]
        return app(environ, start_response)

    return application


def main(argv: list[str]) -> None:
    django_setup()
    from django.core.management import call_command

    import expediente.wsgi

    # `serve` imports `application` from expediente.wsgi when it starts: give it the wrapper.
    expediente.wsgi.application = with_constant(expediente.wsgi.application)
    call_command("serve", *argv)


if __name__ == "__main__":
    main(sys.argv[1:])
