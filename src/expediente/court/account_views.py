"""A staff member's own account: changing their password (the administrator sets the
first one on the account's admin page), and how they take the deadline alerts the rules
send them (``notify.staff``): by email or only on their alerts page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from expediente.access.password_change import password_change_page
from expediente.court.access import staff_required
from expediente.docket.errors import InvalidInput
from expediente.notify.staff import account_email, alerts_of, staff_alerts_set


@staff_required
def password_change(request: HttpRequest) -> HttpResponse:
    return password_change_page(request, template="court/account/password.html", done="court:home")


@never_cache
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def alert_settings(request: HttpRequest) -> HttpResponse:
    """GET: whether deadline alerts come by email too, to which address, in which
    language. POST ``by_email`` ("yes" or "no") and ``language``: saved, or the page
    again with each refusal on its field (nothing saved)."""
    user = request.actor.user  # type: ignore[attr-defined]
    errors: dict[str, str] = {}
    row = alerts_of(user)
    chosen = {"by_email": "yes" if row.by_email else "no", "language": row.language}
    status = 200
    if request.method == "POST":
        chosen = {
            "by_email": str(request.POST.get("by_email", ""))[:10],
            "language": str(request.POST.get("language", ""))[:10],
        }
        try:
            staff_alerts_set(user=user, by_email=chosen["by_email"], language=chosen["language"])
        except InvalidInput as e:
            errors = {err["field"]: err["message"] for err in e.errors}
            status = 400
        else:
            messages.success(request, _("Your choice for deadline alerts was saved."))
            return redirect("court:account_alerts")
    context = {
        "address": account_email(user),
        "chosen": chosen,
        "errors": errors,
        "languages": settings.LANGUAGES,
    }
    return render(request, "court/account/alerts.html", context, status=status)
