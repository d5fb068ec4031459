"""The reading pages of the workspace. Thin: parse the request, ask a selector, render."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from expediente.access.capabilities import Capability
from expediente.court.access import staff_required
from expediente.court.pages.calendar import calendar_today, day_hearings, zone_label
from expediente.court.pages.case_page import case_page
from expediente.court.pages.filters import CalendarForm, CaseSearchForm, MyCasesForm
from expediente.court.pages.judges import judge_match
from expediente.court.pages.search import (
    PAGE_SIZE,
    CaseFilters,
    RecentFirst,
    case_rows,
    case_search,
)
from expediente.court.pages.visibility import courts_for
from expediente.docket.errors import NotFound


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
    rows = case_rows(page.object_list, actor=actor, q=filters.q) if page else []
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
    """A day's hearings: of all the reader's courts by default (each row naming its court
    when there are several), or of the one court chosen. Judges may keep only the cases
    that name them."""
    actor = request.actor  # type: ignore[attr-defined]
    courts = courts_for(actor, Capability.CALENDAR_VIEW)
    if not courts:
        raise Http404("no court calendar for this account")
    judge_courts = [c for c in courts if "judge" in actor.roles_in(c.code)]
    # a court this account has no calendar of is an error on the form, not another
    # court's calendar shown in its place; none chosen is all of them
    requested = request.GET.get("court") or (courts[0].code if len(courts) == 1 else "")
    # "today" is the day on the clock of the courts to be shown
    now = timezone.now()
    today = calendar_today([c for c in courts if c.code == requested] or courts, now)
    data = {
        "court": requested,
        "date": request.GET.get("date") or today.day.isoformat(),
        "mine": request.GET.get("mine", "") if judge_courts else "",
    }
    form = CalendarForm(data, courts=courts, judge=bool(judge_courts))
    valid = form.is_valid()
    day = form.cleaned_data["date"] if valid else None
    chosen = form.cleaned_data["court"] if valid else ""
    shown = [c for c in courts if c.code == chosen] if chosen else courts
    mine = valid and bool(form.cleaned_data.get("mine"))
    judge = judge_match(actor.user) if mine else None
    rooms = day_hearings(actor=actor, courts=shown, day=day, named_judge=judge) if day else None
    context = {
        "form": form,
        "court": shown[0] if len(shown) == 1 else None,
        "several": len(shown) > 1,
        "court_code": chosen,
        "day": day,
        "today": today.day,
        # several courts on different clocks: the page says whose day "today" is
        "today_zone": zone_label(today.zone, now) if today.zones_differ and len(shown) > 1 else "",
        "rooms": rooms,
        "mine": "on" if mine else "",
        "by_name": (actor.user.get_full_name() or actor.user.username)
        if judge is not None and judge.by_name
        else "",
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
    judge = judge_match(actor.user) if named else None
    filters = CaseFilters(named_judge=judge)
    cases = case_search(actor=actor, courts=courts, filters=filters)
    page = Paginator(RecentFirst(cases, [c.pk for c in courts]), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = case_rows(page.object_list, actor=actor, now=timezone.now())
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "courts": courts,
        "by_name": actor.user.get_full_name() or actor.user.username
        if judge is not None and judge.by_name
        else "",
    }
    return render(request, "court/pages/my_cases.html", context)
