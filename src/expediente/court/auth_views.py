"""Sign in with a password, then a time-based one-time code (TOTP); enrol one if needed."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

import segno
from django import forms
from django.contrib.auth import logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.compression import carries_secret
from expediente.portal.language import (
    CHOSEN_AT_SIGN_IN,
    keep_in_cookie,
    language_choose,
    remembered_for_account,
    supported,
)


class SignInForm(AuthenticationForm):
    """Django's sign-in form in our own words: its stock message read, in Spain's
    Spanish, "Por favor, introduzca un nombre de usuario y clave correctos. Observe que
    ambos campos pueden ser sensibles a mayúsculas." """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That user name and password do not match an account. Check both and try "
            "again: capital letters count."
        ),
        "inactive": _("This account is switched off. Ask your court's administrator."),
    }


class SignInView(LoginView):
    template_name = "court/login.html"
    redirect_authenticated_user = False
    authentication_form = SignInForm

    def get_success_url(self) -> str:
        from django.urls import reverse

        nxt = self.get_redirect_url()
        return reverse("court:otp") + (f"?next={nxt}" if nxt else "")


# What may stand between the digits of a code as apps show it ("591 022") or as people
# type it ("591-022"): spaces (a no-break or thin space too) and hyphens or dashes.
CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]")
CODE_DIGITS = re.compile(r"\d{6}")  # any script's digits ("１２３", "١٢٣"), as before


def code_digits(text: str) -> str | None:
    """The 6 digits of an authenticator code typed with or without spaces or hyphens
    between them, in ASCII, or None when it is anything else."""
    digits = CODE_SEPARATORS.sub("", text or "")
    if not CODE_DIGITS.fullmatch(digits):
        return None
    return "".join(str(unicodedata.decimal(d)) for d in digits)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=32,
        strip=True,
        error_messages={
            "required": _("Enter the 6 digits your authenticator app shows."),
            "max_length": _("Enter the 6 digits your authenticator app shows."),
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "16"}
        ),
    )

    def clean_code(self) -> str:
        digits = code_digits(self.cleaned_data["code"])
        if digits is None:
            raise forms.ValidationError(
                _("Enter the 6 digits your authenticator app shows."), code="invalid"
            )
        return digits


def _next(request: HttpRequest) -> str:
    nxt = request.GET.get("next") or request.POST.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return nxt
    from django.urls import reverse

    return reverse("court:home")


@never_cache
def otp_view(request: HttpRequest) -> HttpResponse:
    """Verify the second factor; a user without a confirmed device enrols one first."""
    user = request.user
    if not user.is_authenticated:
        return redirect("court:login")
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(_next(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "authenticator"}
        )
    assert device is not None
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _wait_seconds(device)
        if wait:
            # After a wrong code the device refuses every code for a while (1 s, 2 s, 4 s…):
            # the right one was refused as "not right", and people typed it again and again.
            form.add_error(
                "code",
                ngettext(
                    "After a wrong code, wait %(n)d second, then type the code your app "
                    "shows at that moment.",
                    "After a wrong code, wait %(n)d seconds, then type the code your app "
                    "shows at that moment.",
                    wait,
                )
                % {"n": wait},
            )
            return _otp_page(request, form, device, enrolling)
        verified = device.verify_token(form.cleaned_data["code"])
        if verified:
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return _in_their_language(request, redirect(_next(request)), user)
        form.add_error("code", _("That code is not right, or it has expired. Try the next one."))
    return _otp_page(request, form, device, enrolling)


def _in_their_language(request: HttpRequest, response: HttpResponse, user: Any) -> HttpResponse:
    """The language the account chose (the switcher keeps it, ``portal/language.py``)
    comes back at sign-in, on this device as on the one it was chosen on; one chosen
    during this sign-in (between the password and the code) is kept for the account and
    wins; none chosen: the browser's, as before."""
    chosen = request.session.pop(CHOSEN_AT_SIGN_IN, None)
    if chosen in supported():
        language_choose(language=chosen, user=user)
        return keep_in_cookie(response, chosen)
    remembered = remembered_for_account(user)
    return keep_in_cookie(response, remembered) if remembered else response


def _wait_seconds(device: TOTPDevice) -> int:
    """How long the device still refuses every code after wrong ones (0: not at all)."""
    allowed, info = device.verify_is_allowed()
    until = (info or {}).get("locked_until")
    if allowed or until is None:
        return 0
    return max(1, math.ceil((until - timezone.now()).total_seconds()))


def _otp_page(
    request: HttpRequest, form: CodeForm, device: TOTPDevice, enrolling: bool
) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "enrolling": enrolling, "next": _next(request)}
    if enrolling:
        uri = device.config_url
        context["qr_svg"] = segno.make(uri, error="m").svg_inline(scale=4, title="TOTP")
        context["secret"] = _base32(device)
    response = render(request, "court/otp.html", context)
    return carries_secret(response) if enrolling else response


def _base32(device: TOTPDevice) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("court:login")
