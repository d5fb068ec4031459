"""Recompute a case's custody periods and deadlines, and write only what changed.

Called by the projector for each event that custody or a deadline cares about. It reads
the case's events up to that event (``history.case_history``), works out every custody
period (``periods.read``) and every deadline (``rules.deadlines.compute_for_pack``) of
each accused with a custody history, and brings the rows in line: new rows are
inserted, changed ones updated, vanished ones deleted. A deadline row records the event
whose recording last changed it (``computed_seq``, ``computed_at``): the sweep looks at
rows changed since its last run as well as at those falling due.

Rows are computed from the events alone, so a rebuild writes the same rows.
"""

from __future__ import annotations

from typing import Any

import holidays

from expediente.custody import history, periods
from expediente.custody.models import CustodyPeriod, Deadline
from expediente.docket.models import Case, Event, Participation
from expediente.rules.calendars import calendar_for
from expediente.rules.citation import stored_law
from expediente.rules.deadline_text import LANGUAGES
from expediente.rules.deadlines import (
    ComputedDeadline,
    Fact,
    compute,
    compute_for_pack,
    duration_code,
    rules_for,
)
from expediente.rules.schema import Deadline as Rule
from expediente.rules.schema import Pack

Row = dict[str, Any]


def recompute_case(case: Case, pack: Pack, view: history.PackView, event: Event) -> None:
    entries = history.case_history(case, view, upto=event.seq)
    who = history.people(entries, view)
    rules = rules_for(pack, case.procedure)
    per_person = [r for r in rules if r.each is None]
    per_start = [r for r in rules if r.each is not None]
    starters = _starters(entries, per_start)
    if not who and not starters and event.corrects_seq is None:
        # Nobody has a custody history or a deadline started, and a new entry (unlike a
        # correction) takes nothing away: nobody had one before either, so the case has
        # no rows to bring in line.
        return
    ids: dict[str, tuple[int, int]] = {}
    if who or starters:
        rows = Participation.objects.filter(case_id=case.pk, uid__in=[*who, *starters])
        ids = {uid: (pk, person) for uid, pk, person in rows.values_list("uid", "pk", "person_id")}
    juvenile_first = case.procedure == "juvenile" and any(
        p.when == "detained_juvenile" for p in pack.priority
    )
    wanted_periods: dict[tuple[int, int], Row] = {}
    wanted_deadlines: dict[str, Row] = {}
    held_now: set[str] = set()
    # each person's death in custody (its moment and entry): it stops their per-event
    # deadlines too (``Fact.ends_all``)
    deaths: dict[str, tuple[Any, int]] = {}
    for person in who:
        found = ids.get(person)
        if found is None:
            continue
        pid, person_id = found
        steps, spans, groundless = history.read_held(entries, person, view, pack)
        for p in spans:
            assert p.start_seq is not None
            wanted_periods[(pid, p.start_seq)] = _period_row(p) | {"person_id": person_id}
        held = bool(spans) and spans[-1].ended_at is None
        if held:
            held_now.add(person)
        extra = {"participation_id": pid, "priority": juvenile_first and held}
        facts = history.person_facts(
            entries,
            person,
            view,
            pack,
            held_as=history.held_as_told(entries, person, view, spans, steps),
            without_ground=groundless,
            died=(died := history.died_in(spans)),
        )
        if died is not None:
            deaths[person] = next(p.ended_at for p in spans if p.end_seq == died), died
        subject = f"{case.nuid}:{person}"
        born = history.person_born(entries, person) if view.needs_birth else None
        computed = compute_for_pack(
            pack, facts, subject=subject, procedure=case.procedure, born=born, rules=per_person
        )
        for d in computed:
            wanted_deadlines[d.key] = _deadline_row(d, view) | extra
    for rule in per_start:
        for person, facts in _each_facts(entries, rule).items():
            found = ids.get(person)
            if found is None:
                continue
            if person in deaths:
                died_at, died = deaths[person]
                death = Fact(
                    id=died, type=periods.DIED_IN_CUSTODY, occurred_at=died_at, ends_all=True
                )
                facts = sorted(
                    [*facts, death],
                    key=lambda f: (f.occurred_at, f.id if isinstance(f.id, int) else 0),
                )
            extra = {
                "participation_id": found[0],
                "priority": juvenile_first and person in held_now,
            }
            cal = calendar_for(pack)
            subject = f"{case.nuid}:{person}"
            for d in compute(rule, facts, calendar=cal, subject=subject, pack_version=pack.version):
                wanted_deadlines[d.key] = _deadline_row(d, view) | extra
    _sync_periods(case, wanted_periods)
    _sync_deadlines(case, wanted_deadlines, event)


def _starters(entries: list[history.Entry], rules: list[Rule]) -> list[str]:
    """The participants whose own events start a per-event deadline (petitioners)."""
    out: dict[str, None] = {}
    for rule in rules:
        assert rule.each is not None
        for e in entries:
            who = e.payload.get(rule.each.subject) if e.type == rule.start_type else None
            if isinstance(who, str):
                out.setdefault(who, None)
    return list(out)


def _each_facts(entries: list[history.Entry], rule: Rule) -> dict[str, list[Fact]]:
    """Per participant, the facts of a per-event rule (``each``): their own starts, and
    every event that meets (naming the start it answers) or stops one."""
    assert rule.each is not None
    starts: dict[str, list[history.Entry]] = {}
    others: list[history.Entry] = []
    for e in entries:
        if e.type == rule.start_type:
            who = e.payload.get(rule.each.subject)
            if isinstance(who, str):
                starts.setdefault(who, []).append(e)
        elif e.type in rule.satisfied_by or e.type in rule.stops_at:
            others.append(e)
    filed_at = {e.seq: e.at for own in starts.values() for e in own}
    out: dict[str, list[Fact]] = {}
    for who, own in starts.items():
        facts = [Fact(id=e.seq, type=e.type, occurred_at=e.at, values=e.payload) for e in own]
        for e in others:
            answers = _answers(e, rule)
            # an answer recorded to the minute may read a few seconds before what it answers
            at = max(e.at, filed_at.get(answers, e.at)) if answers is not None else e.at
            facts.append(
                Fact(id=e.seq, type=e.type, occurred_at=at, answers=answers, values=e.payload)
            )
        out[who] = sorted(
            facts, key=lambda f: (f.occurred_at, f.id if isinstance(f.id, int) else 0)
        )
    return out


def _answers(e: history.Entry, rule: Rule) -> int | None:
    assert rule.each is not None
    value = e.payload.get(rule.each.answers) if e.type in rule.satisfied_by else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _period_row(p: periods.Period) -> Row:
    return {
        "kind": p.kind,
        "started_at": p.started_at,
        "ended_at": p.ended_at,
        "end_seq": p.end_seq,
        "end_type": p.end_type,
        "facility": p.facility[:200],
        "decided": p.decided,
    }


def _deadline_row(d: ComputedDeadline, view: history.PackView) -> Row:
    rule = d.rule
    assert rule is not None
    ext = d.extension
    # a start that found the person not in custody and waited for the arrest that carried
    # it out (waits_for_custody): the row then starts at that arrest, though it is not
    # the pack's clock from the arrest (stats/sql/sources.arrests leaves it out)
    waited = (
        {}
        if d.waited is None
        else {
            "waited": {
                "seq": d.waited.id,
                "type": d.waited.type,
                "at": d.waited.occurred_at.isoformat(),
            }
        }
    )
    return {
        "rule_id": d.rule_id,
        "pack_version": d.pack_version,
        "subject": d.subject,
        "cycle": d.cycle,
        "counting": rule.counting,
        "effect": d.effect,
        "start_at": d.start,
        "start_seq": d.start_event,
        "start_type": d.start_type,
        "due_at": d.due_at,
        "due_on": d.due_on,
        "alert_from": d.alert_at[0][1] if d.alert_at else None,
        "open": d.satisfied_at is None and d.stopped_at is None and d.suspended_since is None,
        "satisfied_at": d.satisfied_at,
        "satisfied_seq": d.satisfied_by,
        "satisfied_type": d.satisfied_type or "",
        "stopped_at": d.stopped_at,
        "stopped_seq": d.stopped_by,
        "stopped_type": d.stopped_type or "",
        "suspended_since": d.suspended_since,
        "missed_at": d.missed_at,
        "owed_by": rule.owed_by,
        "fact_seqs": list(d.events),
        "alerts": [[duration_code(b), at.isoformat()] for b, at in d.alert_at],
        "alert_roles": list(rule.alert.who),
        "label": dict(rule.label or {}),
        "law": stored_law(rule.law),
        "explanation": {lang: d.explain(lang, view.labels) for lang in LANGUAGES},
        "plain": {lang: list(d.plain(lang, view.labels)) for lang in LANGUAGES},
        "holidays_version": holidays.__version__,
        "detail": {
            "penalty_months": d.penalty_months,
            "born": d.born.isoformat() if d.born else None,
            "capped": d.capped,
            "cap_unknown": d.cap_unknown,
            "rolled_from": d.rolled_from.isoformat() if d.rolled_from else None,
            "met_late": d.met_late,
            # extended only after its term had run out (the court missed it then)
            "lapse": None
            if d.lapse is None
            else {
                "due_at": d.lapse.due_at.isoformat(),
                "at": d.lapse.at.isoformat(),
                "seq": d.lapse.by,
                "type": d.lapse.type,
            },
            "repeats": rule.repeats_from is not None,
            # the detention order states its own last day (until_from); the court's
            # computation of a sentence states one too, but it is not a detention order
            "order_term": rule.until_from is not None
            and rule.start_type != periods.SENTENCE_COMPUTED,
            "satisfied_by": list(rule.satisfied_by),
            "extension": None
            if ext is None
            else {
                "seq": ext.id,
                "type": ext.type,
                "at": ext.occurred_at.isoformat(),
                "until": ext.until.isoformat() if ext.until else None,
            },
            "not_counted": [[a.isoformat(), b.isoformat()] for a, b in d.not_counted],
            **waited,
        },
    }


def _differs(row: Any, values: Row) -> bool:
    return any(getattr(row, name) != value for name, value in values.items())


def _sync_periods(case: Case, wanted: dict[tuple[int, int], Row]) -> None:
    existing = {
        (p.participation_id, p.start_seq): p for p in CustodyPeriod.objects.filter(case=case)
    }
    stale = [p.pk for key, p in existing.items() if key not in wanted]
    if stale:
        CustodyPeriod.objects.filter(pk__in=stale).delete()
    new = []
    for (pid, start_seq), values in wanted.items():
        row = existing.get((pid, start_seq))
        if row is None:
            new.append(
                CustodyPeriod(
                    case=case,
                    court_id=case.court_id,
                    participation_id=pid,
                    start_seq=start_seq,
                    **values,
                )
            )
        elif _differs(row, values):
            for name, value in values.items():
                setattr(row, name, value)
            row.save(update_fields=list(values))
    if new:
        CustodyPeriod.objects.bulk_create(new)


def _sync_deadlines(case: Case, wanted: dict[str, Row], event: Event) -> None:
    existing = {d.key: d for d in Deadline.objects.filter(case_id=case.pk)}
    stale = [d.pk for key, d in existing.items() if key not in wanted]
    if stale:
        Deadline.objects.filter(pk__in=stale).delete()
    stamp = {"computed_seq": event.seq, "computed_at": event.recorded_at}
    new = []
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            new.append(Deadline(key=key, court_id=case.court_id, case=case, **values, **stamp))
        elif _differs(row, values):
            for name, value in (values | stamp).items():
                setattr(row, name, value)
            row.save(update_fields=[*values, *stamp])
    if new:
        Deadline.objects.bulk_create(new)
