"""/my/notifications/: an account's email notifications for the cases it is counsel,
prosecutor or guardian in (``notify.accounts``), and the link that confirms an address.
Thin: parse, call the service, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Confidentiality
from expediente.notify import accounts
from expediente.notify.channels.base import SendError
from expediente.notify.views import LONG_TOKEN
from expediente.portal.my_views import account_required

MAX_EMAIL = 300


@never_cache
@account_required
@require_http_methods(["GET", "HEAD", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    """GET: her address (confirmed, or awaiting its link), on or off, the cases covered.
    POST ``action``: ``email`` (a new address: a link to confirm it is sent to it),
    ``on`` (with ``consent``), ``off``."""
    user = request.user
    language = (get_language() or "es")[:2]
    errors: dict[str, str] = {}
    problem = ""
    status = 200
    typed = ""
    if request.method == "POST":
        action = str(request.POST.get("action", ""))
        try:
            if action == "email":
                typed = str(request.POST.get("email", ""))[:MAX_EMAIL]
                row, token = accounts.email_change(
                    user=user,  # type: ignore[arg-type]
                    address=typed,
                    language=language,
                )
                if token:
                    try:
                        accounts.send_confirmation(row, token, language)
                    except SendError:
                        problem = _(
                            "We could not send the confirmation message just now. Try again "
                            "in a few minutes; nothing else was changed."
                        )
                        status = 503
                    else:
                        messages.success(
                            request,
                            _(
                                "We sent a link to %(address)s. Open it to confirm the "
                                "address; nothing else is sent to it before that."
                            )
                            % {"address": row.pending},
                        )
                        return redirect("portal:my_notifications")
                else:
                    messages.success(request, _("That address is already confirmed."))
                    return redirect("portal:my_notifications")
            elif action == "on":
                accounts.notices_on(
                    user=user,  # type: ignore[arg-type]
                    language=language,
                    consent=request.POST.get("consent") == "yes",
                )
                messages.success(request, _("Done: we will email you when something happens."))
                return redirect("portal:my_notifications")
            elif action == "off":
                accounts.notices_off(user=user)  # type: ignore[arg-type]
                messages.success(
                    request, _("Done: the emails are stopped, and none still waiting is sent.")
                )
                return redirect("portal:my_notifications")
            else:
                problem = _("Choose what to do with the buttons on this page.")
                status = 400
        except InvalidInput as e:
            errors = {err["field"]: err["message"] for err in e.errors}
            status = 400
    row = accounts.notices_of(user)  # type: ignore[arg-type]
    context = {
        "row": row,
        # every subscription sending her messages, on or off (one made before the page
        # was, to her address, is hers to see and stop too)
        # (a sealed case is listed without its number: the case page is gone for her)
        "subs": [
            (sub, sub.case.confidentiality != Confidentiality.SEALED)
            for sub in accounts.account_subscriptions(user)  # type: ignore[arg-type]
        ],
        "linked": bool(accounts.counsel_links(user)),  # type: ignore[arg-type]
        "errors": errors,
        "problem": problem,
        "typed": typed or row.pending or row.address or user.email,  # type: ignore[union-attr]
    }
    return render(request, "portal/my/notifications.html", context, status=status)


# The link's token is the credential (it reached the address), as with the stop links:
# it may be opened on a phone where she is not signed in.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET: the address to confirm and a button (a mail program's link preview opens
    it too, and changes nothing). POST: it is confirmed."""
    row = accounts.pending_for(token) if LONG_TOKEN.fullmatch(token) else None
    if row is None:
        return render(request, "portal/my/confirm_unknown.html", status=404)
    if request.method == "POST":
        try:
            row = accounts.email_confirm(token=token, now=timezone.now())
        except InvalidInput:
            return render(request, "portal/my/confirm_unknown.html", status=404)
        return render(request, "portal/my/confirmed.html", {"row": row})
    return render(request, "portal/my/confirm.html", {"row": row})
