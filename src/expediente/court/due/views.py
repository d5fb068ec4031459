"""The judge's "Due and overdue" page. On the first page, at the top, how many limits of
the law are overdue and who has been held past one the longest (when the page does not
show them), and how many breaches and petitions wait, each a link to its section (a
judge on a phone sees all of it on the first screen). Then accused whose age at the time
of the acts does not fit their case's procedure (a child under the adult procedure has
the adult limits on every deadline below; ``docket/ages.py``), breaches of supervised
measures awaiting the judge's response, the urgent petitions (protection, habeas corpus,
ill-treatment: ``petitions.selectors.FIRST_KINDS``), detained minors first by law, then
every open deadline of the staff member's courts in the order of
``custody.selectors.URGENCY``: people held past a limit of the law (the most recently
passed first), limits of the law due soon, the court's service targets overdue and due
soon, then the rest, soonest first; the other petitions (information, delay, reviews)
last, below the deadlines: they had pushed people held past a limit eight screens down.
Thin: parse, ask the custody and measures selectors, render.

Every case on the page goes through ``disclosure.disclose_many`` (``court.due.reads``):
a case the rules hide from the reader is left out, people are named as the rules say,
and the page's reads are one INSERT in the access log."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from expediente.access.policy import Actor
from expediente.court.access import staff_required
from expediente.court.ages import AgeAlert, age_alert
from expediente.court.due.reads import page_views, seen_by, with_case_court
from expediente.court.due.rows import DueRow, due_row
from expediente.court.pages.visibility import courts_for, visibility_q
from expediente.custody.missed import deadlines_missed_count
from expediente.custody.selectors import (
    STATUSES,
    URGENCY,
    Cursor,
    OverdueLaw,
    deadline_list_priority,
    deadline_list_urgent,
    overdue_legal_limits,
    priority_law,
    service_targets,
)
from expediente.docket import ages
from expediente.docket.models import Court, Participation
from expediente.measures.labels import breach_label, kind_label
from expediente.measures.models import Measure
from expediente.measures.selectors import (
    breaches_awaiting_response,
    breaches_awaiting_response_count,
)
from expediente.petitions.models import Petition
from expediente.petitions.selectors import (
    FIRST_KINDS,
    petitions_awaiting_answer,
    petitions_awaiting_answer_count,
)
from expediente.rules.loader import load_pack

# A page is short enough for a phone (each line is a card there); the order puts what
# must be acted on now on the first page (``custody.selectors.URGENCY``)
PAGE_SIZE = 25
# unanswered breaches shown above the deadlines; beyond these, the page says how many
# there are and links to the supervision list, which has them all (breaches first)
BREACHES_SHOWN = 20
# open petitions shown above the deadlines; ``?petitions=all`` shows up to
# ``PETITIONS_ALL`` (a court with more has a backlog no page will fix)
PETITIONS_SHOWN = 20
PETITIONS_ALL = 500
# accused whose age does not fit the procedure, shown at the top; beyond these, the page
# says how many there are (each case page says it too)
AGES_SHOWN = 20


@staff_required
def due_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = courts_for(actor)
    status = request.GET.get("status")
    if status not in STATUSES:
        status = None
    after = _after(request.GET.get("after", ""))
    now = timezone.now()
    merged = deadline_list_urgent(
        courts=courts, now=now, actor=actor, status=status, after=after, limit=PAGE_SIZE + 1
    )
    more = len(merged) > PAGE_SIZE
    page = [(d, court) for d, court, _place in merged[:PAGE_SIZE]]
    last = merged[PAGE_SIZE - 1][2] if more else None
    # Cases the law puts first (a detained juvenile: Costa Rica's Ley 7576 art. 60) are
    # listed above the rest, on the first page; they stay in the full list as well.
    priority = (
        []
        if after is not None
        else [
            (d, court)
            for court in courts
            for d in deadline_list_priority(court=court, actor=actor)
            if status is None or d.status(now) == status
        ]
    )
    found_ages, ages_total = ([], 0) if after is not None else _ages(actor, courts)
    found_breaches, breaches_total = ([], 0) if after is not None else _breaches(actor, courts)
    with_case_court(found_breaches)
    every_petition = request.GET.get("petitions") == "all"
    # the urgent ones above the deadlines, the others below: each its own list and count
    found_urgent, urgent_total = (
        ([], 0) if after is not None else _petitions(actor, courts, every_petition, True)
    )
    found_other, other_total = (
        ([], 0) if after is not None else _petitions(actor, courts, every_petition, False)
    )
    found_petitions = found_urgent + found_other
    with_case_court(found_petitions)
    # the list puts the limit passed most recently first: on the first page, say how many
    # are overdue and who has been held past one the longest, when the page does not show
    # them (a person held for months past a limit is otherwise on page 12 of a busy court)
    overdue = (
        overdue_legal_limits(courts=courts, now=now, visible=visibility_q(actor, courts))
        if after is None and courts
        else OverdueLaw(0, None)
    )
    shown_ids = {d.id for d, _c in page + priority}
    longest = overdue.longest
    if longest is not None and longest[0].id in shown_ids:
        longest = None
    views = page_views(
        actor,
        [(d.case, d.participation) for d, _c in page + priority + ([longest] if longest else [])]
        + [(m.case, m.participation) for m in found_breaches]
        + [(p.case, p.petitioner) for p in found_petitions]
        + [(p.case, p) for p in found_ages],
    )
    rows: list[DueRow] = [
        due_row(d, court, now, person=name)
        for d, court in page
        if (name := seen_by(views, d.case, d.participation)) is not None
    ]
    first = [
        (due_row(d, court, now, person=name), priority_law(court))
        for d, court in priority
        if (name := seen_by(views, d.case, d.participation)) is not None
    ]
    longest_row = (
        due_row(longest[0], longest[1], now, person=name)
        if longest
        and (name := seen_by(views, longest[0].case, longest[0].participation)) is not None
        else None
    )
    breaches = [
        _breach_line(m, name)
        for m in found_breaches
        if (name := seen_by(views, m.case, m.participation)) is not None
    ]
    petitions = [
        _petition_line(p, name, now)
        for p in found_petitions
        if (name := seen_by(views, p.case, p.petitioner)) is not None
    ]
    urgent_lines = [p for p in petitions if p["urgent"]]
    other_lines = [p for p in petitions if not p["urgent"]]
    # all of them read: the counts are those shown (a petitioner the rules hide is not)
    if urgent_total <= len(found_urgent):
        urgent_total = len(urgent_lines)
    if other_total <= len(found_other):
        other_total = len(other_lines)
    arrests = ages.arrest_days_of(p.case for p in found_ages)
    age_lines = [
        line
        for p in found_ages
        if (name := seen_by(views, p.case, p)) is not None
        and (line := _age_line(p, name, arrests)) is not None
    ]
    # what ended late lately, once it left this list: said on the first page, linked
    missed_recent = (
        deadlines_missed_count(
            courts=courts,
            since=now - dt.timedelta(days=30),
            now=now,
            visible=visibility_q(actor, courts),
        )
        if after is None and courts
        else 0
    )
    context = {
        "courts": courts,
        "missed_recent": missed_recent,
        "age_lines": age_lines,
        "ages_total": ages_total,
        "breaches": breaches,
        "breaches_total": breaches_total,
        # protection, habeas corpus and ill-treatment above the deadlines; the rest
        # (requests for information, complaints of delay, reviews) below them
        "urgent_petitions": urgent_lines,
        "other_petitions": other_lines,
        "urgent_total": urgent_total,
        "other_total": other_total,
        "first": first,
        "rows": rows,
        "overdue_total": overdue.total,
        "longest": longest_row,
        "longest_days": (now - longest_row.deadline.due_at).days if longest_row else 0,
        "status": status,
        "statuses": STATUSES,
        "next_after": f"{last[0]}~{last[1].isoformat()}~{last[2]}" if last else None,
        "paged": after is not None,
        "now": now,
    }
    return render(request, "court/due/due_list.html", context)


def _ages(actor: Actor, courts: list[Court]) -> tuple[list[Participation], int]:
    """Accused whose age does not fit their case's procedure, the oldest cases first:
    the first ``AGES_SHOWN``, with how many there are in all when there are more."""
    if not courts:
        return [], 0
    visible = visibility_q(actor, courts)
    found = ages.flagged_accused(courts=courts, visible=visible, limit=AGES_SHOWN + 1)
    total = len(found)
    if total > AGES_SHOWN:
        total = ages.flagged_accused_count(courts=courts, visible=visible)
    return found[:AGES_SHOWN], total


def _age_line(
    p: Participation, name: str, arrests: dict[int, dict[str, list[dt.date]]]
) -> dict[str, object] | None:
    """The line of one flagged accused: the case, and the alert the case page opens with
    (judged afresh: the flag only found the case), naming them as the reader may see."""
    pack = load_pack(p.case.court.rule_pack)
    days = arrests.get(p.case.pk, {}).get(p.uid, [])
    check = ages.judged(p.case, pack, p.person.date_of_birth, days)
    alert: AgeAlert | None = age_alert(name, check) if check is not None else None
    if alert is None:
        return None  # the pack changed since the flag was written: a rebuild clears it
    return {"case": p.case, "court": p.case.court, "alert": alert}


def _breaches(actor: Actor, courts: list[Court]) -> tuple[list[Measure], int]:
    """Unanswered breaches of measures, the latest ``BREACHES_SHOWN`` first: above
    everything else; with how many there are in all when there are more."""
    if not courts:
        return [], 0
    visible = visibility_q(actor, courts)
    found = breaches_awaiting_response(courts=courts, visible=visible, limit=BREACHES_SHOWN + 1)
    total = len(found)
    if total > BREACHES_SHOWN:
        total = breaches_awaiting_response_count(courts=courts, visible=visible)
    return found[:BREACHES_SHOWN], total


def _petitions(
    actor: Actor, courts: list[Court], every: bool, urgent: bool
) -> tuple[list[Petition], int]:
    """Open petitions of the urgent kinds (``urgent``: protection, habeas corpus,
    ill-treatment) or of the others, the answer due soonest first: the first
    ``PETITIONS_SHOWN`` (``PETITIONS_ALL`` with ``every``), with how many there are in all
    when there are more."""
    if not courts:
        return [], 0
    visible = visibility_q(actor, courts)
    shown = PETITIONS_ALL if every else PETITIONS_SHOWN
    found = petitions_awaiting_answer(courts=courts, visible=visible, limit=shown + 1, first=urgent)
    total = len(found)
    if total > shown:
        total = petitions_awaiting_answer_count(courts=courts, visible=visible, first=urgent)
    return found[:shown], total


def _petition_line(p: Petition, person: str, now: dt.datetime) -> dict[str, object]:
    due = getattr(p, "answer_due_at", None)
    rule = getattr(p, "answer_rule", None)
    return {
        "petition": p,
        "case": p.case,
        "court": p.court,
        "person": person,
        "kind": p.get_kind_display(),
        "urgent": p.kind in FIRST_KINDS,
        "filed": p.filed_at,
        "due": due,
        "overdue": due is not None and due <= now,
        "service_target": rule is not None and rule in service_targets(p.court),
    }


def _breach_line(m: Measure, person: str) -> dict[str, object]:
    return {
        "measure": m,
        "case": m.case,
        "court": m.court,
        "person": person,
        "kind": kind_label(m.kind),
        "what": breach_label(m.last_breach_what),
        "when": m.last_breach_at,
        "count": m.breaches,
    }


def _after(text: str) -> Cursor | None:
    """The (tier, due_at, id) of the last line of the previous page, as the "more" link
    gives it; None (the first page) for anything else."""
    tier, _, rest = text.partition("~")
    moment, _, pk = rest.partition("~")
    try:
        place = int(tier)
        due = dt.datetime.fromisoformat(moment)
        number = int(pk)
    except (ValueError, OverflowError):
        return None
    if not 0 <= place < len(URGENCY) or due.tzinfo is None or not 0 < number < 2**63:
        return None
    return place, due, number
