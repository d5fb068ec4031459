"""Reads for accounts linked to participations (lawyers, repeat users): their cases on one
page, and the open custody deadlines of their clients where they are defence counsel
(the accused their account is linked to, as ``counsel_petitions`` reads it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Q

from expediente.access.models import ParticipantLink, User
from expediente.api.present import localized
from expediente.court.due.rows import DueRow, due_row
from expediente.court.pages.hearings import hearing_sittings, next_sitting
from expediente.court.pages.labels import role_label
from expediente.custody.models import Deadline
from expediente.docket.errors import NotFound
from expediente.docket.models import Case, Event, Participation
from expediente.rules.loader import load_pack

COUNSEL_ROLES = ("defence", "public_defender")


@dataclass(frozen=True)
class MyCase:
    case: Case
    participant: str
    role: str
    stage: str
    next_hearing: dt.datetime | None  # in the court's time
    deadlines: list[DueRow]  # open custody deadlines of clients, soonest first


def link_get(*, user: User, nuid: str, participant: str) -> ParticipantLink:
    """The user's link to this participation; NotFound if there is none."""
    link = (
        ParticipantLink.objects.select_related("case__court")
        .filter(user=user, case__nuid=nuid, participant=participant)
        .first()
    )
    if link is None or not user.is_active:
        raise NotFound(f"no case {nuid!r}")
    return link


def my_cases(*, user: User, now: dt.datetime) -> list[MyCase]:
    """Every participation the user follows, the most recently active case first."""
    links = list(
        ParticipantLink.objects.filter(user=user)
        .select_related("case__court")
        .order_by("-case__updated_at", "case_id", "participant")
    )
    if not links:
        return []
    case_ids = {link.case_id for link in links}
    roles = {
        (p.case_id, p.uid): p.role
        for p in Participation.objects.filter(case_id__in=case_ids).only("case_id", "uid", "role")
    }
    events: dict[int, list[Event]] = {}
    for e in Event.objects.filter(case_id__in=case_ids, type__startswith="hearing.").order_by(
        "case_id", "seq"
    ):
        events.setdefault(e.case_id, []).append(e)
    due: dict[int, list[Deadline]] = {}
    for d in _client_deadlines(links, roles):
        due.setdefault(d.case_id, []).append(d)
    out = []
    for link in links:
        case = link.case
        pack = load_pack(case.court.rule_pack)
        role = roles.get((case.pk, link.participant), "")
        upcoming = next_sitting(hearing_sittings(events.get(case.pk, [])), now)
        stage = localized(dict(pack.stage(case.stage).label)) if _known(pack, case.stage) else None
        out.append(
            MyCase(
                case=case,
                participant=link.participant,
                role=role_label(pack, role) if role else "",
                stage=stage or case.stage,
                next_hearing=upcoming.starts_at.astimezone(ZoneInfo(case.court.timezone))
                if upcoming
                else None,
                deadlines=[due_row(d, case.court, now) for d in due.get(case.pk, [])],
            )
        )
    return out


def _known(pack: object, stage: str) -> bool:
    return any(s.id == stage for s in getattr(pack, "stages", []))


def _client_deadlines(
    links: list[ParticipantLink], roles: dict[tuple[int, str], str]
) -> list[Deadline]:
    """Open deadlines of the user's clients: the accused people the user is also linked
    to in a case where the user is linked as counsel (a co-defendant with another lawyer
    is not a client), and the user's own deadlines where linked as the accused."""
    followed: dict[int, set[str]] = {}
    for link in ParticipantLink.objects.filter(user_id__in={x.user_id for x in links}):
        followed.setdefault(link.case_id, set()).add(link.participant)
    q = Q(pk__in=[])
    for link in links:
        role = roles.get((link.case_id, link.participant), "")
        if role in COUNSEL_ROLES:
            accused = [
                uid
                for uid in followed.get(link.case_id, ())
                if roles.get((link.case_id, uid)) == "accused"
            ]
            q |= Q(case_id=link.case_id, participation__uid__in=accused)
        elif role == "accused":
            q |= Q(case_id=link.case_id, participation__uid=link.participant)
    return list(
        Deadline.objects.filter(q, open=True)
        .select_related("case__court", "participation__person")
        .order_by("due_at", "id")
    )


def counsel_deadlines(*, user: User, now: dt.datetime) -> list[DueRow]:
    """The due list of a defence lawyer or public defender: every open custody deadline of
    their clients (the accused the user is linked to in the cases where the user is
    linked as counsel), overdue the longest first, then the soonest due (the staff "Due
    and overdue" list, for one lawyer's clients)."""
    links = list(ParticipantLink.objects.filter(user=user))
    roles = {
        (p.case_id, p.uid): p.role
        for p in Participation.objects.filter(case_id__in={link.case_id for link in links}).only(
            "case_id", "uid", "role"
        )
    }
    counsel = [
        link for link in links if roles.get((link.case_id, link.participant)) in COUNSEL_ROLES
    ]
    return [due_row(d, d.case.court, now) for d in _client_deadlines(counsel, roles)]
