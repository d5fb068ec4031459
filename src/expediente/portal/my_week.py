"""/my/'s "This week": the hearings set in the next 7 days of each court (today and the six
days after it, on the court's own calendar) in every case the account follows, the
soonest first, each with its day, time, court and courtroom, case, kind and the
account's clients in that case.

It reads the court's calendar projection (``court.Sitting``, kept by
``court/hearing_projection.py``), so a hearing that will not take place at its time
stays on its day, marked as the public calendar marks it (``portal/public/lookup.py``):
not held, or moved, here with the new day and time, which the account's participation
may see. The reason given for it is never shown (free text: it can say that a detained
person was not brought).

Who sees what is the disclosure made for the page by ``my_cases`` (one read of each
participation, one access-log INSERT): a case the rules hide from every link of the
account is not there, hearings only where a link's view shows them, and clients named as
the lead link's participation may see them. A fixed number of queries whatever the
number of cases: the sittings, where moved ones went, and the clients.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from expediente.access.disclosure import CaseView
from expediente.access.models import ParticipantLink
from expediente.court.models import Sitting
from expediente.court.pages.labels import option_label, role_label
from expediente.docket.models import Case, Participation
from expediente.portal.addressing import GUARDIAN, lawyer_link
from expediente.portal.counsel_petitions import client_roles
from expediente.portal.public.lookup import CALLED_OFF, moved_to

DAYS = 7


@dataclass(frozen=True)
class WeekHearing:
    starts_local: dt.datetime  # on the court's clock
    tz: str
    day_word: str  # "Today", "Tomorrow" or "" (the court's days)
    court: str
    courtroom: str
    case: Case
    participant: str  # the link its case page opens through
    kind: str
    clients: tuple[str, ...]  # as the account may see them
    # "" while it is set (or was held); else why nobody should come at that time
    called_off: str = ""
    # who ``clients`` are to the account: "client" (its clients, as counsel), "ward"
    # (the young person a guardian is responsible for), "" (nobody listed: the account
    # follows its own part in the case)
    acts_for: str = ""
    juvenile: bool = False

    @property
    def day(self) -> dt.date:
        return self.starts_local.date()


@dataclass(frozen=True)
class CaseRead:
    """One case of the page as the account reads it: the link that leads (its own
    participation as counsel first), whether any of its links may see the hearings,
    and the participation ids of everyone it follows there."""

    lead: ParticipantLink
    view: CaseView
    role: str
    hearings: bool
    followed: tuple[str, ...]


def week_window(tz: ZoneInfo, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """From the start of the court's today to the start of its eighth day."""
    today = now.astimezone(tz).date()
    start = dt.datetime.combine(today, dt.time(0, 0), tzinfo=tz)
    end = dt.datetime.combine(today + dt.timedelta(days=DAYS), dt.time(0, 0), tzinfo=tz)
    return start, end


def week_hearings(reads: Sequence[CaseRead], now: dt.datetime) -> list[WeekHearing]:
    """The hearings of the next 7 days of each court in these cases, by day and time."""
    shown = [r for r in reads if r.hearings]
    if not shown:
        return []
    windows = {
        r.lead.case_id: week_window(ZoneInfo(r.lead.case.court.timezone), now) for r in shown
    }
    q = Q(pk__in=[])
    for case_id, (start, end) in windows.items():
        q |= Q(case_id=case_id, starts_at__gte=start, starts_at__lt=end)
    sittings = list(Sitting.objects.filter(q).order_by("starts_at", "case_id", "set_by_seq"))
    if not sittings:
        return []
    went = moved_to(sittings)
    names = _client_names(shown, {s.case_id for s in sittings})
    by_case = {r.lead.case_id: r for r in shown}
    out = []
    for s in sittings:
        read = by_case[s.case_id]
        case = read.lead.case
        tz = ZoneInfo(case.court.timezone)
        local = s.starts_at.astimezone(tz)
        out.append(
            WeekHearing(
                starts_local=local,
                tz=case.court.timezone,
                day_word=_day_word(local.date(), now.astimezone(tz).date()),
                court=case.court.name,
                courtroom=s.courtroom,
                case=case,
                participant=read.lead.participant,
                kind=option_label(s.kind) if s.kind else _("Hearing"),
                clients=names.get(s.case_id, ()),
                called_off=_called_off(s, went.get(s.pk), tz),
                acts_for=_acts_for(read),
                juvenile=case.procedure == "juvenile",
            )
        )
    out.sort(key=lambda h: (h.day, h.starts_local))  # each court's day, then the soonest
    return out


def _client_names(reads: Sequence[CaseRead], case_ids: set[int]) -> dict[int, tuple[str, ...]]:
    """Whom the account acts for in each case, named as the lead link's participation
    may see them (one query): for counsel, its clients (``counsel_petitions``' rule: the
    accused it also follows; for a victim's lawyer, the victims); for a guardian, the
    accused when the case has one (``portal/addressing.py``: the docket does not say
    which of several a guardian stands for); nobody for an account following its own
    part in the case (it listed the account itself as its own "Client")."""
    wanted = [r for r in reads if r.lead.case_id in case_ids]
    q = Q(pk__in=[])
    for r in wanted:
        roles = client_roles(r.role)
        if roles:
            q |= Q(case_id=r.lead.case_id, uid__in=r.followed, role__in=roles)
        elif r.role == GUARDIAN:
            q |= Q(case_id=r.lead.case_id, role="accused")
        elif _acts_for(r) == "client":
            q |= Q(case_id=r.lead.case_id, uid=r.lead.participant)
    people = Participation.objects.filter(q).select_related("person").order_by("added_seq")
    views = {r.lead.case_id: r.view for r in wanted}
    guardians = {r.lead.case_id for r in wanted if r.role == GUARDIAN}
    names: dict[int, list[str]] = {}
    for p in people:
        view = views[p.case_id]
        name = view.name(p, role_label(view.pack, p.role))
        if name:
            names.setdefault(p.case_id, []).append(name)
    return {
        case_id: tuple(found)
        for case_id, found in names.items()
        if case_id not in guardians or len(found) == 1
    }


def _acts_for(read: CaseRead) -> str:
    """Whom the account acts for in the case, as the week's line names them: "client"
    for counsel, and for an account the clerk linked to an accused's or a victim's
    participation (the codes page's "Link a lawyer's account": a lawyer without a
    participation of her own); "ward" for a guardian; "" for an account following its
    own part (one that redeemed the code itself)."""
    if client_roles(read.role):
        return "client"
    if read.role == GUARDIAN:
        return "ward"
    if lawyer_link(read.role, read.lead.how):
        return "client"
    return ""


def _day_word(day: dt.date, today: dt.date) -> str:
    if day == today:
        return _("Today")
    if day == today + dt.timedelta(days=1):
        return _("Tomorrow")
    return ""


def _called_off(s: Sitting, went: dt.datetime | None, tz: ZoneInfo) -> str:
    """ "Not held", or "Moved to" the day and time it was moved to (the time alone within
    the same day); "Moved to another date" when that sitting cannot be read."""
    if s.status == "moved" and went is not None:
        local = went.astimezone(tz)
        time = formats.time_format(local, "H:i")
        if local.date() == s.starts_at.astimezone(tz).date():
            return _("Moved to %(time)s") % {"time": time}
        day = formats.date_format(local, "DATE_FORMAT")
        return _("Moved to %(day)s, %(time)s") % {"day": day, "time": time}
    return str(CALLED_OFF.get(s.status, ""))
