"""The court's access log page: who read protected data of the court's cases, when, how.

For court administrators and judges (``access.access_log.access_log_courts``); anyone
else gets a 404, as for any page they may not see. Lines about a case the reader may not
see are left out: a sealed case's for readers without a SEALED_ROLES role in its court,
an expunged case's for readers whose roles the pack's rules do not show it to. The log
comes in pages of ``PAGE_SIZE`` lines, newest first; "Older reads" continues from the
last line shown (a cursor, so a page stays right while new reads are logged)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from expediente.access.access_log import (
    BAD_CURSOR_MESSAGE,
    AccessRecord,
    BadCursor,
    access_log_courts,
    access_log_for_courts,
)
from expediente.access.capabilities import SEALED_ROLES
from expediente.access.disclosure import Audience, sees_expunged
from expediente.access.models import Agency, Expunction
from expediente.access.policy import Actor
from expediente.access.reader_labels import (
    AUDIENCES,
    CHANNELS,
    CLASSES,
    PORTAL_FOR_STAFF,
    staff_role_name,
)
from expediente.court.access import staff_required
from expediente.docket.models import Confidentiality, Court
from expediente.rules.loader import load_pack


def hidden_lines(actor: Actor, court_codes: list[str]) -> Q | None:
    """Which lines of these courts' log ``actor`` may not read, as a condition the page's
    query leaves out (so a page is full even when many lines are hidden): a sealed case's
    in courts where the reader holds no SEALED_ROLES role, an expunged case's in courts
    whose pack does not show expunged cases to the reader's roles."""
    courts = list(Court.objects.filter(code__in=court_codes))
    no_sealed = [c.pk for c in courts if not actor.roles_in(c.code) & SEALED_ROLES]
    no_expunged = [
        c.pk
        for c in courts
        if c.pk not in no_sealed
        and not sees_expunged(
            load_pack(c.rule_pack), Audience(kind="staff", roles=actor.roles_in(c.code))
        )
    ]
    hidden: Q | None = None
    if no_sealed:
        hidden = Q(case__court_id__in=no_sealed, case__confidentiality=Confidentiality.SEALED)
    if no_expunged:
        expunged = Q(
            case__court_id__in=no_expunged,
            case_id__in=Expunction.objects.values("case_id"),
        )
        hidden = expunged if hidden is None else hidden | expunged
    return hidden


@dataclass(frozen=True)
class LogLine:
    """A line of the log as the page shows it: in words, at the case's court's time."""

    at_local: dt.datetime
    case_number: str
    who: str
    reader: str
    channel: str
    what: str


def log_lines(rows: list[AccessRecord]) -> list[LogLine]:
    """The page's lines: the time on the clock of the case's court (it was shown in UTC,
    six hours off in San José), the account by name, and roles, channel and data in the
    reader's language (they were the log's codes: "staff (clerk), sj-penal", "web"); the
    court by its name (one query for the page), the account's user name said to be one
    ("Esteban Vargas Solano (judge)" read as a role left untranslated)."""
    codes = {r.court for r in rows if r.court}
    names = dict(Court.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    return [_line(r, names) for r in rows]


def _line(r: AccessRecord, court_names: dict[str, str]) -> LogLine:
    if r.user is not None:
        full = r.user.get_full_name()
        who = (
            _("%(name)s (account %(username)s)") % {"name": full, "username": r.user.username}
            if full
            else r.user.username
        )
    else:
        who = r.actor_label
    roles = [x for x in r.role.split(",") if x]
    if r.audience == "staff":
        roles = [str(staff_role_name(x)) for x in roles]
    elif r.audience == "api":  # the token's scopes, and the agency it serves, by name
        roles = [str(Agency(x).label) if x in Agency.values else x for x in roles]
    reader = str(AUDIENCES.get(r.audience, r.audience))
    if roles:
        reader = f"{reader}: {', '.join(roles)}"
    if r.court:
        reader = f"{reader} · {court_names.get(r.court, r.court)}"
    if r.channel == "portal":
        channel = str(PORTAL_FOR_STAFF)
    else:
        channel = str(CHANNELS[r.channel]) if r.channel in CHANNELS else r.channel
    return LogLine(
        at_local=r.at.astimezone(ZoneInfo(r.case.court.timezone)),
        case_number=r.case.number,
        who=who,
        reader=reader,
        channel=channel,
        what=", ".join(str(CLASSES.get(c, c)) for c in r.classes),
    )


@staff_required
def access_log(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = access_log_courts(actor)
    if not courts:
        raise Http404("no access log for this account")
    number = str(request.GET.get("case", ""))[:40].strip()
    before = str(request.GET.get("before", "")).strip()
    hidden = hidden_lines(actor, courts)
    error = None
    try:
        page = access_log_for_courts(
            court_codes=courts, case_number=number or None, hidden=hidden, before=before or None
        )
    except BadCursor:
        error = str(BAD_CURSOR_MESSAGE)
        before = ""
        page = access_log_for_courts(court_codes=courts, case_number=number or None, hidden=hidden)
    return render(
        request,
        "court/pages/access_log.html",
        {
            "rows": log_lines(page.rows),
            "older": page.older,
            "paged": bool(before),
            "error": error,
            "case_number": number,
            "courts": courts,
        },
    )
