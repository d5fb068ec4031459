"""The reading pages of the workspace. Thin: parse the request, ask a selector, render."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from expediente.access.capabilities import Capability
from expediente.court.access import staff_required
from expediente.court.pages.calendar import day_hearings
from expediente.court.pages.case_page import case_page
from expediente.court.pages.filters import CalendarForm, CaseSearchForm, MyCasesForm
from expediente.court.pages.search import (
    PAGE_SIZE,
    CaseFilters,
    RecentFirst,
    case_rows,
    case_search,
)
from expediente.court.pages.visibility import courts_for
from expediente.docket.errors import NotFound
from expediente.docket.text import fold


@staff_required
def case_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = courts_for(actor)
    form = CaseSearchForm(request.GET or None, courts=courts)
    filters = form.filters()
    invalid = form.is_bound and not form.is_valid()
    cases = case_search(actor=actor, courts=courts, filters=filters)
    listed = RecentFirst(
        cases, [c.pk for c in courts if not filters.court or c.code == filters.court]
    )
    page = None if invalid else Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = case_rows(page.object_list, actor=actor) if page else []
    context = {"form": form, "page": page, "rows": rows, "searched": form.is_bound}
    return render(request, "court/pages/case_list.html", context)


@staff_required
def case_detail(request: HttpRequest, nuid: str) -> HttpResponse:
    try:
        page = case_page(nuid=nuid, actor=request.actor, now=timezone.now())  # type: ignore[attr-defined]
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "court/pages/case_detail.html", {"page": page, "case": page.case})


@staff_required
def calendar(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = courts_for(actor, Capability.CALENDAR_VIEW)
    if not courts:
        raise Http404("no court calendar for this account")
    requested = request.GET.get("court") or ""
    court = next((c for c in courts if c.code == requested), courts[0])
    today = timezone.now().astimezone(ZoneInfo(court.timezone)).date()
    data = {
        # a court this account has no calendar of is an error on the form, not another
        # court's calendar shown in its place
        "court": requested or court.code,
        "date": request.GET.get("date") or today.isoformat(),
        "mine": request.GET.get("mine", ""),
    }
    form = CalendarForm(data, courts=courts)
    day = form.cleaned_data["date"] if form.is_valid() else None
    mine = form.is_valid() and form.cleaned_data["mine"]
    judge = fold(actor.user.get_full_name() or actor.user.username) if mine else ""
    rooms = day_hearings(actor=actor, court=court, day=day, named_judge=judge) if day else None
    context = {
        "form": form,
        "court": court,
        "day": day,
        "today": today,
        "rooms": rooms,
        "mine": "on" if mine else "",
    }
    if day:
        context["day_before"] = (day - dt.timedelta(days=1)).isoformat()
        context["day_after"] = (day + dt.timedelta(days=1)).isoformat()
    return render(request, "court/pages/calendar.html", context)


@staff_required
def my_cases(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = [c for c in courts_for(actor) if "judge" in actor.roles_in(c.code)]
    form = MyCasesForm(request.GET or None)
    named = form.is_valid() and form.cleaned_data["named"]
    name = fold(actor.user.get_full_name() or actor.user.username)
    filters = CaseFilters(named_judge=name if named else "")
    cases = case_search(actor=actor, courts=courts, filters=filters)
    page = Paginator(RecentFirst(cases, [c.pk for c in courts]), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = case_rows(page.object_list, actor=actor, now=timezone.now())
    context = {"form": form, "page": page, "rows": rows, "courts": courts}
    return render(request, "court/pages/my_cases.html", context)
