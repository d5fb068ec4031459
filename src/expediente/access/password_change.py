"""An account changes its own password: the old one, then the new one twice, under
Django's password rules (settings.AUTH_PASSWORD_VALIDATORS), each refusal on its field
in the reader's language. The account's other sessions end (Django's session hash);
the one that changed it stays signed in. Used by the staff workspace and by /my/."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def password_change_page(
    request: HttpRequest, *, template: str, done: str, context: dict[str, Any] | None = None
) -> HttpResponse:
    """The form (GET), or the change (POST) and a redirect to the URL name ``done``."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Your password was changed."))
        return redirect(done)
    return render(request, template, {"form": form, **(context or {})})
