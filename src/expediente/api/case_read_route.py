"""``GET /api/v1/cases/{nuid}`` without django-ninja's operation machinery.

The busiest route of the API (a prison's or a prosecution office's system polls its
cases) is a kept body most of the time (``api/kept_bodies.py``), and then django-ninja's
operation around it (the temporary response, the parameter collection, the checks) was
about a tenth of a read's CPU (``docs/performance.md``, sessions 17 and 18). Here a GET
(and a HEAD, which ``router._problems_from_routing`` turns into a GET) runs the same
operation function, ``cases.get_case``, with the same authentication (``TokenAuth``) and
the same error handlers (``api.on_exception``), straight from Django's URL resolver;
every other method goes to ninja as before. The OpenAPI description is ninja's, from
the same operation. ``tests/api/test_a_case_read_is_answered_as_ninja_would.py`` sends
the same requests both ways and compares the answers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from expediente.api.auth import TokenAuth
from expediente.api.cases import get_case

PATH = "cases/<nuid>"

View = Callable[..., HttpResponseBase]


def read_directly(view: View, api: NinjaAPI) -> View:
    """``view`` (ninja's for the path) with its GET answered without ninja."""
    authenticate = TokenAuth()

    @functools.wraps(view)
    def case_read(request: HttpRequest, nuid: str, **kwargs: Any) -> HttpResponseBase:
        if request.method != "GET":
            return view(request, nuid=nuid, **kwargs)
        try:
            actor = authenticate(request)
            if actor is None:
                raise AuthenticationError()
            request.auth = actor  # type: ignore[attr-defined]
            return get_case(request, nuid)
        except Exception as exc:  # as ninja's operation does: the API's handlers answer
            return api.on_exception(request, exc)

    return case_read
