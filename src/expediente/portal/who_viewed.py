"""'Who viewed my case': a participant reads the access log of their case
(``access/access_log.py``): each read of its protected data, by whom (role and court),
when, and through which channel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from expediente.access.access_log import AccessRecord, access_log_for_case
from expediente.access.disclosure import case_exists_for, participant_audience
from expediente.court.pages.labels import role_label
from expediente.docket.models import Case, Court, Participation
from expediente.portal.participant_session import session_current
from expediente.rules.loader import load_pack
from expediente.rules.schema import Pack

CHANNELS = {
    "web": gettext_lazy("the court's workspace"),
    "api": gettext_lazy("another institution's system"),
    "portal": gettext_lazy("this portal"),
    "export": gettext_lazy("an export"),
}
STAFF_ROLES = {
    "clerk": gettext_lazy("A clerk"),
    "judge": gettext_lazy("A judge"),
    "court_admin": gettext_lazy("A court administrator"),
    "system": gettext_lazy("The court's own system"),
}


@dataclass(frozen=True)
class Viewing:
    at_local: dt.datetime
    who: str
    channel: str


def viewings(*, case: Case, participant: str) -> list[Viewing]:
    """The reads of ``case``'s protected data, newest first, as a participant may see them."""
    tz = ZoneInfo(case.court.timezone)
    pack = load_pack(case.court.rule_pack)
    courts = dict(Court.objects.values_list("code", "name"))
    return [
        Viewing(
            r.at.astimezone(tz),
            _who(r, participant, pack, courts),
            str(CHANNELS.get(r.channel, r.channel)),
        )
        for r in access_log_for_case(case=case)
    ]


def _who(r: AccessRecord, participant: str, pack: Pack, courts: dict[str, str]) -> str:
    if r.audience == "participant":
        if r.actor_label == f"participant:{participant}":
            return str(_("You"))
        roles = r.role.split(",")
        return _("A participant: %(role)s") % {
            "role": role_label(pack, roles[0]) if roles[0] else ""
        }
    if r.audience == "staff":
        roles = [str(STAFF_ROLES.get(x, x)) for x in r.role.split(",") if x]
        return _("%(roles)s of %(court)s") % {
            "roles": ", ".join(roles),
            "court": courts.get(r.court, r.court),
        }
    return str(_("Another institution's system"))


@never_cache
@require_GET
def follow_who_viewed(request: HttpRequest) -> HttpResponse:
    following = session_current(request, timezone.now())
    if following is None:
        return redirect("portal:follow")
    me = Participation.objects.get(case=following.case, uid=following.participant)
    audience = participant_audience(participant=me.uid, role=me.role, actor=None)
    if not case_exists_for(audience, following.case):
        raise Http404("no such case")
    rows = viewings(case=following.case, participant=me.uid)
    return render(request, "portal/who_viewed.html", {"case": following.case, "rows": rows})
