"""What the public may read of one case, or of one court's day (selectors).

A case the public may not see (before charges, juvenile, restricted, sealed) and a case
that does not exist give the same answer, ``None``, after the same queries: a miss still
reads the disclosure facts of a case id that cannot exist, so the time taken does not
say which it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from expediente.access.disclosure import PUBLIC, CaseView, disclose
from expediente.api.present import localized
from expediente.court.models import Sitting
from expediente.court.pages.labels import option_label, stage_text
from expediente.docket.models import Case, Court
from expediente.portal.public.finality import (
    FINALITY_EVENTS,
    Finality,
    effective,
    finality_from,
)
from expediente.rules.loader import load_pack

MAX_NUMBER = 40


@dataclass(frozen=True)
class PublicHearing:
    starts_local: dt.datetime
    kind: str
    courtroom: str


@dataclass(frozen=True)
class PublicCase:
    court: str
    number: str
    nuid: str
    tz: str  # the court's time zone: every time shown is on its clock
    offences: list[str]
    stage: str
    stage_explain: str
    accused: list[str]  # as the rules allow: full names, initials, or nothing
    hearings: list[PublicHearing]
    # has a final judgment been given, and what did it decide (``finality.py``: the
    # presumption-of-innocence notice depends on it); None where not read (calendars)
    finality: Finality | None = None


@dataclass(frozen=True)
class CalendarRow:
    starts_local: dt.datetime
    courtroom: str
    kind: str
    case: PublicCase
    # "" while the hearing is set (or was held); otherwise why nobody should come for it:
    # the public sees that it was called off or moved, never the reason (which can say
    # that a detained person was not brought) nor, here, the new date
    called_off: str = ""


def public_case(*, court: Court | None, number: str, now: dt.datetime) -> PublicCase | None:
    """The public view of the case numbered ``number`` (its court number in ``court`` or
    its national identifier), or None if there is none the public may see."""
    number = number.strip()[:MAX_NUMBER]
    # as typed, and in capitals as printed ("26-000062-0042-pe" found nothing; /follow/
    # and the court's search take either)
    typed = {number, number.upper()}
    case = None
    if court is not None and number and "\x00" not in number:
        case = (
            Case.objects.select_related("court")
            .filter(Q(number__in=typed) | Q(nuid__in=typed), court=court)
            .order_by("id")
            .first()
        )
    target = case if case is not None else _phantom(court)
    view = disclose(PUBLIC, target, channel="public")
    if case is None or not view.visible:
        return None
    return present_public(view, now)


def _phantom(court: Court | None) -> Case:
    """A case that cannot exist, read like a real one (same queries, no rows)."""
    phantom = Case(pk=-1, procedure="adult", confidentiality="public", stage="investigation")
    phantom.court = court or Court(rule_pack="intl", code="", name="")
    return phantom


def present_public(
    view: CaseView,
    now: dt.datetime,
    sittings: list[Sitting] | None = None,
    *,
    with_finality: bool = True,
) -> PublicCase:
    """What the public sees of the case of ``view``; ``sittings``: its hearings, if read
    already; ``with_finality``: read whether its judgment is final (one query)."""
    case = view.case
    pack = view.pack
    shown = view.shown
    tz = ZoneInfo(case.court.timezone)
    finality = _finality(case) if with_finality else None
    stage, explain = stage_text(pack, case.stage, finality) if shown.stage else ("", "")
    offences: list[str] = []
    if shown.offence:
        for code, label in case.charges.order_by("filed_seq").values_list(
            "offence_code", "offence_label"
        ):
            offence = pack.offence(code)
            text = (localized(offence.label) if offence else None) or label
            if text not in offences:
                offences.append(text)
    accused = [
        name
        for p in case.participations.filter(role="accused")
        .select_related("person")
        .order_by("added_seq")
        if (name := view.name(p))
    ]
    hearings: list[PublicHearing] = []
    if shown.hearings:
        rows = (
            sittings
            if sittings is not None
            else list(
                Sitting.objects.filter(case=case, status="scheduled", starts_at__gte=now).order_by(
                    "starts_at"
                )[:5]
            )
        )
        hearings = [
            PublicHearing(
                s.starts_at.astimezone(tz), option_label(s.kind) if s.kind else "", s.courtroom
            )
            for s in rows
        ]
    return PublicCase(
        court=case.court.name,
        number=case.number,
        tz=case.court.timezone,
        nuid=case.nuid,
        offences=offences,
        stage=stage,
        stage_explain=explain,
        accused=accused,
        hearings=hearings,
        finality=finality,
    )


def _finality(case: Case) -> Finality:
    events = case.events.filter(type__in=FINALITY_EVENTS).order_by("seq")
    return finality_from(effective(events.values_list("seq", "corrects_seq", "type", "payload")))


CALLED_OFF = {
    "not_held": gettext_lazy("Not held"),
    "moved": gettext_lazy("Moved to another date"),
}


def moved_to(sittings: list[Sitting]) -> dict[int, dt.datetime]:
    """Where each moved sitting of the list went: the sitting its move set (one query;
    none when no sitting of the list was moved). Also read by /my/'s week."""
    moved = {(s.case_id, s.closed_by_seq): s.pk for s in sittings if s.status == "moved"}
    if not moved:
        return {}
    cases = {case for case, _seq in moved}
    later = Sitting.objects.filter(
        case_id__in=cases, set_by_seq__in=[seq for _case, seq in moved]
    ).values_list("case_id", "set_by_seq", "starts_at")
    return {moved[(c, seq)]: at for c, seq, at in later if (c, seq) in moved}


def _called_off(s: Sitting, moved_to: dt.datetime | None, tz: ZoneInfo, day: dt.date) -> str:
    """The mark of a sitting that will not take place at its time: "Not held", "Moved to
    another date", or, moved within the same day, "Moved to 14:00" (the same day's later
    row is the hearing itself)."""
    if s.status == "moved" and moved_to is not None:
        local = moved_to.astimezone(tz)
        if local.date() == day:
            return _("Moved to %(time)s") % {"time": local.strftime("%H:%M")}
    return str(CALLED_OFF.get(s.status, ""))


def public_calendar(*, court: Court, day: dt.date) -> list[CalendarRow]:
    """The hearings set in ``court`` on ``day`` (its own time zone) of cases the public may
    see, by time. A hearing called off or moved to another date stays on its day, marked
    so: a witness or a victim who was told to come at that time must be able to see that
    they need not (dropping it left the hearing listed as if it would happen, or gone
    without a word)."""
    tz = ZoneInfo(court.timezone)
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)
    sittings = list(
        Sitting.objects.filter(
            court=court, starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1)
        )
        .select_related("case__court")
        .order_by("starts_at", "courtroom", "case_id")
    )
    pack = load_pack(court.rule_pack)
    rows: list[CalendarRow] = []
    views: dict[int, CaseView] = {}
    moved = moved_to(sittings)
    for s in sittings:
        view = views.get(s.case_id)
        if view is None:
            view = views[s.case_id] = disclose(PUBLIC, s.case, channel="public", pack=pack)
        if not view.visible or not view.shown.hearings:
            continue
        rows.append(
            CalendarRow(
                starts_local=s.starts_at.astimezone(tz),
                courtroom=s.courtroom,
                kind=option_label(s.kind) if s.kind else _("Hearing"),
                case=present_public(view, s.starts_at, sittings=[], with_finality=False),
                called_off=_called_off(s, moved.get(s.pk), tz, day),
            )
        )
    return rows
