"""Pages for accounts (lawyers, repeat users): sign in (password, then the same
second step as staff), all their cases, their clients' deadlines, one case, and adding a
case with a participant's code."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from expediente.access.participant_codes import CodeLocked, CodeRefused, link_by_code
from expediente.access.password_change import password_change_page
from expediente.access.policy import Actor
from expediente.court.auth_views import SignInForm
from expediente.docket.errors import InvalidInput, NotFound
from expediente.portal.addressing import ask_intro
from expediente.portal.case_view import participant_case
from expediente.portal.counsel_petitions import counsel_for, filed_for_clients, offers_for
from expediente.portal.follow_views import MAX_FIELD, client_ip, locked_message
from expediente.portal.language import keep_in_cookie, remembered_for_account, use_now
from expediente.portal.last_seen import case_page_seen, mark_new
from expediente.portal.my_cases import acting_as, counsel_deadlines, link_get, my_page

View = Callable[..., HttpResponse]


class SignInView(LoginView):
    """Password first; then the workspace's second step (``court:otp``), back to /my/."""

    template_name = "portal/my/sign_in.html"
    authentication_form = SignInForm

    def get_success_url(self) -> str:
        return reverse("court:otp") + "?next=" + reverse("portal:my_cases")


def account_required(view: View) -> View:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect("portal:my_sign_in")
        if not user.is_verified():  # type: ignore[attr-defined]
            return redirect(reverse("court:otp") + "?next=" + request.path)
        remembered = remembered_for_account(user)
        if remembered is None or remembered == getattr(request, "LANGUAGE_CODE", None):
            return view(request, *args, **kwargs)
        use_now(request, remembered)  # chosen on another device: it wins over the cookie
        return keep_in_cookie(view(request, *args, **kwargs), remembered)

    return wrapped


@never_cache
@account_required
def cases(request: HttpRequest) -> HttpResponse:
    page = my_page(user=request.user, now=timezone.now())  # type: ignore[arg-type]
    context = {"rows": page.rows, "week": page.week, **_link_form(request)}
    return render(request, "portal/my/cases.html", context)


def _link_form(request: HttpRequest) -> dict[str, Any]:
    return {"errors": {}, "problem": "", "values": {"case_number": ""}}


@never_cache
@account_required
def deadlines(request: HttpRequest) -> HttpResponse:
    rows = counsel_deadlines(user=request.user, now=timezone.now())  # type: ignore[arg-type]
    # limits set by law first, the court's own service targets apart (as on /my/): a
    # petition's answer target listed among them read as a legal deadline
    legal = [r for r in rows if not r.service_target]
    targets = [r for r in rows if r.service_target]
    return render(
        request, "portal/my/deadlines.html", {"rows": rows, "legal": legal, "targets": targets}
    )


@never_cache
@account_required
def case(request: HttpRequest, nuid: str, participant: str) -> HttpResponse:
    try:
        link = link_get(user=request.user, nuid=nuid, participant=participant)  # type: ignore[arg-type]
    except NotFound as e:
        raise Http404(str(e)) from e
    now = timezone.now()
    try:
        view = participant_case(
            case=link.case,
            participant=link.participant,
            now=now,
            actor=Actor(user=request.user, channel="portal"),  # type: ignore[arg-type]
            acting_as=acting_as(link),
        )
        counsel = counsel_for(link, view.disclosed)
    except NotFound as e:  # sealed: gone from every view outside the court
        raise Http404(str(e)) from e
    previous = case_page_seen(link=link, up_to=view.last_seq, now=now)
    context = {
        "view": view,
        "link": link,
        "offers": offers_for(counsel),
        "filed": filed_for_clients(counsel),
        "for_clients": view.reader.acts_for == "client",
        "files_elsewhere": counsel.files_elsewhere,
        "ask_intro": ask_intro(view.reader),
        "new": mark_new(view.timeline, previous),
    }
    return render(request, "portal/my/case.html", context)


@require_POST
@account_required
def link(request: HttpRequest) -> HttpResponse:
    """Redeem a participant's code: the account follows that participation from now on."""
    values = {k: str(request.POST.get(k, ""))[:MAX_FIELD] for k in ("case_number", "code")}
    errors: dict[str, str] = {}
    problem = ""
    status = 200
    try:
        made = link_by_code(
            user=request.user,  # type: ignore[arg-type]
            case_number=values["case_number"],
            code=values["code"],
            client_ip=client_ip(request),
        )
    except InvalidInput as e:
        errors = {err["field"]: err["message"] for err in e.errors}
        status = 400
    except CodeLocked as e:
        problem = locked_message(e.minutes)
        status = 429
    except CodeRefused:
        problem = _(
            "The case number and access code do not match. Check both against the notice and "
            "try again."
        )
    else:
        return redirect("portal:my_case", made.case.nuid, made.participant)
    page = my_page(user=request.user, now=timezone.now())  # type: ignore[arg-type]
    context = {
        "rows": page.rows,
        "week": page.week,
        "errors": errors,
        "problem": problem,
        "values": {"case_number": values["case_number"]},
    }
    return render(request, "portal/my/cases.html", context, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:my_sign_in")


@never_cache
@account_required
def password_change(request: HttpRequest) -> HttpResponse:
    """The account's own password (``access/password_change.py``)."""
    return password_change_page(request, template="portal/my/password.html", done="portal:my_cases")
