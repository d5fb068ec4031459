"""``{% measures_panel %}``: the measures section of a participant's case page (portal).
It reads the case from ``view`` and the participant from the page's address (accounts)
or the participant's session (code holders)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from expediente.measures.portal import measures_for_participant
from expediente.portal.emergency import emergency_number

register = template.Library()


@register.inclusion_tag("measures/portal_panel.html", takes_context=True)
def measures_panel(context: template.Context) -> dict[str, Any]:
    view = context.get("view")
    request = context.get("request")
    if view is None or request is None:
        return {"measures": []}
    participant = _participant(request)
    if not participant:
        return {"measures": []}
    now = timezone.now()
    measures = measures_for_participant(case=view.case, participant=participant, now=now)
    protected = any(not m.mine for m in measures)  # (a reader acting for them: mine)
    return {
        "measures": measures,
        "protected": protected,
        "emergency": emergency_number(view.case.court) if protected else None,
    }


def _participant(request: Any) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None and match.kwargs.get("participant"):
        return str(match.kwargs["participant"])
    from expediente.portal.participant_session import session_current

    following = session_current(request, timezone.now())
    return str(following.participant) if following is not None else ""
