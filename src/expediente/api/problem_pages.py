"""The pages a problem's ``type`` names (``/problems/<code>``): what each kind of problem
means and what to do about it, in the reader's language, from ``problem_types``."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from expediente.problem_types import TYPES


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Every kind of problem, by status."""
    kinds = sorted(TYPES.values(), key=lambda t: (t.statuses[0], t.code))
    return render(request, "api/problems.html", {"kinds": kinds})


@require_safe
def kind(request: HttpRequest, code: str) -> HttpResponse:
    found = TYPES.get(code)
    if found is None:
        raise Http404(code)
    return render(request, "api/problem.html", {"kind": found})
