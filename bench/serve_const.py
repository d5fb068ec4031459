"""``expediente serve`` with two extra paths that answer a constant.

    DATABASE_URL=postgres://… .venv/bin/python bench/serve_const.py --port 8765

This runs the ``serve`` management command itself (gunicorn, the same workers, threads,
keep-alive and access log), with two additions made here, in the benchmark, so that
nothing under ``src/`` knows about them:

- CONSTANT_PATH: ``expediente.wsgi.application`` is wrapped, so a request for it gets a
  small fixed JSON body straight from the WSGI layer, without Django: the cheapest
  answer the very same server can give.
- DJANGO_CONSTANT_PATH: a view added in front of Expediente's URL patterns answers the
  same body through Django's whole request cycle (every middleware of settings.py, URL
  resolution, the response's headers) without touching the database: the cheapest
  answer the same Django application can give.

Every other request goes to Expediente unchanged. Only the benchmarks use this script.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

from expediente.greenlets import patch_if_wanted

# as `expediente serve` does (expediente/cli.py): greenlets, if wanted, before Django
patch_if_wanted()

from common import django_setup  # noqa: E402

CONSTANT_PATH = "/bench/constant"
DJANGO_CONSTANT_PATH = "/bench/django-constant"
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


def add_django_constant() -> None:
    """Put DJANGO_CONSTANT_PATH first in Expediente's URL patterns."""
    from django.http import HttpRequest, HttpResponse
    from django.urls import path

    import expediente.urls

    def constant(request: HttpRequest) -> HttpResponse:
        return HttpResponse(BODY, content_type="application/json")

    route = path(DJANGO_CONSTANT_PATH.lstrip("/"), constant, name="bench-django-constant")
    expediente.urls.urlpatterns.insert(0, route)


def main(argv: list[str]) -> None:
    django_setup()
    from django.core.management import call_command

    import expediente.wsgi

    add_django_constant()

    # `serve` imports `application` from expediente.wsgi when it starts: give it the wrapper.
    expediente.wsgi.application = with_constant(expediente.wsgi.application)
    call_command("serve", *argv)


if __name__ == "__main__":
    main(sys.argv[1:])
