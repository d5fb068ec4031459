"""Recompute a case's measures and their deadlines, and write only what changed.

Called by the projector for each measure event. It reads the case's measure events up
to that event, folds them (``state.read``), computes each measure's deadlines with the
pack's ``per: measure`` rules (``rules.deadlines``), and brings the rows in line. The
rows come from the events alone, so a rebuild writes the same rows.
"""

from __future__ import annotations

from typing import Any

from expediente.docket.models import Case, Event, Participation
from expediente.measures import history
from expediente.measures import state as st
from expediente.measures.facts import measure_facts
from expediente.measures.models import Measure, MeasureDeadline
from expediente.rules.calendars import calendar_for
from expediente.rules.citation import stored_law
from expediente.rules.deadline_text import LANGUAGES
from expediente.rules.deadlines import ComputedDeadline, compute, event_labels, measure_rules
from expediente.rules.schema import Pack

Row = dict[str, Any]


def recompute_case(case: Case, pack: Pack, event: Event) -> None:
    entries = history.case_entries(case, upto=event.seq)
    measures = st.read(entries)
    people = dict(
        Participation.objects.filter(
            case_id=case.pk, uid__in={m.person for m in measures.values()}
        ).values_list("uid", "pk")
    )
    existing = {m.uid: m for m in Measure.objects.filter(case_id=case.pk)}
    stale = [m.pk for uid, m in existing.items() if uid not in measures]
    if stale:
        Measure.objects.filter(pk__in=stale).delete()
    cal = calendar_for(pack)
    labels = event_labels(pack)
    wanted: dict[str, tuple[Measure, Row]] = {}
    for uid, m in measures.items():
        pid = people.get(m.person)
        if pid is None:
            continue
        row = _sync_measure(case, uid, existing.get(uid), _measure_row(m, pid))
        facts = measure_facts(entries, m)
        for rule in measure_rules(pack, m.kind):
            if rule.term_from and not m.conditions.get(rule.term_from):
                continue  # the order set no interval: there is nothing to count
            subject = f"{case.nuid}:{uid}"
            for d in compute(rule, facts, calendar=cal, subject=subject, pack_version=pack.version):
                wanted[d.key] = (row, _deadline_row(d, labels))
    _sync_deadlines(case, wanted, event)


def _measure_row(m: st.MeasureState, pid: int) -> Row:
    return {
        "participation_id": pid,
        "kind": m.kind,
        "status": m.status,
        "starts_on": m.starts_on,
        "ends_on": m.ends_on,
        "protected": m.protected,
        "device": m.device,
        "conditions": m.conditions,
        "imposed_seq": m.imposed_seq,
        "imposed_at": m.imposed_at,
        "closed_at": m.closed_at,
        "closed_seq": m.closed_seq,
        "closed_type": m.closed_type,
        "check_ins": m.check_ins,
        "last_check_in_at": m.last_check_in_at,
        "hours_logged": m.hours_logged,
        "amount_paid": m.amount_paid,
        "sessions": m.sessions,
        "device_events": m.device_events,
        "breaches": m.breaches,
        "last_breach_at": m.last_breach_at,
        "last_breach_what": m.last_breach_what,
        "last_breach_seq": m.last_breach_seq,
        "breach_open": m.breach_open,
        "warnings": m.warnings,
    }


def _sync_measure(case: Case, uid: str, row: Measure | None, values: Row) -> Measure:
    if row is None:
        return Measure.objects.create(case=case, court_id=case.court_id, uid=uid, **values)
    if any(getattr(row, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(row, k, v)
        row.save(update_fields=list(values))
    return row


def _deadline_row(d: ComputedDeadline, labels: dict[str, dict[str, str]]) -> Row:
    rule = d.rule
    assert rule is not None
    return {
        "rule_id": d.rule_id,
        "cycle": d.cycle,
        "start_at": d.start,
        "start_seq": d.start_event,
        "due_at": d.due_at,
        "due_on": d.due_on,
        "alert_from": d.alert_at[0][1] if d.alert_at else None,
        "open": d.satisfied_at is None and d.stopped_at is None,
        "satisfied_at": d.satisfied_at,
        "satisfied_seq": d.satisfied_by,
        "stopped_at": d.stopped_at,
        "met_late": d.met_late,
        "alert_roles": list(rule.alert.who),
        "label": dict(rule.label or {}),
        "law": stored_law(rule.law),
        "explanation": {lang: d.explain(lang, labels) for lang in LANGUAGES},
    }


def _sync_deadlines(case: Case, wanted: dict[str, tuple[Measure, Row]], event: Event) -> None:
    existing = {d.key: d for d in MeasureDeadline.objects.filter(case_id=case.pk)}
    stale = [d.pk for key, d in existing.items() if key not in wanted]
    if stale:
        MeasureDeadline.objects.filter(pk__in=stale).delete()
    new = []
    for key, (measure, values) in wanted.items():
        row = existing.get(key)
        if row is None:
            new.append(
                MeasureDeadline(
                    key=key,
                    court_id=case.court_id,
                    case=case,
                    measure=measure,
                    computed_at=event.recorded_at,
                    **values,
                )
            )
        elif row.measure_id != measure.pk or any(getattr(row, k) != v for k, v in values.items()):
            row.measure = measure
            for k, v in values.items():
                setattr(row, k, v)
            row.computed_at = event.recorded_at
            row.save()
    if new:
        MeasureDeadline.objects.bulk_create(new)
