"""'Who viewed my case': a participant reads the access log of their case
(``access/access_log.py``): each read of its protected data, by whom, when, through which
channel, and what was read; of the other parties to the case, only their lawyers' and
the prosecution's reads (when the victim or a protected witness reads the case is not
the accused's family's to watch, nor the other way round).

Who is said by role and court ("A judge of Juzgado Penal de San José"). A name is added
only where the pack's disclosure rules allow it for this reader (``viewer_names``, e.g.
``participant:defence`` or ``staff:judge/named``: a judge the case names as its judge);
the shipped rules allow none. A participant's name is shown as this reader's view of the
case shows it (a protected person stays a pseudonym), and showing one is logged like any
read of names.

An account is one reader in the case. A lawyer's account follows her own participation
(defence) and her client's; what she reads through either while she acts for the
reader's participation (an account linked to it then, ``ParticipantLink`` or a link
since ended, ``ParticipantLinkEnded``) is said one way, as her reads through the
reader's participation always were ("Your lawyer: …"): through her own it had said "A
participant: Public defender", so one visit of /my/ (one read per link, at one moment)
was two lines under two labels. Lines of one reader at the same moment are one read.
An account following the participation of someone no lawyer acts for here (a guardian's,
a witness's) is not called their lawyer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from expediente.access.access_log import (
    BAD_CURSOR_MESSAGE,
    AccessRecord,
    BadCursor,
    access_log_for_case,
)
from expediente.access.disclosure import (
    Audience,
    CaseView,
    log_read,
    participant_audience,
    view_unlogged,
)
from expediente.access.models import ParticipantLink, ParticipantLinkEnded
from expediente.access.reader_labels import CHANNELS, CLASSES, STAFF_ROLES, agency_system
from expediente.court.pages.labels import role_label
from expediente.docket.models import Case, Court, Participation
from expediente.docket.professional_roles import LAWYER_ROLES, PROFESSIONAL_ROLES
from expediente.docket.text import fold
from expediente.portal.addressing import lawyer_link
from expediente.portal.participant_session import session_current


@dataclass(frozen=True)
class Viewing:
    at_local: dt.datetime  # the latest of the reads it stands for
    who: str
    channel: str
    what: str
    count: int = 1  # reads in a row by the same reader, of the same, on the same day
    first_local: dt.datetime | None = None  # the earliest of them, when more than one


def grouped(rows: list[Viewing]) -> list[Viewing]:
    """Reads in a row (newest first) by the same reader, through the same channel, of the
    same details on the same day, as one line with their count and first and last time:
    ten reloads of a page read as ten lines."""
    out: list[Viewing] = []
    for row in rows:
        last = out[-1] if out else None
        if (
            last is not None
            and (last.who, last.channel, last.what) == (row.who, row.channel, row.what)
            and last.at_local.date() == row.at_local.date()
        ):
            out[-1] = Viewing(
                last.at_local, last.who, last.channel, last.what, last.count + 1, row.at_local
            )
        else:
            out.append(row)
    return out


def reader_view(case: Case, reader: Audience) -> CaseView:
    """What the disclosure rules let this participant see of the case (no log line: the
    page logs only if it shows a participant's name)."""
    return view_unlogged(reader, case)


def viewings(view: CaseView, before: str | None = None) -> tuple[list[Viewing], str | None]:
    """A page of the reads of the case's protected data, newest first (older than the
    cursor ``before``: ``BadCursor`` if it is not one a page gave), as the reader of
    ``view`` (a participant) may see them, reads in a row by one reader on one day as
    one line (``grouped``; a run cut by the page's end goes on at the next page's top);
    and the cursor of the next page, if any."""
    case, reader = view.case, view.audience
    # Not the other parties' own reads, only their lawyers' and the prosecution's: when
    # a victim or a protected witness opens the case is not the accused's family's to
    # watch (it read "A participant: Victim" with the minute), nor the other way round.
    others = (
        Q(audience="participant")
        & ~Q(actor_label=f"participant:{reader.participant}")
        & ~Q(role__in=PROFESSIONAL_ROLES)  # the lawyers' and the prosecution's are shown
    )
    page = access_log_for_case(case=case, before=before, hidden=others)
    tz = ZoneInfo(case.court.timezone)
    courts = dict(Court.objects.values_list("code", "name"))
    namer = _Namer(view)
    reads: list[_Read] = []
    for r in page.rows:
        read = _Read(r.at, _reader_key(r), namer.who(r, courts), r.channel, list(r.classes))
        last = reads[-1] if reads else None
        if last is not None and last.same_read(read):
            # one account at one moment: one read (a page that read the case through
            # each of its links), of everything those lines name
            last.classes.extend(c for c in read.classes if c not in last.classes)
            continue
        reads.append(read)
    out = grouped(
        [
            Viewing(
                read.at.astimezone(tz),
                read.who,
                str(CHANNELS.get(read.channel, read.channel)),
                ", ".join(str(CLASSES.get(c, c)) for c in read.classes),
            )
            for read in reads
        ]
    )
    if namer.showed_names:
        log_read(
            case_id=case.pk,
            court_code=case.court.code,
            audience=reader,
            channel="portal",
            shown=view.shown,
        )
    return out, page.older


@dataclass
class _Read:
    """One line of the log as the page says it, before lines in a row are grouped."""

    at: dt.datetime
    reader: tuple[object, ...]  # who read, as the log knows them (``_reader_key``)
    who: str
    channel: str
    classes: list[str]

    def same_read(self, other: _Read) -> bool:
        """The same reader, at the same moment, through the same channel."""
        return (self.at, self.reader, self.who, self.channel) == (
            other.at,
            other.reader,
            other.who,
            other.channel,
        )


def _reader_key(r: AccessRecord) -> tuple[object, ...]:
    """Who read: a participant's account whatever participation it read through (a
    lawyer's, through her own and her client's); otherwise the line's reader (an
    institution's systems are each their own)."""
    if r.audience == "participant" and r.user_id is not None:
        return ("account", r.user_id)
    return ("line", r.actor_label, r.user_id)


@dataclass(frozen=True)
class _Span:
    """An account's link to a participation of the case, from ``start`` until ``end``
    (None: it holds)."""

    user_id: int
    participant: str
    how: str  # "clerk" (the codes page's "Link a lawyer's account") or "code"
    start: dt.datetime
    end: dt.datetime | None

    def covers(self, at: dt.datetime) -> bool:
        return self.start <= at and (self.end is None or at < self.end)


def _spans(case: Case) -> list[_Span]:
    """Every link of the case, holding or ended (two queries, a few rows)."""
    held = ParticipantLink.objects.filter(case=case).values_list(
        "user_id", "participant", "how", "created_at"
    )
    ended = ParticipantLinkEnded.objects.filter(case=case).values_list(
        "user_id", "participant", "how", "created_at", "ended_at"
    )
    return [_Span(u, p, how, start, None) for u, p, how, start in held] + [
        _Span(u, p, how, start, end) for u, p, how, start, end in ended
    ]


def _matches(token: str, r: AccessRecord) -> tuple[bool, str, bool]:
    """(does ``r``'s reader fit the token's audience and role, that role, "/named")."""
    named = token.endswith("/named")
    kind, _sep, which = token.removesuffix("/named").partition(":")
    return kind == r.audience and (not which or which in r.role.split(",")), which, named


class _Namer:
    """Says who read, and adds the name where the reader's rules allow it."""

    def __init__(self, view: CaseView) -> None:
        self.view = view
        self.tokens = view.shown.viewer_names
        self.showed_names = False
        self._people: dict[str, Participation] | None = None
        self._spans: list[_Span] | None = None

    def people(self) -> dict[str, Participation]:
        if self._people is None:
            rows = Participation.objects.filter(case=self.view.case).select_related("person")
            self._people = {p.uid: p for p in rows}
        return self._people

    def spans(self) -> list[_Span]:
        if self._spans is None:
            self._spans = _spans(self.view.case)
        return self._spans

    def _acts_for_reader(self, r: AccessRecord) -> bool:
        """Was ``r``'s account linked to the reader's participation when it read?"""
        if r.user_id is None:
            return False
        mine = self.view.audience.participant
        return any(
            s.user_id == r.user_id and s.participant == mine and s.covers(r.at)
            for s in self.spans()
        )

    def who(self, r: AccessRecord, courts: dict[str, str]) -> str:
        pack = self.view.pack
        if r.audience == "participant":
            mine = r.actor_label == f"participant:{self.view.audience.participant}"
            if mine or self._acts_for_reader(r):
                return self._same_participation(r)
            roles = r.role.split(",")
            said = _("A participant: %(role)s") % {
                "role": role_label(pack, roles[0]) if roles[0] else ""
            }
        elif r.audience == "staff":
            roles = [str(STAFF_ROLES.get(x, x)) for x in r.role.split(",") if x]
            said = _("%(roles)s of %(court)s") % {
                "roles": ", ".join(roles),
                "court": courts.get(r.court, r.court),
            }
        else:  # which kind of institution, by the agency its token serves
            said = agency_system(r.role)
        name = self.name(r)
        return _("%(name)s (%(who)s)") % {"name": name, "who": said} if name else said

    def _same_participation(self, r: AccessRecord) -> str:
        """A read through the reader's own participation: by the reader, or by the other
        way in to it (the access code, or a lawyer's account linked to it). Both were
        "You", which told a family that their lawyer's reads were theirs."""
        actor = self.view.audience.actor
        mine = actor.user.pk if actor is not None and actor.user.pk else None
        if r.user_id == mine:
            return str(_("You"))
        if r.user_id is None:
            return str(_("Someone with this participation's access code"))
        full = r.user.get_full_name() if r.user is not None else ""
        if not self._lawyer(r):
            if full:
                return _("An account that follows this participation: %(name)s") % {"name": full}
            return str(_("An account that follows this participation"))
        if full:
            return _("Your lawyer: %(name)s") % {"name": full}
        return str(_("Your lawyer"))

    def _lawyer(self, r: AccessRecord) -> bool:
        """Is the account that read the reader's lawyer? Yes when it was linked then to
        a counsel participation of the case, or linked by the clerk (the codes page's
        "Link a lawyer's account") to the reader's own where a lawyer acts for its role
        (an accused, a victim). Not an account that redeemed the code itself (the
        person, or family), nor one following a guardian's or a witness's
        participation: those are not anyone's lawyer."""
        people = self.people()
        me = people.get(self.view.audience.participant)
        held = [s for s in self.spans() if s.user_id == r.user_id and s.covers(r.at)]
        if not held:
            return True  # no link on record covers it (kept only since links are): as before
        for s in held:
            if me is not None and s.participant == me.uid and lawyer_link(me.role, s.how):
                return True
            p = people.get(s.participant)
            if p is not None and p.role in LAWYER_ROLES:
                return True
        return False

    def name(self, r: AccessRecord) -> str:
        """The reader's name, if a ``viewer_names`` token allows it ("" otherwise)."""
        for token in self.tokens:
            fits, role, named = _matches(token, r)
            if not fits:
                continue
            if r.audience == "participant":
                uid = r.actor_label.removeprefix("participant:")
                person = self.people().get(uid)
                if person is not None and (name := self.view.name(person)):
                    self.showed_names = True
                    return name
                continue
            full = r.user.get_full_name() if r.user is not None else ""
            if full and (not named or self._named_in_case(full, role)):
                return full
        return ""

    def _named_in_case(self, full_name: str, role: str) -> bool:
        folded = fold(full_name)
        return any(
            p.person.search_name == folded and (not role or p.role == role)
            for p in self.people().values()
        )


@never_cache
@require_safe
def follow_who_viewed(request: HttpRequest) -> HttpResponse:
    following = session_current(request, timezone.now())
    if following is None:
        return redirect("portal:follow")
    me = Participation.objects.get(case=following.case, uid=following.participant)
    reader = participant_audience(participant=me.uid, role=me.role, actor=None)
    view = reader_view(following.case, reader)
    if not view.visible:
        raise Http404("no such case")
    before = str(request.GET.get("before", "")).strip()
    error = None
    try:
        rows, older = viewings(view, before or None)
    except BadCursor:
        error = str(BAD_CURSOR_MESSAGE)
        before = ""
        rows, older = viewings(view)
    return render(
        request,
        "portal/who_viewed.html",
        {
            "case": following.case,
            "rows": rows,
            "older": older,
            "paged": bool(before),
            "error": error,
        },
    )
