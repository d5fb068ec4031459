"""The supervising judge's list of measures by compliance status, and the reporting
desk: today's expected check-ins, each recorded with one button. Thin: parse, call the
measures selectors or service, render."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from expediente.court.access import staff_required
from expediente.court.pages.visibility import courts_for, visibility_q
from expediente.docket.errors import DocketError
from expediente.docket.models import Case
from expediente.measures.labels import kind_label
from expediente.measures.selectors import (
    STATUSES,
    checkins_expected,
    checkins_today,
    measure_list_supervised,
)
from expediente.measures.services import measure_check_in


@staff_required
def supervision(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = courts_for(actor)
    closed = request.GET.get("closed") == "1"
    rows = measure_list_supervised(
        courts=courts,
        visible=visibility_q(actor, courts),
        now=timezone.now(),
        include_closed=closed,
    )
    counts = {s: sum(r.status == s for r in rows) for s in STATUSES}
    lang = request.LANGUAGE_CODE
    lines = [
        {
            "status": r.status,
            "measure": r.measure,
            "kind_label": kind_label(r.measure.kind),
            "overdue": [d.explain(lang) for d in r.overdue],
            "next_text": r.next_due.explain(lang) if r.next_due else "",
            "behind": r.behind,
        }
        for r in rows
    ]
    context = {"courts": courts, "rows": lines, "counts": counts, "closed": closed}
    return render(request, "court/measures/supervision.html", context)


@staff_required
def reporting_desk(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = courts_for(actor)
    now = timezone.now()
    visible = visibility_q(actor, courts)
    context = {
        "courts": courts,
        "expected": checkins_expected(courts=courts, visible=visible, now=now),
        "done": checkins_today(courts=courts, visible=visible, now=now),
        "key": uuid.uuid4().hex,
    }
    return render(request, "court/measures/desk.html", context)


@require_POST
@staff_required
def check_in(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = courts_for(actor)
    nuid = request.POST.get("case", "")
    measure = request.POST.get("measure", "")
    key = request.POST.get("key", "")
    case = Case.objects.filter(visibility_q(actor, courts), nuid=nuid).first()
    if case is None:
        messages.error(request, _("That case was not found. Reload the page and try again."))
        return redirect("court:measures_desk")
    try:
        measure_check_in(
            case=case,
            measure=measure,
            actor=actor,
            occurred_at=timezone.now(),
            idempotency_key=f"desk:{key}:{nuid}:{measure}"[:200] if key else None,
        )
    except DocketError as exc:
        messages.error(request, _("Check-in not recorded: %(why)s") % {"why": exc.message})
        return redirect("court:measures_desk")
    messages.success(
        request,
        _("Check-in recorded for %(measure)s in case %(case)s.")
        % {
            "measure": measure,
            "case": case.number,
        },
    )
    return redirect("court:measures_desk")
