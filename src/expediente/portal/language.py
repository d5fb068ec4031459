"""The language a person chose, remembered beyond the browser's cookie.

``language_choose`` keeps the choice on the account (when signed in at /my/) and on the
participation a code opened (when following a case with a code).
``remembered_for_account`` (at every sign-in, ``court/auth_views.py``, and on /my/ pages) and
``remembered_for_participant`` give the choice back when
the person signs in on another device (``use_now`` sets it for the response,
``keep_in_cookie`` for the browser).

It is the language of the screen only. Messages keep the language of each subscription,
chosen when subscribing and changed, one subscription at a time, on the case page
(``notify.subscriptions.subscription_language_set``): a code is often held by a family,
so one person switching the screen must not rewrite the messages another reads.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from expediente.access.models import User
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case
from expediente.portal.models import AccountLanguage, ParticipantLanguage

# the session key of a language chosen between the password and the code of a sign-in
CHOSEN_AT_SIGN_IN = "language_chosen_at_sign_in"


def supported() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_choose(
    *,
    language: str,
    user: User | None = None,
    case: Case | None = None,
    participant: str = "",
    now: dt.datetime | None = None,
) -> None:
    """Remember ``language`` for the account and/or the participation (case and
    participant id); no subscription changes. ``InvalidInput`` naming ``language`` for a
    language the site does not offer; nothing is written then."""
    if language not in supported():
        raise InvalidInput(
            "language: not offered",
            errors=[
                {
                    "field": "language",
                    "message": _("Choose one of the languages: %(choices)s.")
                    % {"choices": ", ".join(supported())},
                }
            ],
        )
    now = now or timezone.now()
    with transaction.atomic():
        if user is not None:
            AccountLanguage.objects.update_or_create(
                user=user, defaults={"language": language, "chosen_at": now}
            )
        if case is not None and participant:
            ParticipantLanguage.objects.update_or_create(
                case=case,
                participant=participant,
                defaults={"language": language, "chosen_at": now},
            )


def remembered_for_account(user: User) -> str | None:
    found = AccountLanguage.objects.filter(user=user).values_list("language", flat=True).first()
    return found if found in supported() else None


def remembered_for_participant(case: Case, participant: str) -> str | None:
    found = (
        ParticipantLanguage.objects.filter(case=case, participant=participant)
        .values_list("language", flat=True)
        .first()
    )
    return found if found in supported() else None


def remembered_in_case(case: Case) -> dict[str, str]:
    """Each participant's remembered language in ``case`` (participant id → code), for
    the court's codes page to write a notice in: one query."""
    rows = ParticipantLanguage.objects.filter(case=case).values_list("participant", "language")
    return {participant: language for participant, language in rows if language in supported()}


def use_now(request: HttpRequest, language: str) -> None:
    """Render this request in ``language`` (the remembered choice wins over the cookie)."""
    translation.activate(language)
    request.LANGUAGE_CODE = language


def keep_in_cookie(response: HttpResponse, language: str) -> HttpResponse:
    """The browser's cookie, set as Django's own language switcher sets it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
