"""The language switcher of every page: Django's ``set_language`` (cookie and redirect),
and, for a signed-in person, the choice kept on their account or participation
(``portal/language.py``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from expediente.docket.errors import InvalidInput
from expediente.portal.language import CHOSEN_AT_SIGN_IN, language_choose
from expediente.portal.participant_session import session_current


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    language = str(request.POST.get("language", ""))[:16]
    user = request.user if request.user.is_authenticated else None
    if user is not None and not user.is_verified():  # type: ignore[attr-defined]
        user = None  # only the password step done: not yet the account holder
    following = session_current(request, timezone.now())
    try:
        language_choose(
            language=language,
            user=user,
            case=following.case if following else None,
            participant=following.participant if following else "",
        )
    except InvalidInput as e:
        context = {"errors": {err["field"]: err["message"] for err in e.errors}}
        return render(request, "portal/language_refused.html", context, status=400)
    if user is None and request.user.is_authenticated:
        # chosen between the password and the code: kept for the account at sign-in
        # (``court/auth_views.py``), not overridden there by an older choice
        request.session[CHOSEN_AT_SIGN_IN] = language
    return set_language(request)
