"""Workspace pages. Thin: parse, ask a selector or service, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from expediente.access.reader_labels import staff_role_name
from expediente.court.access import staff_required
from expediente.docket.selectors import court_overview


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    mine = actor.staff_courts
    courts = [c for c in court_overview() if c.code in mine]
    roles = {code: sorted(staff_role_name(r) for r in actor.roles_in(code)) for code in mine}
    return render(request, "court/home.html", {"courts": courts, "roles": roles})
