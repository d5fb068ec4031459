"""A participant's portal session: bound to one participation by the code that opened it.

Signing in rotates the session key (no fixation). The session ends after
``PORTAL_IDLE_MINUTES`` without a request (20 by default), when the code is revoked,
rotated or expires, and on sign-out. When its code stopped working, the sign-in page
then says so once (``code_stopped_told``), naming nothing of the case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest

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


def idle_limit() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "PORTAL_IDLE_MINUTES", 20))


@dataclass(frozen=True)
class Following:
    case: Case
    participant: str
    code_id: int  # the code that opened the session


def session_start(request: HttpRequest, verified: Verified, now: dt.datetime) -> None:
    request.session.cycle_key()
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
        if stopped:
            request.session[CODE_STOPPED] = True
        return None
    data["seen"] = now.isoformat()
    request.session[KEY] = data
    return Following(case=code.case, participant=code.participant, code_id=code.pk)


def code_stopped_told(request: HttpRequest) -> bool:
    """Did this browser's session end because its code stopped working? Answered once:
    the sign-in page says it, then forgets it."""
    return bool(request.session.pop(CODE_STOPPED, False))


def session_end(request: HttpRequest) -> None:
    request.session.pop(KEY, None)
    request.session.cycle_key()


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
