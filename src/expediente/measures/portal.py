"""What a participant sees of measures on their case page: the person under supervision
sees their own obligations, their next check-in and their compliance record; a
protected person sees the measures that protect them and whether they were breached.
Nobody sees anyone's address or whereabouts: the measures hold none, and the panel
shows only kinds, dates, counts and the court's conditions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from expediente.docket.models import Case
from expediente.measures.labels import kind_label
from expediente.measures.models import Measure
from expediente.measures.selectors import compliance


@dataclass(frozen=True)
class PortalMeasure:
    uid: str
    kind: str
    in_force: bool
    starts_on: dt.date
    ends_on: dt.date | None
    conditions: dict[str, object]
    next_due: dt.date | None
    overdue: bool
    check_ins: int
    hours_logged: int
    breaches: int
    last_breach_at: dt.datetime | None
    mine: bool  # the viewer is the person under supervision


# Conditions a participant may read (no free text: it could name places or people).
SHOWN = (
    "interval_days",
    "report_place",
    "distance_m",
    "hours",
    "due_on",
    "curfew_from",
    "curfew_to",
    "programme",
    "amount",
    "instalments",
)


def measures_for_participant(
    *, case: Case, participant: str, now: dt.datetime
) -> list[PortalMeasure]:
    rows = Measure.objects.filter(case=case).select_related("participation", "court")
    out = []
    for m in rows.order_by("imposed_seq"):
        mine = m.participation.uid == participant
        if not mine and m.protected != participant:
            continue
        state = compliance(m, list(m.deadlines.filter(open=True)), now)
        due = state.overdue[0] if state.overdue else state.next_due
        out.append(
            PortalMeasure(
                uid=m.uid,
                kind=kind_label(m.kind),
                in_force=m.status == Measure.Status.ACTIVE,
                starts_on=m.starts_on,
                ends_on=m.ends_on,
                conditions={k: m.conditions[k] for k in SHOWN if k in m.conditions}
                if mine
                else (
                    {"distance_m": m.conditions["distance_m"]}
                    if "distance_m" in m.conditions
                    else {}
                ),
                next_due=due.due_on if (due and mine) else None,
                overdue=bool(state.overdue) and mine,
                check_ins=m.check_ins,
                hours_logged=m.hours_logged,
                breaches=m.breaches,
                last_breach_at=m.last_breach_at.astimezone(ZoneInfo(m.court.timezone))
                if m.last_breach_at
                else None,
                mine=mine,
            )
        )
    return out
