"""The court's access log page: who read protected data of the court's cases, when, how.

For court administrators and judges (``access.access_log.access_log_courts``); anyone
else gets a 404, as for any page they may not see."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from expediente.access.access_log import access_log_courts, access_log_for_courts
from expediente.court.access import staff_required


@staff_required
def access_log(request: HttpRequest) -> HttpResponse:
    courts = access_log_courts(request.actor)  # type: ignore[attr-defined]
    if not courts:
        raise Http404("no access log for this account")
    number = str(request.GET.get("case", ""))[:40].strip()
    rows = access_log_for_courts(court_codes=courts, case_number=number or None)
    return render(
        request,
        "court/pages/access_log.html",
        {"rows": rows, "case_number": number, "courts": courts},
    )
