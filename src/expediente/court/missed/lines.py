"""One line of what the court missed (``custody.missed``), as the staff pages show it:
the court's list (``court/missed/views.py``) and a case's page (``court/pages``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.dateformat import time_format
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import get_language, gettext_lazy

from expediente.court.due.rows import in_language
from expediente.custody.missed import missed_due
from expediente.custody.models import Deadline, OwedBy
from expediente.custody.selectors import maximum_rules
from expediente.docket.models import Court
from expediente.rules.citation import cite_law
from expediente.rules.loader import load_pack

# The lists of what others owed, below the court's own (on the court's page and a case's):
# the court supervises them, but they are not its misses (``Deadline.owed_by``).
# A person's own obligation (``owed_by: person``, which no shipped pack sets on a custody
# clock) is not listed: the court neither missed it nor supervises it as a party's duty.
OTHERS_HEADINGS = {
    OwedBy.PROSECUTION: gettext_lazy("What the prosecution did not do in time"),
}


@dataclass(frozen=True)
class MissedLine:
    deadline: Deadline
    court: Court
    person: str
    label: str
    law: str
    service_target: bool  # flagged policy: the court's own target, not a legal limit
    due_local: dt.datetime  # the due moment that was missed
    last_day: dt.date | None  # counted in days: the last day in time
    ended_local: dt.datetime
    # "late": met late; "unmet": ended without being met; "extended": its term extended
    # only after it had run out (the person held past it until then); "held_past": a
    # limit on holding the person, ended (a release, a lift, a verdict) only after it
    kind: str
    how: str  # the entry that ended it, or extended it, in words
    late: str  # "5 days, 3 hours"
    ended_type: str = ""  # the event type of that entry
    # the due moment and the end in words, in the active language: the last day for a
    # term counted in days, the day and the hour for one counted in hours ("3 March, 5
    # hours late" read as a contradiction without the hour)
    due_text: str = ""
    ended_text: str = ""

    @property
    def owed_by(self) -> str:
        """Whose act it awaited (``Deadline.owed_by``): "court", "prosecution" or "person"."""
        return self.deadline.owed_by


def missed_line(d: Deadline, court: Court, person: str) -> MissedLine:
    """The line for one missed deadline (``missed_at`` set); ``person``: their name as
    the reader may see it. No query."""
    short = (get_language() or "es")[:2]
    tz = ZoneInfo(court.timezone)
    assert d.missed_at is not None
    missed = missed_due(d)
    lapse = (d.detail or {}).get("lapse")
    if lapse:
        kind, ended_type = "extended", str(lapse.get("type", ""))
    elif d.satisfied_at is not None and _limit(d, court):
        # a limit on holding the person (the legal maximum, the order's own term) is not
        # "met late" by the release or the verdict that ended it: the person was held
        # past it until then (QA read "met late by «Verdict delivered»" for two months
        # held without a valid order)
        kind, ended_type = "held_past", d.satisfied_type
    elif d.satisfied_at is not None:
        kind, ended_type = "late", d.satisfied_type
    else:
        kind, ended_type = "unmet", d.stopped_type
    law = d.law or {}
    due_local = missed.astimezone(tz)
    return MissedLine(
        deadline=d,
        court=court,
        person=person,
        label=in_language(d.label, short) or d.rule_id,
        law=cite_law(law, short),
        service_target=law.get("flag") == "policy",
        due_local=due_local,
        # a term counted in days runs out at the midnight that ends its last day
        last_day=(due_local - dt.timedelta(microseconds=1)).date()
        if d.counting != "continuous"
        else None,
        ended_local=d.missed_at.astimezone(tz),
        kind=kind,
        how=_type_label(court, ended_type, short),
        late=timesince(missed, d.missed_at, depth=2),
        ended_type=ended_type,
        due_text=_when(due_local, by_day=d.counting != "continuous", due=True),
        ended_text=_when(d.missed_at.astimezone(tz), by_day=d.counting != "continuous"),
    )


def _when(local: dt.datetime, *, by_day: bool, due: bool = False) -> str:
    """A moment in words: its day for a term counted in days (a due moment is then the
    midnight that ends the last day: that last day), else its day and hour."""
    if by_day:
        return date_format(local - dt.timedelta(microseconds=1) if due else local)
    return f"{date_format(local)}, {time_format(local, 'H:i')}"


def _type_label(court: Court, type_name: str, lang: str) -> str:
    """An event type in words, from the court's pack (its id when the pack lacks it)."""
    known = load_pack(court.rule_pack).event_types.get(type_name)
    return (in_language(dict(known.label), lang) if known is not None else "") or type_name


@dataclass(frozen=True)
class OthersMissed:
    """The lines of deadlines one party other than the court owed, under its heading."""

    owed_by: str
    heading: str
    lines: list[MissedLine]


def others_missed(lines: list[MissedLine]) -> list[OthersMissed]:
    """``lines`` that were not the court's to meet, one group per party the court
    supervises that owed them (the prosecution), in the order given."""
    return [
        OthersMissed(owed_by, str(heading), own)
        for owed_by, heading in OTHERS_HEADINGS.items()
        if (own := [line for line in lines if line.owed_by == owed_by])
    ]


def _limit(d: Deadline, court: Court) -> bool:
    """A limit on holding the person: the pack's legal maximum or the term a detention
    order states (``until_from``)."""
    return d.rule_id in maximum_rules(court.rule_pack) or bool((d.detail or {}).get("order_term"))
