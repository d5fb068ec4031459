"""Open a case (``case_open``), then go to its page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.court.access import staff_required
from expediente.court.forms.flow import case_url, posted, refused, sections
from expediente.court.forms.open_case_form import OpenCaseForm
from expediente.docket.errors import DocketError, IdempotencyConflict, PermissionDenied
from expediente.docket.models import Court
from expediente.docket.selectors import court_list
from expediente.docket.services import case_open
from expediente.rules.loader import load_pack


def courts_to_open_in(actor: Actor) -> list[Court]:
    mine = court_list().filter(code__in=actor.staff_courts)
    return [c for c in mine if can(actor, Capability.CASE_OPEN, court_code=c.code)]


def _cannot(request: HttpRequest) -> HttpResponse:
    return refused(
        request,
        None,
        title=_("You cannot open cases"),
        message=_("Your role does not allow opening cases. Ask a clerk of your court."),
        status=403,
    )


@never_cache
@staff_required
def open_case(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    courts = courts_to_open_in(actor)
    if not courts:
        return _cannot(request)
    procedures: list[str] = []
    for court in courts:
        heard = court.hears(load_pack(court.rule_pack).procedures)
        procedures += [p for p in heard if p not in procedures]
    form = OpenCaseForm(posted(request), courts=courts, procedures=procedures)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = case_open(
                court=form.court,
                actor=actor,
                procedure=form.cleaned_data["procedure"],
                occurred_at=form.cleaned_data["occurred_at"],
                police_report=form.cleaned_data["police_report"],
                summary=form.cleaned_data["summary"],
                idempotency_key=form.key,
            )
        except IdempotencyConflict:
            form.restamp(key=True)
            form.add_error(
                None,
                _(
                    "This page was already used to open a case. To open another one, "
                    "check the values below and submit again."
                ),
            )
        except PermissionDenied:
            return _cannot(request)
        except DocketError as exc:
            form.refuse(exc)
        else:
            case = recorded.event.case
            if recorded.created:
                messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
            else:
                messages.info(
                    request,
                    _(
                        "Case %(number)s was already opened from this page; nothing was "
                        "recorded twice."
                    )
                    % {"number": case.number},
                )
            return redirect(case_url(case.nuid))
    context = {
        "title": _("Open a case"),
        "submit_label": _("Open the case"),
        "form": form,
        "sections": sections(form),
        "back_url": reverse("court:home"),
    }
    return render(request, "court/forms/entry.html", context)
