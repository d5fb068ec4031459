"""Reads for accounts linked to participations (lawyers, prosecutors, repeat users): their
cases on one page, and the open custody deadlines of their clients where they are defence
counsel (the accused their account is linked to, as ``counsel_petitions`` reads it), or
those whose rules alert the prosecution where they follow the prosecutor's participation.

Both pages go through ``disclosure.disclose_pairs``, each case as the audience of the
account's own participation in it: a case the rules hide from that participant (sealed;
expunged, but for the roles rule ``expunged_own_record`` names) is not listed, names are
shown as the rules let that participant see them, and the page's reads are written to the
access log in one INSERT (channel ``portal``, naming the account)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from django.db.models import Q

from expediente.access.detention_part import DetentionPart
from expediente.access.disclosure import CaseView, disclose_pairs, participant_audience
from expediente.access.models import ParticipantLink, User
from expediente.access.policy import Actor
from expediente.api.present import localized
from expediente.court.due.rows import DueRow, due_row
from expediente.court.pages.hearings import hearing_sittings, next_sitting
from expediente.court.pages.labels import role_label
from expediente.custody.models import Deadline
from expediente.docket.counsel import clients_of
from expediente.docket.errors import NotFound
from expediente.docket.models import Case, Event, Participation
from expediente.docket.professional_roles import DEFENCE_ROLES, LAWYER_ROLES, PROSECUTION_ROLES
from expediente.docket.standing import Standing
from expediente.portal.addressing import GUARDIAN, lawyer_link
from expediente.portal.last_seen import last_seen, new_counts
from expediente.portal.my_week import CaseRead, WeekHearing, week_hearings

# what "My cases" puts on screen (logged as read): the stage, the hearings (the next one
# and the week's), the names of the clients (accused, or victims for a victim's lawyer)
SHOWS = ("stage", "hearings", "accused_name", "victim_names")


@dataclass(frozen=True)
class MyCase:
    case: Case
    participant: str
    role: str
    stage: str
    next_hearing: dt.datetime | None  # in the court's time
    deadlines: list[DueRow]  # open custody deadlines of clients, soonest first
    # the account's other participations in the same case (participant, role): a public
    # defender linked to her own participation and to her client's saw the case twice
    also: tuple[tuple[str, str], ...] = ()
    # entries recorded since the account last opened the case's page (``last_seen``);
    # ``visited`` False: never opened, so nothing is counted as new
    new: int = 0
    visited: bool = False

    @property
    def legal(self) -> list[DueRow]:
        """The clients' legal limits on liberty (reviews, maximums, an order's term),
        soonest first: what the overview leads with."""
        return [d for d in self.deadlines if not d.service_target]

    @property
    def targets(self) -> list[DueRow]:
        """The court's own service targets (an answer to a petition): not legal limits,
        listed after them and marked so."""
        return [d for d in self.deadlines if d.service_target]


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


def acting_as(link: ParticipantLink) -> str:
    """The role the account of ``link`` acts in, in its case (``portal/addressing.py``):
    its own participation's when that is counsel's; else a counsel participation it also
    follows there, or the counsel role of a client's participation the clerk linked it
    to (a lawyer reading through her client's link is still the lawyer); else "" (the
    link's own role). Two queries."""
    followed = ParticipantLink.objects.filter(user_id=link.user_id, case_id=link.case_id)
    how = dict(followed.values_list("participant", "how"))
    roles = dict(
        Participation.objects.filter(
            case_id=link.case_id, uid__in=followed.values("participant")
        ).values_list("uid", "role")
    )
    own = roles.get(link.participant, "")
    if own in LAWYER_ROLES:
        return own
    counsel = [r for r in roles.values() if r in LAWYER_ROLES]
    counsel += [lawyer_link(r, how.get(uid, "")) for uid, r in roles.items()]
    return next((r for r in counsel if r), "")


@dataclass(frozen=True)
class MyPage:
    rows: list[MyCase]  # one per case
    week: list[WeekHearing]  # the hearings of the next 7 days, by day and time


def my_cases(*, user: User, now: dt.datetime) -> list[MyCase]:
    """Every participation the user follows that the rules let it see, the most recently
    active case first."""
    return my_page(user=user, now=now).rows


def my_page(*, user: User, now: dt.datetime) -> MyPage:
    """/my/: the account's cases (``my_cases``) and its week (``my_week``), from one
    disclosure of each participation it follows (one access-log INSERT), in a fixed
    number of queries whatever the number of cases."""
    links = list(
        ParticipantLink.objects.filter(user=user)
        .select_related("case__court", "visit")
        .order_by("-case__updated_at", "case_id", "participant")
    )
    if not links:
        return MyPage([], [])
    case_ids = {link.case_id for link in links}
    people = list(
        Participation.objects.filter(case_id__in=case_ids).only(
            "case_id", "uid", "role", "stands_for", "acts_for"
        )
    )
    roles = {(p.case_id, p.uid): p.role for p in people}
    views = _views(user, links, roles, shows=SHOWS)
    shown = [(link, view) for link, view in zip(links, views, strict=True) if view.visible]
    events: dict[int, list[Event]] = {}
    for e in Event.objects.filter(
        case_id__in={link.case_id for link, _v in shown}, type__startswith="hearing."
    ).order_by("case_id", "seq"):
        events.setdefault(e.case_id, []).append(e)
    due: dict[int, list[Deadline]] = {}
    for d in _client_deadlines([link for link, _v in shown], roles):
        due.setdefault(d.case_id, []).append(d)
    out = []
    for link, view in shown:
        case = link.case
        pack = view.pack
        role = roles.get((case.pk, link.participant), "")
        upcoming = (
            next_sitting(hearing_sittings(events.get(case.pk, [])), now)
            if view.shown.hearings
            else None
        )
        stage = localized(dict(pack.stage(case.stage).label)) if _known(pack, case.stage) else None
        out.append(
            MyCase(
                case=case,
                participant=link.participant,
                role=role_label(pack, role) if role else "",
                stage=(stage or case.stage) if view.shown.stage else "",
                next_hearing=upcoming.starts_at.astimezone(ZoneInfo(case.court.timezone))
                if upcoming
                else None,
                deadlines=[
                    due_row(d, case.court, now, person=view.name(d.participation))
                    for d in due.get(case.pk, [])
                    if _in_part(view, d)
                ],
            )
        )
    rows = _one_row_per_case(out, roles)
    seen = last_seen(link for link, _v in shown)
    # what is new is counted as the page each row opens reads it: its participation's
    counts = new_counts(seen, _standings(people, rows), _parts(shown, rows))
    rows = [
        replace(row, new=counts.get(row.case.pk, 0), visited=row.case.pk in seen) for row in rows
    ]
    return MyPage(rows, week_hearings(_case_reads(shown, roles), now))


def _parts(
    shown: list[tuple[ParticipantLink, CaseView]], rows: list[MyCase]
) -> dict[int, DetentionPart]:
    """The detention part each row's participation reads, for the rows of sealed cases
    read only for it (``access/detention_part.py``)."""
    views = {(link.case_id, link.participant): view for link, view in shown}
    out = {}
    for row in rows:
        view = views.get((row.case.pk, row.participant))
        if view is not None and view.shown.part == "detention":
            out[row.case.pk] = DetentionPart(row.participant, view.facts.held, case=row.case)
    return out


def _standings(people: list[Participation], rows: list[MyCase]) -> dict[int, Standing]:
    """Each row's participation's standing in its case (as ``docket.standing.standings``
    reads it: whom a guardian stands for, when that person is in the case), from the
    participations the page has read already."""
    by_case: dict[int, dict[str, Participation]] = {}
    for p in people:
        by_case.setdefault(p.case_id, {})[p.uid] = p
    out = {}
    for row in rows:
        case = by_case.get(row.case.pk, {})
        me = case.get(row.participant)
        ward = case.get(me.stands_for) if me is not None and me.stands_for else None
        out[row.case.pk] = Standing(
            row.participant,
            me.role if me is not None else "",
            ward.uid if ward else "",
            ward.role if ward else "",
            clients_of(me) if me is not None else None,
        )
    return out


def _case_reads(
    shown: list[tuple[ParticipantLink, CaseView]], roles: dict[tuple[int, str], str]
) -> list[CaseRead]:
    """Each case once, as the week reads it: led by the account's own participation as
    counsel (as its row is), its hearings shown if any link's view shows them."""
    by_case: dict[int, list[tuple[ParticipantLink, CaseView]]] = {}
    for link, view in shown:
        by_case.setdefault(link.case_id, []).append((link, view))
    out = []
    for case_id, group in by_case.items():
        group.sort(key=lambda lv: roles.get((case_id, lv[0].participant)) not in DEFENCE_ROLES)
        lead, view = group[0]
        out.append(
            CaseRead(
                lead=lead,
                view=view,
                role=roles.get((case_id, lead.participant), ""),
                hearings=any(v.shown.hearings for _l, v in group),
                followed=tuple(link.participant for link, _v in group),
            )
        )
    return out


def _one_row_per_case(rows: list[MyCase], roles: dict[tuple[int, str], str]) -> list[MyCase]:
    """One row per case: the first participation listed (counsel's own first), the
    others as ``also``, the client deadlines once each."""
    by_case: dict[int, list[MyCase]] = {}
    for row in rows:
        by_case.setdefault(row.case.pk, []).append(row)
    out = []
    for group in by_case.values():
        # counsel's own participation leads (stable: otherwise the most recent first)
        group.sort(key=lambda r: roles.get((r.case.pk, r.participant)) not in DEFENCE_ROLES)
        first, rest = group[0], group[1:]
        if not rest:
            out.append(first)
            continue
        seen = {d.deadline.pk for d in first.deadlines}
        deadlines = list(first.deadlines)
        for r in rest:
            deadlines += [d for d in r.deadlines if d.deadline.pk not in seen]
            seen |= {d.deadline.pk for d in r.deadlines}
        deadlines.sort(key=lambda d: d.due_local)
        out.append(
            MyCase(
                case=first.case,
                participant=first.participant,
                role=first.role,
                stage=first.stage or next((r.stage for r in rest if r.stage), ""),
                next_hearing=first.next_hearing
                or next((r.next_hearing for r in rest if r.next_hearing), None),
                deadlines=deadlines,
                also=tuple((r.participant, r.role) for r in rest),
            )
        )
    return out


def _views(
    user: User,
    links: list[ParticipantLink],
    roles: dict[tuple[int, str], str],
    *,
    shows: tuple[str, ...],
) -> list[CaseView]:
    """Each link's case as the audience of that participation (one INSERT in the access
    log for the page)."""
    actor = Actor(user=user, channel="portal")
    reads = [
        (
            participant_audience(
                participant=link.participant,
                role=roles.get((link.case_id, link.participant), ""),
                actor=actor,
            ),
            link.case,
        )
        for link in links
    ]
    return disclose_pairs(reads, channel="portal", shows=shows)


def _known(pack: object, stage: str) -> bool:
    return any(s.id == stage for s in getattr(pack, "stages", []))


def _client_deadlines(
    links: list[ParticipantLink], roles: dict[tuple[int, str], str]
) -> list[Deadline]:
    """Open deadlines of the user's clients: the accused people the user is also linked
    to in a case where the user is linked as counsel (a co-defendant with another lawyer
    is not a client), the user's own deadlines where linked as the accused, and the
    accused's where linked as their guardian; where linked as the prosecution, every
    accused's deadline whose rule alerts the prosecution (``alert.who`` naming
    ``prosecutor``: Costa Rica's 24 hours to ask for the detention hearing, CPP art. 238)."""
    followed: dict[int, set[str]] = {}
    for link in ParticipantLink.objects.filter(user_id__in={x.user_id for x in links}):
        followed.setdefault(link.case_id, set()).add(link.participant)
    q = Q(pk__in=[])
    prosecution: set[int] = set()
    for link in links:
        role = roles.get((link.case_id, link.participant), "")
        if role in PROSECUTION_ROLES:
            prosecution.add(link.case_id)
            q |= Q(case_id=link.case_id)
        elif role in DEFENCE_ROLES:
            accused = [
                uid
                for uid in followed.get(link.case_id, ())
                if roles.get((link.case_id, uid)) == "accused"
            ]
            q |= Q(case_id=link.case_id, participation__uid__in=accused)
        elif role == "accused":
            q |= Q(case_id=link.case_id, participation__uid=link.participant)
        elif role == GUARDIAN:
            # the young person she is responsible for: the case page shows a guardian
            # every accused's clock (``portal/privacy.py``), and so does her list
            q |= Q(case_id=link.case_id, participation__role="accused")
    rows = (
        Deadline.objects.filter(q, open=True)
        .select_related("case__court", "participation__person")
        .order_by("due_at", "id")
    )
    # in a case followed as the prosecution, the deadlines whose rules alert it (a JSON
    # list: read here, as SQLite has no containment lookup on it)
    return [d for d in rows if d.case_id not in prosecution or _alerts_prosecution(d)]


def _alerts_prosecution(d: Deadline) -> bool:
    """Does the deadline's rule name the prosecution among whom it alerts (``alert.who``,
    kept on the deadline as ``alert_roles``)?"""
    return bool(PROSECUTION_ROLES & set(d.alert_roles or ()))


def counsel_deadlines(*, user: User, now: dt.datetime) -> list[DueRow]:
    """The due list of a defence lawyer or public defender: every open custody deadline of
    their clients (the accused the user is linked to in the cases where the user is
    linked as counsel), overdue the longest first, then the soonest due (the staff "Due
    and overdue" list, for one lawyer's clients); for an account following an accused's
    or a guardian's participation, that accused's; for one following the prosecution's,
    those whose rules alert the prosecution (``_client_deadlines``). A case the
    rules hide from the account's participation is left out; names are as the rules let
    that participation see them."""
    links = list(ParticipantLink.objects.filter(user=user).select_related("case__court"))
    roles = {
        (p.case_id, p.uid): p.role
        for p in Participation.objects.filter(case_id__in={link.case_id for link in links}).only(
            "case_id", "uid", "role"
        )
    }
    counsel = [
        link for link in links if roles.get((link.case_id, link.participant)) in DEFENCE_ROLES
    ]
    others = [
        link
        for link in links
        if roles.get((link.case_id, link.participant)) in ("accused", GUARDIAN, *PROSECUTION_ROLES)
    ]
    deadlines = _client_deadlines(counsel + others, roles)
    with_deadlines = {d.case_id for d in deadlines}
    first: dict[int, ParticipantLink] = {}
    for link in counsel + others:  # counsel's own participation reads the case first
        if link.case_id in with_deadlines:
            first.setdefault(link.case_id, link)
    views = {
        view.case.pk: view
        for view in _views(user, list(first.values()), roles, shows=("accused_name",))
    }
    return [
        due_row(d, d.case.court, now, person=view.name(d.participation))
        for d in deadlines
        if (view := views.get(d.case_id)) is not None and view.visible and _in_part(view, d)
    ]


def _in_part(view: CaseView, d: Deadline) -> bool:
    """In a sealed case read only for its detention part (``access/detention_part.py``),
    only the deadlines of the people held whom the reader speaks for."""
    return view.shown.part != "detention" or d.participation.uid in view.facts.held
