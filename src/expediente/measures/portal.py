"""What a participant sees of measures on their case page: the person under supervision
sees their own obligations, their next check-in and their compliance record, and so do
those who act for them (their defence lawyer, a juvenile's guardian: they help them
comply); a protected person sees the measures that protect them and whether they were
breached, and so does the guardian the docket records for them (a child victim's
mother: ``docket/standing.py``), never the accused's obligations. A guardian for whom
the docket records nobody keeps the accused's side, as before the record existed.
Nobody sees anyone's address or whereabouts: the measures hold none, and the panel
shows only kinds, dates, counts and the court's conditions."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from expediente.docket.models import Case, Participation
from expediente.docket.standing import standing_of
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
    # the person under supervision, named for a reader who acts for them (their defence
    # lawyer, a juvenile's guardian): she reads their obligations as they do; "" otherwise
    for_name: str = ""
    # the person the measure protects, named for her guardian (a child victim's mother
    # reads "This measure protects <name>"); "" otherwise
    protects_name: str = ""
    # for the person under supervision (and who acts for them): the order also sets
    # conditions in its own words (the place or activity banned, other conditions),
    # which the panel does not show (they may name where someone lives or works); the
    # panel says so, so that nobody reads the obligations listed as all there is
    in_order_only: bool = False


# Conditions the order writes in its own words: never shown on the portal
IN_ORDER_ONLY = ("place_or_activity", "conditions")


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


# readers who act for the accused (``portal/privacy.py`` puts them on the accused's side)
ACTS_FOR_ACCUSED = frozenset({"defence", "public_defender", "guardian"})


def measures_for_participant(
    *, case: Case, participant: str, now: dt.datetime
) -> list[PortalMeasure]:
    rows = Measure.objects.filter(case=case).select_related(
        "participation", "participation__person", "court"
    )
    standing = standing_of(case, participant)
    role = standing.role if standing is not None else None
    # a guardian for a victim, complainant or witness reads the measures protecting them
    protecting = {participant}
    acting = role in ACTS_FOR_ACCUSED
    ward, ward_name = "", ""
    if standing is not None and standing.for_victim_side:
        acting = False
        protecting.add(standing.ward)
        ward_name = _name_of(case, standing.ward)
    elif standing is not None and standing.for_accused:
        ward = standing.ward  # the accused she stands for, not every accused of the case
    out = []
    for m in rows.order_by("imposed_seq"):
        theirs = (
            acting
            and m.participation.role == "accused"
            and (not ward or m.participation.uid == ward)
        )
        mine = m.participation.uid == participant or theirs
        if not mine and m.protected not in protecting:
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
                conditions=_shown(m.conditions)
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
                for_name=m.participation.person.display_name if theirs else "",
                protects_name=ward_name if m.protected != participant and not mine else "",
                in_order_only=mine and any(m.conditions.get(k) for k in IN_ORDER_ONLY),
            )
        )
    return out


def _shown(conditions: dict[str, object]) -> dict[str, object]:
    """The conditions a participant may read, a date as a date (the page writes it in
    the reader's words, not as 2027-03-01)."""
    out = {k: conditions[k] for k in SHOWN if k in conditions}
    due = out.get("due_on")
    if isinstance(due, str):
        with contextlib.suppress(ValueError):  # the pack's date field: always ISO
            out["due_on"] = dt.date.fromisoformat(due)
    return out


def _name_of(case: Case, participant: str) -> str:
    """A ward as her guardian's panel names her: the pseudonym the court gave a
    protected person, else her name."""
    p = Participation.objects.filter(case=case, uid=participant).select_related("person").first()
    if p is None:
        return ""
    return p.pseudonym or p.person.display_name
