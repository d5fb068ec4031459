"""A participant's portal session: bound to one participation by the code that opened it.

Signing in rotates the session key (no fixation). The session ends after
``PORTAL_IDLE_MINUTES`` without a request (20 by default), when the code is revoked,
rotated or expires, and on sign-out. When its code stopped working, the sign-in page
then says so once (``code_stopped_told``), naming nothing of the case. A session that
ends after its idle time, and a sign-out, are said on the sign-in page too (a message
of the page: ``session_ended``, ``signed_out``).

A petition sent after the session ended is not lost (``petition_keep``): its fields are
kept in the browser's new session (never in an address), the sign-in page says it was
NOT sent, and whoever signs in again to the same participation (or, when the browser's
session had gone altogether, whoever signs in next on this browser) is taken back to
the form with the text filled in (``after_sign_in``, ``petition_kept``). A sign-out
forgets it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from expediente.access.disclosure import (
    CaseView,
    case_exists_for,
    participant_audience,
    view_unlogged,
)
from expediente.access.models import ParticipantCode
from expediente.access.participant_codes import Verified
from expediente.docket.models import Case, Participation

KEY = "portal_participant"
CODE_STOPPED = "portal_code_stopped"  # the session ended because its code stopped working
LAST = "portal_last_followed"  # whom the ended session followed: {"case", "participant"}
KEPT = "portal_kept_petition"  # a petition sent after the session ended (petition_keep)
KEPT_TEXT_MAX = 4000  # as much as the form reads of a text


def idle_limit() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "PORTAL_IDLE_MINUTES", 20))


@dataclass(frozen=True)
class Following:
    case: Case
    participant: str
    code_id: int  # the code that opened the session


def session_start(request: HttpRequest, verified: Verified, now: dt.datetime) -> None:
    request.session.cycle_key()
    request.session.pop(LAST, None)
    request.session[KEY] = {
        "case": verified.case.pk,
        "participant": verified.participant,
        "code": verified.code.pk,
        "seen": now.isoformat(),
    }


def session_current(request: HttpRequest, now: dt.datetime) -> Following | None:
    """The participation this browser follows, or None (and the session is ended) when
    there is none, it has been idle too long, or its code no longer works."""
    data = request.session.get(KEY)
    if not isinstance(data, dict):
        return None
    try:
        seen = dt.datetime.fromisoformat(str(data["seen"]))
        code_id, case_id = int(data["code"]), int(data["case"])
    except (KeyError, ValueError, TypeError):
        session_end(request)
        return None
    if now - seen > idle_limit():
        session_end(request)
        _remember(request, case_id, data)
        minutes = int(idle_limit().total_seconds() // 60)
        messages.info(
            request,
            _("Your session ended after %(minutes)d minutes without activity. Sign in again.")
            % {"minutes": minutes},
            fail_silently=True,
        )
        return None
    code = (
        ParticipantCode.objects.select_related("case__court")
        .filter(pk=code_id, case_id=case_id, revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if code is None or code.participant != data.get("participant"):
        # the code was revoked, replaced by a new one or expired: the sign-in page says
        # so (and nothing about the case) to whoever still holds this session
        stopped = code is None and ParticipantCode.objects.filter(pk=code_id).exists()
        session_end(request)
        _remember(request, case_id, data)
        if stopped:
            request.session[CODE_STOPPED] = True
        return None
    data["seen"] = now.isoformat()
    request.session[KEY] = data
    return Following(case=code.case, participant=code.participant, code_id=code.pk)


def _remember(request: HttpRequest, case_id: int, data: dict[str, object]) -> None:
    """Whom the session that just ended followed (a petition sent after it is kept for
    that participation only: ``petition_keep``)."""
    request.session[LAST] = {"case": case_id, "participant": str(data.get("participant", ""))}


def code_stopped_told(request: HttpRequest) -> bool:
    """Did this browser's session end because its code stopped working? Answered once:
    the sign-in page says it, then forgets it."""
    return bool(request.session.pop(CODE_STOPPED, False))


def session_end(request: HttpRequest) -> None:
    request.session.pop(KEY, None)
    request.session.pop(LAST, None)
    request.session.pop(KEPT, None)
    request.session.cycle_key()


def signed_out(request: HttpRequest) -> None:
    """End the session on the reader's asking (a petition kept from an ended session is
    forgotten too), and say so on the sign-in page."""
    session_end(request)
    messages.info(
        request,
        _("You signed out. To see your case again, sign in with your code."),
        fail_silently=True,
    )


def petition_keep(request: HttpRequest, kind: str, fields: dict[str, str]) -> bool:
    """Keep a petition that arrived after the session ended (nothing was filed), for the
    form to show again once its sender signs in (``petition_kept``), tied to the
    participation the ended session followed. When the browser no longer says which (she
    signed out in another tab, or the whole session is gone), nothing is kept: the next
    person to sign in on this browser, perhaps the accused, would have been given her
    text. Returns whether it was kept (if not, the caller shows the text back once)."""
    last = request.session.get(LAST)
    case = last.get("case") if isinstance(last, dict) else None
    participant = last.get("participant") if isinstance(last, dict) else None
    if not isinstance(case, int) or not participant:
        request.session.pop(KEPT, None)
        return False
    request.session[KEPT] = {
        "kind": kind[:64],
        "text": str(fields.get("text", ""))[:KEPT_TEXT_MAX],
        "concerns": str(fields.get("concerns", ""))[:64],
        "case": case,
        "participant": participant,
    }
    messages.error(
        request,
        _(
            "Your request was NOT sent: your session had ended. Sign in again: your text "
            "is kept, and you can check it and send it."
        ),
        fail_silently=True,
    )
    return True


def _kept_for(request: HttpRequest, case_id: int, participant: str) -> dict[str, str] | None:
    kept = request.session.get(KEPT)
    if not isinstance(kept, dict):
        return None
    if kept.get("case") != case_id or kept.get("participant") != participant:
        return None  # another participation's (or one kept before owners were required)
    return kept


def after_sign_in(request: HttpRequest, verified: Verified) -> str:
    """Where a sign-in lands: the form of a petition kept from the ended session, when it
    was this participation's (another one's is forgotten), else the case page."""
    kept = _kept_for(request, verified.case.pk, verified.participant)
    if kept is None:
        request.session.pop(KEPT, None)
        return reverse("portal:follow_case")
    return reverse("portal:petition_form", args=[kept["kind"]])


def petition_kept(request: HttpRequest, following: Following, kind: str) -> dict[str, str] | None:
    """The fields of the petition of ``kind`` kept from the ended session, once (it is
    forgotten as it is given back), with the message the form shows above it."""
    kept = _kept_for(request, following.case.pk, following.participant)
    if kept is None or kept.get("kind") != kind:
        return None
    request.session.pop(KEPT, None)
    messages.warning(
        request,
        _("Your session had ended; your request was NOT sent. Check it and send it again."),
        fail_silently=True,
    )
    return kept


def own_view(participation: Participation) -> CaseView:
    """The case as the session's participation may see it (the code holder reads: no
    account), without a log line; what a page then shows of it logs itself."""
    audience = participant_audience(
        participant=participation.uid, role=participation.role, actor=None
    )
    return view_unlogged(audience, participation.case)


def require_visible(request: HttpRequest, participation: Participation) -> None:
    """A 404 (and the session ended) when the case no longer exists for the participation
    the session follows (sealed since it began), as on the case page."""
    audience = participant_audience(
        participant=participation.uid, role=participation.role, actor=None
    )
    if not case_exists_for(audience, participation.case):
        session_end(request)
        raise Http404(participation.case.nuid)
