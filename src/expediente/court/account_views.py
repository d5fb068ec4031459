"""A staff member's own account: changing their password (the administrator sets the
first one on the account's admin page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from expediente.court.access import staff_required


@staff_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        # the other sessions of this account end (Django's session hash); this one stays
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Your password was changed."))
        return redirect("court:home")
    return render(request, "court/account/password.html", {"form": form})
