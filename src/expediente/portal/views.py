from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from expediente.docket.selectors import CourtRow, court_overview
from expediente.recent import Recent

_overview: Recent[list[CourtRow]] = Recent(size=1)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The public landing page: the courts and their case counts, as counted at most
    ``EXPEDIENTE_PUBLIC_FIGURES_SECONDS`` ago (a count of every case per visitor would
    let anyone keep the database busy)."""
    answer = _overview.get("courts", court_overview)
    return render(
        request, "portal/home.html", {"courts": answer.value, "counted_at": answer.computed_at}
    )
