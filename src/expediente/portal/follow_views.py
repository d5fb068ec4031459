"""Following a case with a code: sign in, the case page, sign out. Thin: parse, call the
access service or the case selector, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from expediente.access.client_address import client_address
from expediente.access.participant_codes import CodeLocked, CodeRefused, code_verify
from expediente.docket.errors import InvalidInput, NotFound
from expediente.docket.models import Participation
from expediente.docket.professional_roles import PROSECUTION_ROLES
from expediente.notify import subscriptions
from expediente.notify.models import Channel
from expediente.notify.selectors import inbox_for
from expediente.notify.subscriptions import subscribe, subscription_language_set, subscriptions_of
from expediente.portal.case_view import participant_case
from expediente.portal.emergency import emergency_everywhere
from expediente.portal.language import keep_in_cookie, remembered_for_participant
from expediente.portal.participant_session import (
    Following,
    after_sign_in,
    code_stopped_told,
    require_visible,
    session_current,
    session_end,
    session_start,
    signed_out,
)
from expediente.portal.petitions_panel import petitions_panel

MAX_FIELD = 100


def client_ip(request: HttpRequest) -> str:
    """The address the request came from (access/client_address.py; docs/security.md)."""
    return client_address(request)


# HEAD is answered as GET is (link checkers, a phone's browser probing a saved link):
# the server sends the headers without the body (gunicorn drops it; Django's test client
# and runserver too).
READ_OR_POST = ["GET", "HEAD", "POST"]


@never_cache
@require_http_methods(READ_OR_POST)
def sign_in(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    if request.method in ("GET", "HEAD") and session_current(request, now):
        return redirect("portal:follow_case")
    errors: dict[str, str] = {}
    problem = ""
    locked = False
    status = 200
    values = {"case_number": "", "code": ""}
    if request.method == "POST":
        values = {k: str(request.POST.get(k, ""))[:MAX_FIELD] for k in values}
        try:
            verified = code_verify(
                case_number=values["case_number"],
                code=values["code"],
                client_ip=client_ip(request),
                now=now,
            )
        except InvalidInput as e:
            errors = {err["field"]: err["message"] for err in e.errors}
            status = 400
        except CodeLocked as e:
            # counted per connection (access/code_throttle.py): what someone else typed
            # for this case number never locks this one out
            problem = locked_message(e.minutes)
            locked = True
            status = 429
        except CodeRefused:
            problem = _(
                "The case number and access code do not match. Check both against your "
                "notice and try again."
            )
        else:
            if _read_through_an_account(verified.case, verified.participant):
                problem = _(
                    "This code is the prosecution's: it does not open the case here. Sign "
                    "in to your account at /my/ and add the code there."
                )
                context = {"errors": errors, "problem": problem, "values": values}
                return render(request, "portal/follow/sign_in.html", context, status=403)
            session_start(request, verified, now)
            response = redirect(after_sign_in(request, verified))
            remembered = remembered_for_participant(verified.case, verified.participant)
            return keep_in_cookie(response, remembered) if remembered else response
    else:
        values["case_number"] = str(request.GET.get("case_number", ""))[:MAX_FIELD]
        if request.method == "GET" and code_stopped_told(request):
            problem = _(
                "The access code you were using no longer works: the court cancelled it "
                "or gave a new one, or it expired. Ask the court office for a new code."
            )
    page: dict[str, Any] = {"errors": errors, "problem": problem, "values": values}
    if locked:  # where else to turn, and the emergency number, for whoever waits
        page.update(locked=True, emergency=emergency_everywhere())
    return render(request, "portal/follow/sign_in.html", page, status=status)


def locked_message(minutes: int) -> str:
    """Why a code is not being checked, without blaming the reader: the wrong codes were
    typed from this connection (perhaps by someone else), and when to try again."""
    return ngettext(
        "Too many wrong access codes were typed from this connection. You can try again "
        "in %(minutes)d minute.",
        "Too many wrong access codes were typed from this connection. You can try again "
        "in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def _read_through_an_account(case: Any, participant: str) -> bool:
    """Whether this participation's code opens the case only through an account: the
    prosecution's, whose rules show the whole record (identity documents, dates of
    birth, the record's text; ``prosecution_party``), which a printed code alone, with
    no password and no second factor, must not open (/my/ asks for both)."""
    role = ((case.roster or {}).get("participants") or {}).get(participant)
    return role in PROSECUTION_ROLES


CONSENT_VERSION = "portal-2026-2"  # the consent sentence on the case page (bump on change)


@never_cache
@require_http_methods(READ_OR_POST)
def case_page(request: HttpRequest) -> HttpResponse:
    """The case page; a POST is the "tell me when something changes" form on it."""
    now = timezone.now()
    following = session_current(request, now)
    if following is None:
        return redirect("portal:follow")
    participation = Participation.objects.get(case=following.case, uid=following.participant)
    if request.method == "HEAD":
        # a phone probing a saved link reads nothing: no page, no line in "who viewed"
        require_visible(request, participation)
        return HttpResponse(content_type="text/html; charset=utf-8")
    errors: dict[str, str] = {}
    values = {"channel": "sms", "address": ""}
    status = 200
    if request.method == "POST":
        values = {k: str(request.POST.get(k, ""))[:500] for k in ("channel", "address")}
        try:
            subscribe(
                participation=participation,
                channel=values["channel"],
                address=values["address"],
                language=(get_language() or "es")[:2],
                consent=request.POST.get("consent") == "yes",
                consent_text_version=CONSENT_VERSION,
                now=now,
                code_id=following.code_id,
            )
        except InvalidInput as e:
            errors = {err["field"]: err["message"] for err in e.errors}
            status = 400
        else:
            messages.success(request, _("Done: we will tell you when something changes."))
            return redirect("portal:follow_case")
    context = {"errors": errors, "values": values}
    return _case_response(request, following, participation, now, context, status)


@never_cache
@require_POST
def subscription_language(request: HttpRequest, subscription: int) -> HttpResponse:
    """The language of one subscription's messages, chosen on the case page (the screen's
    language never changes it: the code may be shared by a family)."""
    now = timezone.now()
    following = session_current(request, now)
    if following is None:
        return redirect("portal:follow")
    participation = Participation.objects.get(case=following.case, uid=following.participant)
    require_visible(request, participation)  # sealed since: gone for the reader
    language = str(request.POST.get("language", ""))[:16]
    try:
        subscription_language_set(
            participation=participation, subscription=subscription, language=language
        )
    except NotFound as e:
        raise Http404(str(e)) from e
    except InvalidInput as e:
        context = {
            "errors": {},
            "values": {"channel": "sms", "address": ""},
            "language_errors": {subscription: e.errors[0]["message"]},
        }
        return _case_response(request, following, participation, now, context, 400)
    messages.success(request, _("Done: those messages will be written in the language you chose."))
    return redirect("portal:follow_case")


@never_cache
@require_POST
def subscription_stop(request: HttpRequest, subscription: int) -> HttpResponse:
    """Stop one way of being told, from the case page (the inbox's messages carry no
    link to stop them; the page asks no secret of the link's kind)."""
    following = session_current(request, timezone.now())
    if following is None:
        return redirect("portal:follow")
    participation = Participation.objects.get(case=following.case, uid=following.participant)
    require_visible(request, participation)  # sealed since: gone for the reader
    try:
        subscriptions.subscription_stop(participation=participation, subscription=subscription)
    except NotFound as e:
        raise Http404(str(e)) from e
    messages.success(request, _("Done: those messages are stopped."))
    return redirect("portal:follow_case")


def _case_response(
    request: HttpRequest,
    following: Following,
    participation: Participation,
    now: dt.datetime,
    context: dict[str, Any],
    status: int,
) -> HttpResponse:
    try:
        view = participant_case(case=following.case, participant=following.participant, now=now)
    except NotFound as e:  # the case was sealed since: it no longer exists for the reader
        session_end(request)
        raise Http404(str(e)) from e
    context = {
        "view": view,
        "channels": [(c.value, c.label) for c in Channel if c != Channel.WEBHOOK],
        "subscriptions": [s for s in subscriptions_of(participation) if s.active],
        "language_errors": {},
        "inbox": inbox_for(participation, limit=20),
        "petitions": petitions_panel(
            case=following.case, participation=participation, now=now, reader=view.reader
        ),
        **context,
    }
    return render(request, "portal/follow/case.html", context, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    signed_out(request)
    return redirect("portal:follow")
