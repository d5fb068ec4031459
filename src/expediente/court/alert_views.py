"""A staff account's alerts page: the deadline alerts the rules sent it by office (a
judge of the case: ``notify.staff``), newest first, and a button that marks them read
(the menu counts the unread ones). Thin: the selectors and the service are notify's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from expediente.court.access import staff_required
from expediente.notify.staff import staff_inbox, staff_inbox_mark_read, staff_unread


@never_cache
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def alerts(request: HttpRequest) -> HttpResponse:
    """GET: the list. POST: mark every alert read, then the list again."""
    actor = request.actor  # type: ignore[attr-defined]
    if request.method == "POST":
        staff_inbox_mark_read(actor.user)
        return redirect("court:alerts")
    items = staff_inbox(actor, language=(get_language() or "es")[:2])
    # the menu's count: the button clears it, whatever the page can show
    unread = staff_unread(actor.user)
    return render(request, "court/alerts.html", {"items": items, "unread": unread})
