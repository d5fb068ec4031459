"""The supervising judge's list of measures by compliance status, and the reporting
desk: today's expected check-ins, each recorded with one button. Thin: parse, call the
measures selectors or service, render.

Both lists go through ``disclosure.disclose_many`` (``court.due.reads``): a measure of a
case the rules hide from the reader is left off, the person is named as the rules say,
and the page's reads are one INSERT in the access log (the desk shows identity documents
too, and logs them)."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from expediente.access.policy import Actor
from expediente.court.access import staff_required
from expediente.court.due.reads import page_views, seen_by, with_case_court
from expediente.court.forms.base import said
from expediente.court.forms.flow import not_allowed_reason
from expediente.court.pages.visibility import courts_for, visibility_q
from expediente.docket.errors import (
    DocketError,
    IdempotencyConflict,
    NotAllowedInStage,
    SequenceConflict,
)
from expediente.docket.models import Case
from expediente.docket.selectors import case_get
from expediente.docket.text import compact, name_matches
from expediente.measures.conditions import CHECK_IN
from expediente.measures.labels import kind_label
from expediente.measures.models import Measure
from expediente.measures.selectors import (
    STATUSES,
    checkins_expected,
    checkins_expected_count,
    checkins_today,
    desk_search,
    measure_page_supervised,
)
from expediente.measures.services import measure_check_in
from expediente.rules.loader import load_pack


@staff_required
def supervision(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = courts_for(actor)
    closed = request.GET.get("closed") == "1"
    status = request.GET.get("status")
    if status not in STATUSES or (status == "closed" and not closed):
        status = None  # an unknown status, as on the due list: the whole list
    found = measure_page_supervised(
        courts=courts,
        visible=visibility_q(actor, courts),
        now=timezone.now(),
        include_closed=closed,
        status=status,
        page=request.GET.get("page"),
    )
    # only the page's people are read (and logged): the list may run to thousands
    with_case_court([r.measure for r in found.rows])
    views = page_views(actor, [(r.measure.case, r.measure.participation) for r in found.rows])
    rows = [
        (r, name)
        for r in found.rows
        if (name := seen_by(views, r.measure.case, r.measure.participation)) is not None
    ]
    lang = request.LANGUAGE_CODE
    lines = [
        {
            "status": r.status,
            "measure": r.measure,
            "name": name,
            "kind_label": kind_label(r.measure.kind),
            "overdue": [d.explain(lang) for d in r.overdue],
            "next_text": r.next_due.explain(lang) if r.next_due else "",
            "behind": r.behind,
        }
        for r, name in rows
    ]
    context = {
        "courts": courts,
        "rows": lines,
        "counts": found.counts,
        "total": sum(found.counts.values()),
        "status": status,
        "page": found.page,
        "closed": closed,
    }
    return render(request, "court/measures/supervision.html", context)


DESK_SHOWN = 100  # people expected at a time; beyond them the desk asks for a search
MAX_QUERY = 100


@staff_required
def reporting_desk(request: HttpRequest) -> HttpResponse:
    """Who is expected to report (due today or behind), each with a check-in button, and
    who has checked in today. At a court's scale hundreds are behind, so the desk shows
    the first ``DESK_SHOWN`` and finds anyone by name, identity document or case number
    (``?q=``); only the people shown are read and logged."""
    actor = request.actor  # type: ignore[attr-defined]
    courts = courts_for(actor)
    query = _desk_query(request.GET.get("q", ""))
    now = timezone.now()
    visible = visibility_q(actor, courts)
    # found on what is recorded, then checked again below on what this reader may see
    matching = desk_search(query) if query else None
    expected = checkins_expected(
        courts=courts, visible=visible, now=now, matching=matching, limit=DESK_SHOWN
    )
    waiting = len(expected)
    if waiting == DESK_SHOWN:
        waiting = checkins_expected_count(
            courts=courts, visible=visible, now=now, matching=matching
        )
    for e in expected:  # the deadline's case and court are the measure's, already loaded
        e.measure.case, e.measure.court = e.deadline.case, e.deadline.court
    done = [] if query else checkins_today(courts=courts, visible=visible, now=now)
    measures = [e.measure for e in expected] + done
    with_case_court(measures)
    views = page_views(actor, [(m.case, m.participation) for m in measures], also=("identifiers",))

    def shown(m: Measure) -> bool:
        name = seen_by(views, m.case, m.participation)
        if name is None:
            return False
        details = views[m.case.pk].person(m.participation)
        m.shown_name = name  # type: ignore[attr-defined]  # the name the rules allow
        m.shown_id = details["id_number"]  # type: ignore[attr-defined]  # "" when not shown
        # a row found by a detail this reader may not see is not shown: its presence
        # would confirm the hidden detail
        return not query or _desk_match(query, m, (name, details["id_number"]))

    rows = [e for e in expected if shown(e.measure)]
    context = {
        "courts": courts,
        "expected": rows,
        "more": waiting - len(expected),
        "waiting": waiting,
        "query": query,
        "done": [m for m in done if shown(m)],
        "key": uuid.uuid4().hex,
    }
    return render(request, "court/measures/desk.html", context)


def _desk_query(text: str) -> str:
    """The search as typed, without what no database can compare (NUL) and cut short."""
    return text.replace("\x00", "").strip()[:MAX_QUERY]


def _desk_match(query: str, m: Measure, shown: tuple[str, str]) -> bool:
    """Does the person under ``m`` answer to ``query`` by what this reader sees
    (``shown``: their name and identity document, "" where hidden): ``desk_search``'s
    rule, on those values."""
    name, document = shown
    if not any(c.isdigit() for c in query):
        return name_matches(query, name)
    typed = compact(query).casefold()
    return bool(typed) and any(
        value and compact(value).casefold().startswith(typed)
        for value in (document, m.case.number, m.case.nuid)
    )


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
        return _back_to_desk(request)
    idempotency_key = f"desk:{key}:{nuid}:{measure}"[:200] if key else None
    try:
        _check_in_once(case, measure, actor, idempotency_key)
    except IdempotencyConflict:
        # the page's key for this measure was used: the button was pressed twice
        messages.info(
            request,
            _(
                "This check-in was already recorded from this page (%(measure)s in case "
                "%(case)s); it was not recorded twice."
            )
            % {"measure": measure, "case": case.number},
        )
        return _back_to_desk(request)
    except DocketError as exc:
        why = _desk_refusal(exc, case, actor)
        messages.error(request, _("Check-in not recorded: %(why)s") % {"why": why})
        return _back_to_desk(request)
    messages.success(
        request,
        _("Check-in recorded for %(measure)s in case %(case)s.")
        % {
            "measure": measure,
            "case": case.number,
        },
    )
    return _back_to_desk(request)


def _check_in_once(case: Case, measure: str, actor: Actor, key: str | None) -> None:
    """Record the check-in; a second press that raced the first looks stale to the
    service (another entry at the same moment): asked again, it finds the first."""
    try:
        measure_check_in(
            case=case, measure=measure, actor=actor, occurred_at=timezone.now(), idempotency_key=key
        )
    except SequenceConflict:
        case.refresh_from_db()
        measure_check_in(
            case=case, measure=measure, actor=actor, occurred_at=timezone.now(), idempotency_key=key
        )


def _desk_refusal(exc: DocketError, case: Case, actor: Actor) -> str:
    """Why the check-in was refused, in the reader's language."""
    if isinstance(exc, NotAllowedInStage):
        fresh = case_get(nuid=case.nuid, actor=actor)
        reason = not_allowed_reason(load_pack(fresh.court.rule_pack), CHECK_IN, fresh)
        if reason:
            return reason
    if isinstance(exc, SequenceConflict):
        return _("another entry was recorded in this case at the same moment; press again.")
    return said(exc, ZoneInfo(case.court.timezone))


def _back_to_desk(request: HttpRequest) -> HttpResponse:
    """The desk again, with the search the check-in was pressed from."""
    query = _desk_query(str(request.POST.get("q", "")))
    target = reverse("court:measures_desk")
    return redirect(f"{target}?{urlencode({'q': query})}" if query else target)
