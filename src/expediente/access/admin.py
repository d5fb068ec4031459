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
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from expediente.access.models import ApiToken, Membership, ParticipantLink, User


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


def _follows_participants(user: User) -> int:
    """How many participations the account follows (0 for an account not yet saved)."""
    if user.pk is None:
        return 0
    return ParticipantLink.objects.filter(user=user).count()


def _follows_message(links: int) -> str:
    return ngettext(
        "This account follows %(n)s participation in a case (a participant or their "
        "lawyer), so it cannot be a court staff or administrator account: staff read "
        "cases under their role, and a participant's account reads them as that side. "
        "Create a separate account for the staff member, or remove the link first.",
        "This account follows %(n)s participations in cases (a participant or their "
        "lawyer), so it cannot be a court staff or administrator account: staff read "
        "cases under their role, and a participant's account reads them as that side. "
        "Create a separate account for the staff member, or remove the links first.",
        links,
    ) % {"n": links}


class MembershipFormSet(BaseInlineFormSet):
    """An account's roles in courts; none active while it follows a participation (the
    same rule as ``participant_codes.link_create``, from the other side)."""

    def clean(self) -> None:
        super().clean()
        active = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("active")
        ]
        links = _follows_participants(self.instance) if active else 0
        if links:
            raise ValidationError(_follows_message(links), code="follows_participants")


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    fields = ("court", "role", "active", "since")
    readonly_fields = ("since",)
    extra = 1
    verbose_name = _("role in a court")
    verbose_name_plural = _("roles in courts (court staff: clerk, judge, court administrator)")


class AccountChangeForm(UserChangeForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_staff") or data.get("is_superuser"):
            links = _follows_participants(self.instance)
            if links:
                field = "is_superuser" if data.get("is_superuser") else "is_staff"
                self.add_error(field, _follows_message(links))
        return data


class AccountAdmin(UserAdmin):
    """Accounts, with their roles in courts: how a court's clerks, judges and
    administrators are given access (the workspace asks each for an authenticator code
    at first sign-in)."""

    form = AccountChangeForm
    inlines = (MembershipInline,)


admin.site.register(User, AccountAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "user",
        "agency",
        "prefix",
        "scopes",
        "courts",
        "created_at",
        "revoked_at",
    )
    list_filter = ("agency",)
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")
    fields = (
        "name",
        "user",
        "agency",
        "scopes",
        "courts",
        "expires_at",
        "revoked_at",
        *readonly_fields,
    )

    def has_add_permission(self, request: object) -> bool:
        return False  # issue tokens with `expediente token create`: the secret is shown once

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        # the agency decides what the token reads (rules `agency_*`), and every server
        # remembers a token for EXPEDIENTE_TOKEN_CACHE_SECONDS: changed here, the old
        # agency would go on reading for that long. An institution that changes is given
        # a new token; this one is revoked.
        return (*self.readonly_fields, "agency") if obj is not None else self.readonly_fields
