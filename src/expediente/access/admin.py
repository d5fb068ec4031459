"""Django admin, for system administrators (superusers) only.

Court staff work in the workspace (/court/), never here: a signed-in account that is not
a system administrator gets a 404 for every admin page (the admin does not exist for
it, as a case it may not see does not), whatever its ``is_staff`` flag says. Someone
not signed in gets the admin's sign-in form, which accepts system administrators only.
Like court staff, a system administrator needs the second factor: after the password,
the admin sends them to the workspace's code page (TOTP, with enrolment) and back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from expediente.access.models import ApiToken, User


def is_system_admin(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


def is_verified(request: HttpRequest) -> bool:
    """Signed in with the second factor (django-otp's middleware sets ``is_verified``)."""
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def _to_code_page(request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse('court:otp')}?{urlencode({'next': request.get_full_path()})}")


class SystemAdminSignInForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Enter the user name and password of a system administrator. Court staff "
            "sign in to the court workspace instead."
        ),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not user.is_superuser:
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class SystemAdminSite(admin.AdminSite):
    login_form = SystemAdminSignInForm

    def has_permission(self, request: HttpRequest) -> bool:
        return is_system_admin(request) and is_verified(request)

    def admin_view(self, view: Callable[..., Any], cacheable: bool = False) -> Any:
        checked = super().admin_view(view, cacheable)

        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated and not is_system_admin(request):
                raise Http404("not an administration account")
            if request.user.is_authenticated and not is_verified(request):
                return _to_code_page(request)
            return checked(request, *args, **kwargs)

        return update_wrapper(inner, checked)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        if request.user.is_authenticated and not is_system_admin(request):
            raise Http404("not an administration account")
        if request.user.is_authenticated and not is_verified(request):
            return _to_code_page(request)
        return super().login(request, extra_context)


# The default site (admin.site, used by every admin.py and by the URLconf) becomes the
# system administrators' site; django-otp documents the same swap for its OTPAdminSite.
admin.site.__class__ = SystemAdminSite

admin.site.register(User, UserAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "scopes", "courts", "created_at", "revoked_at")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")
    fields = ("name", "user", "scopes", "courts", "expires_at", "revoked_at", *readonly_fields)

    def has_add_permission(self, request: object) -> bool:
        return False  # issue tokens with `expediente token create`: the secret is shown once
