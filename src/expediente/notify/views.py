"""Thin views: one-click unsubscribe (no sign-in: the link's token is the credential),
by an email's link or an SMS's short one, and the staff list of deliveries that
failed."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from expediente.court.access import staff_required
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Court
from expediente.notify.models import Subscription
from expediente.notify.selectors import failed_deliveries
from expediente.notify.subscriptions import unsubscribe, unsubscribe_by_sms_link

# What a link's token can be (secrets.token_urlsafe; subscriptions.stop_token): anything
# else (a NUL byte PostgreSQL refuses, a cut or padded link) is an unknown link, not a query
LONG_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")
SHORT_TOKEN = re.compile(r"[A-Za-z0-9]{1,16}")


# The token in the link is the only credential, so a CSRF token adds nothing; and mail
# programs' one-click unsubscribe (RFC 8058) POSTs without one.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    sub = (
        Subscription.objects.select_related("case").filter(unsubscribe_token=token).first()
        if LONG_TOKEN.fullmatch(token)
        else None
    )
    return _confirm_or_stop(request, sub, lambda: unsubscribe(token=token))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def stop_view(request: HttpRequest, token: str) -> HttpResponse:
    """An SMS's short link (``/s/<token>``): the same page and button as the email's
    link; opening it stops nothing (a phone's link preview opens it too)."""
    sub = (
        Subscription.objects.select_related("case").filter(stop_token=token).first()
        if SHORT_TOKEN.fullmatch(token)
        else None
    )
    return _confirm_or_stop(request, sub, lambda: unsubscribe_by_sms_link(token=token))


def _confirm_or_stop(
    request: HttpRequest, sub: Subscription | None, stop: Callable[[], Subscription]
) -> HttpResponse:
    """GET: what will stop, and a button; POST (the button, or a mail program's
    one-click): stop it."""
    if sub is None:
        return _unknown_link(request)
    _in_its_language(request, sub)
    if request.method == "POST":
        try:
            sub = stop()
        except InvalidInput:
            return _unknown_link(request)
        return render(request, "notify/unsubscribed.html", {"sub": sub})
    return render(request, "notify/unsubscribe.html", {"sub": sub})


def _in_its_language(request: HttpRequest, sub: Subscription) -> None:
    """Render the page in the language the subscription's messages are sent in (the
    message that carried the link was in it; the browser's language was often another),
    unless the reader chose one with the language switcher (its cookie), which wins."""
    offered = {code for code, _name in settings.LANGUAGES}
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in offered:
        return
    if sub.language in offered:
        translation.activate(sub.language)
        request.LANGUAGE_CODE = sub.language


def _unknown_link(request: HttpRequest) -> HttpResponse:
    """A link from an older message (a new one comes with each new subscription) or a
    mistyped one: 404, saying why and what to do instead of the site's bare 404."""
    return render(request, "notify/unknown_link.html", status=404)


@staff_required
def failed_view(request: HttpRequest) -> HttpResponse:
    codes = request.actor.staff_courts  # type: ignore[attr-defined]
    courts = [
        (court, list(failed_deliveries(court)[:200]))
        for court in Court.objects.filter(code__in=codes).order_by("name")
    ]
    return render(request, "notify/failed.html", {"courts": courts})
