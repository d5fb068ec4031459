"""The case page's open deadlines beyond the detention clock, and the people held past
their legal maximum.

``open_deadlines``: every open deadline of the case that the detention clock does not
already show (the clock lists every open deadline of the people with a custody history):
petition answers, a juvenile's non-custodial measures, the checks of a measure. Each is
marked as the due list marks it: a limit set by law, or the court's service target
(``flag: policy``), with its source. Two queries.

``held_past_maximum``: from the clock, each person held now whose maximum of detention
(the rule the pack marks ``maximum: true``) has passed, with how many whole days ago and
the law that sets it. It states the fact and the source; what follows from it is for
the court to declare (``effect: legal_consequence``).

``held_past_sentence``: each person held now whose sentence, as the court's computation
fixed its end (``sentence.computed``), ended before now: held past the end of their
sentence. The page states the fact and asks for the release or the new computation.

``held_after_ground_ended``: each person held now although the court ended the ground
for holding them (the detention order lifted or replaced, a custody hearing that ordered
no detention of a person in police custody; again at a recapture, naming the hearing when
it was a hearing that had ended the ground: ``PersonClock.release_ground_end``; at an arrest
after an acquittal, with no new order since, even in the act; at the case's dismissal of
a person held; at a recapture after a pack's own entry
ended the measure, naming it), from the
clock's open release watch (``PersonClock.release``: ``intl.release_on_order_end``): the
day it ended, the court's target for the release and whether it has passed. An acquittal is
said by ``held_after_acquittal`` below, with the same target.

``held_after_acquittal``: each person held now whose latest verdict, given while this
custody lasts, acquits them. The page says the fact and asks for the entry that explains
the custody (a release, or the order that holds them); where the pack watches the
release (the baseline's ``intl.release_on_order_end``), with its target. One query, for
a case with someone held.

One warning per person held with no ground: the ground may end twice before the release
(the order lifted, then an acquittal), but the watch runs from the first end (a second
start does not move a running clock, rules/deadlines.py) and its target is counted from
there. So the page names that end, the one the running watch started at: the acquittal
warning when the watch started at the verdict, ``held_after_ground_ended`` otherwise; an
acquittal that came after the watch started is left to the ground-ended warning (a
second warning would give no target, or a later one the court does not hold itself
to)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language

from expediente.custody.models import Deadline
from expediente.custody.periods import (
    ARRESTED,
    BASELINE_GROUND_ENDS,
    DISMISSED,
    HEARING,
    RECAPTURED,
    RETRIAL,
)
from expediente.custody.selectors import PersonClock, custody_run_start
from expediente.docket.models import Case
from expediente.docket.selectors import latest_versions
from expediente.docket.verdicts import VERDICT, convicts
from expediente.measures.models import MeasureDeadline
from expediente.rules.citation import cite_law


@dataclass(frozen=True)
class OpenDeadline:
    label: str
    person: str
    status: str  # overdue, due_soon or pending
    due_at: dt.datetime
    last_day: dt.date | None  # for deadlines counted in days: the last day in time
    law: str
    to_confirm: bool  # the source is flagged P
    service_target: bool  # the court's own target (flag: policy), not a legal limit
    legal_limit: bool  # set by law: cites an article and is not a service target
    explanation: str


@dataclass(frozen=True)
class PastMaximum:
    name: str
    days: int  # whole days since the maximum passed
    since: dt.datetime  # the moment it passed
    last_day: dt.date | None
    label: str
    law: str


def open_deadlines(
    case: Case,
    now: dt.datetime,
    rows: list[Deadline],
    *,
    names: dict[str, str],
    on_clock: set[str],
    measured: list[MeasureDeadline],
) -> list[OpenDeadline]:
    """The case's open deadlines (``rows``: its open custody and petition deadlines,
    with their participations; ``measured``: its measures' open deadlines, with theirs),
    soonest due first, except those of the people in ``on_clock`` (participant ids the
    detention clock shows). ``names``: participant id -> how the page names them."""
    lang = (get_language() or "es")[:2]
    out: list[tuple[dt.datetime, OpenDeadline]] = []
    for d in rows:
        uid = d.participation.uid
        if uid in on_clock:
            continue
        by_day = d.counting != "continuous"
        out.append((d.due_at, _line(d, now, lang, names.get(uid, uid), by_day)))
    for m in measured:
        uid = m.measure.participation.uid
        out.append((m.due_at, _line(m, now, lang, names.get(uid, uid), True)))
    out.sort(key=lambda pair: pair[0])
    return [line for _due, line in out]


def _line(d: Any, now: dt.datetime, lang: str, person: str, by_day: bool) -> OpenDeadline:
    law = d.law or {}
    return OpenDeadline(
        label=_localized(d.label, lang) or d.rule_id,
        person=person,
        status=d.status(now),
        due_at=d.due_at,
        last_day=d.due_on if by_day else None,
        law=cite_law(law, lang),
        to_confirm=law.get("flag") == "P",
        service_target=law.get("flag") == "policy",
        legal_limit=bool(law.get("article")) and law.get("flag") != "policy",
        explanation=d.explain(lang),
    )


def held_past_maximum(clocks: list[PersonClock], now: dt.datetime) -> list[PastMaximum]:
    """The people held now whose maximum of detention has passed, longest past first."""
    lang = (get_language() or "es")[:2]
    out = []
    for p in clocks:
        m = p.maximum
        if not p.in_custody or m is None or m.due_at > now:
            continue
        out.append(
            PastMaximum(
                name=p.name,
                days=(now - m.due_at).days,
                since=m.due_at,
                last_day=m.last_day,
                label=m.label,
                law=cite_law(m.row.law or {}, lang),
            )
        )
    return sorted(out, key=lambda x: x.since)


@dataclass(frozen=True)
class PastSentence:
    name: str
    ended_on: dt.date  # the day the court's computation fixed
    days: int  # whole days since the end of that day


def held_past_sentence(clocks: list[PersonClock], now: dt.datetime) -> list[PastSentence]:
    """The people held now whose sentence, as the court computed it, has ended
    (``PersonClock.held_past_sentence``), longest past first."""
    out = [
        PastSentence(p.name, p.sentence_end.row.due_on, (now - p.sentence_end.due_at).days)
        for p in clocks
        if p.sentence_end is not None and p.held_past_sentence(now)
    ]
    return sorted(out, key=lambda x: x.ended_on)


@dataclass(frozen=True)
class GroundEnded:
    """A person held although the court ended the ground for holding them."""

    name: str
    participant: str
    ended_at: dt.datetime  # the entry that ended it (a review, the order lifted, …)
    ended_by: str  # that entry's type, for its label
    release_by: dt.datetime  # the court's target for the release
    overdue: bool
    # when the watch opened again at a recapture: the entry that had ended the ground
    # before it (a custody hearing, or the end of an order) and its moment
    ground_end_type: str = ""
    ground_end_at: dt.datetime | None = None
    # the pack's label of ``ended_by``, for an entry of the pack's own that ended it
    ended_by_label: str = ""
    # the pack's label of ``ground_end_type`` (for a pack's own entry that ended it)
    ground_end_label: str = ""

    @property
    def by_other_entry(self) -> bool:
        """An entry of the pack's own ended the measure that held the person (Brazil's
        reassessment that ends an internment), not a detention order's end: the page
        names that entry rather than an order."""
        return self.ended_by not in BASELINE_GROUND_ENDS

    @property
    def by_retrial(self) -> bool:
        """The watch opened again at a retrial that put the person back in pretrial
        detention with no order in force: ``ended_at`` is the retrial's moment, not the
        day the order ended."""
        return self.ended_by == RETRIAL

    @property
    def by_hearing(self) -> bool:
        """A custody hearing ordered no detention of a person in police custody: no
        order ever held them, so the page does not say that one ended."""
        return self.ended_by == HEARING

    @property
    def by_recapture(self) -> bool:
        """The watch opened again at the recapture of a person whose ground had ended
        (``starts_without_ground``): ``ended_at`` is the recapture's moment."""
        return self.ended_by == RECAPTURED

    @property
    def by_recapture_after_other_entry(self) -> bool:
        """A recapture (``by_recapture``) of a person whose measure an entry of the
        pack's own had ended (Brazil's reassessment that ends an internment): the page
        names that entry (``ground_end_label``), not a detention order."""
        return (
            self.by_recapture
            and bool(self.ground_end_type)
            and (self.ground_end_type not in BASELINE_GROUND_ENDS)
        )

    @property
    def by_arrest(self) -> bool:
        """The watch opened at an arrest (even one in the act) of a person acquitted with
        no new order in force since (``ground_end_at`` is the verdict's moment): nothing
        recorded in this case holds them (ICCPR art. 9(1); the acquittal may still be
        under appeal, so the page asks for a new order if one was made). Only a
        verdict's end is named so: the page never says a person was acquitted on another
        entry's day."""
        return self.ended_by == ARRESTED and self.ground_end_type == VERDICT

    @property
    def by_dismissal(self) -> bool:
        """The case's dismissal ended every detention order of it while the person was
        held: ``ended_at`` is the dismissal's moment."""
        return self.ended_by == DISMISSED

    @property
    def by_recapture_after_hearing(self) -> bool:
        """A recapture (``by_recapture``) of a person whose ground a custody hearing had
        ended (it ordered no detention): no order ever held them, so the page names the
        hearing rather than an order the court ended."""
        return self.by_recapture and self.ground_end_type == HEARING


def held_after_ground_ended(
    clocks: list[PersonClock], now: dt.datetime, labels: Callable[[str], str] = str
) -> list[GroundEnded]:
    """The people held now whose release the pack watches since the court ended the
    ground for holding them (``PersonClock.release``), except after an acquittal
    (``held_after_acquittal`` says it), the earliest ended first. ``labels`` names an
    entry type in the reader's language (the pack's label)."""
    out = [
        GroundEnded(
            name=p.name,
            participant=p.participant,
            ended_at=p.release.row.start_at,
            ended_by=p.release.row.start_type,
            release_by=p.release.due_at,
            overdue=p.release.due_at <= now,
            ground_end_type=p.release_ground_end.type if p.release_ground_end else "",
            ground_end_at=p.release_ground_end.at if p.release_ground_end else None,
            ended_by_label=labels(p.release.row.start_type),
            ground_end_label=labels(p.release_ground_end.type) if p.release_ground_end else "",
        )
        for p in clocks
        if p.release is not None and p.release.row.start_type != VERDICT
    ]
    return sorted(out, key=lambda x: x.ended_at)


def _localized(text: dict[str, str] | None, lang: str) -> str:
    if not text:
        return ""
    return text.get(lang) or text.get("en") or text.get("es") or next(iter(text.values()))


@dataclass(frozen=True)
class HeldAfterAcquittal:
    name: str
    acquitted_at: dt.datetime
    participant: str = ""
    # the court's target for the release, where the pack watches it (PersonClock.release)
    release_by: dt.datetime | None = None
    overdue: bool = False


def held_after_acquittal(
    case: Case, clocks: list[PersonClock], now: dt.datetime | None = None
) -> list[HeldAfterAcquittal]:
    """The people held now whose latest verdict (each entry as last corrected), dated
    within the current custody, is not a conviction; with the court's target for the
    release when the clock watches it (overdue from ``now``). A person whose release
    watch started before the verdict (the order lifted, then the acquittal) is left out:
    ``held_after_ground_ended`` names them once, from the end the watch counts from."""
    held = {c.participant: c for c in clocks if c.in_custody and c.current is not None}
    if not held:
        return []
    latest, _origin = latest_versions(case, [VERDICT])
    last: dict[str, tuple[dict[str, Any], dt.datetime]] = {}
    for entry in sorted(latest.values(), key=lambda e: e.at):
        last[str(entry.payload.get("accused", ""))] = (entry.payload, entry.at)
    out = []
    for uid, clock in held.items():
        found = last.get(uid)
        if found is None or convicts(found[0].get("outcome")):
            continue
        current, watch = clock.current, clock.release
        if watch is not None and watch.row.start_type != VERDICT:
            continue  # said once, by the warning that the ground ended, from its start
        # within the custody the person is in now: a retrial after the acquittal splits
        # the period, not the custody (a review found the warning dropped there)
        since = custody_run_start(clock)
        if current is not None and since is not None and found[1] >= since:
            by = watch.due_at if watch is not None and watch.row.start_type == VERDICT else None
            out.append(
                HeldAfterAcquittal(
                    name=clock.name,
                    acquitted_at=found[1],
                    participant=uid,
                    release_by=by,
                    overdue=by is not None and now is not None and by <= now,
                )
            )
    return sorted(out, key=lambda x: x.acquitted_at)
