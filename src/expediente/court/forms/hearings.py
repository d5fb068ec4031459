"""Hearings, as the forms know them.

The pack has no 'hearing' field type yet: a hearing is named by a text field
``hearing`` that the clerk fills in. A new hearing is offered the next free H<n>; the
other hearing entries suggest the names already scheduled in the case. Scheduling and
rescheduling also need the HEARING_SCHEDULE capability.
"""

from __future__ import annotations

from dataclasses import dataclass

from expediente.docket.models import Case, Event

HEARING_FIELD = "hearing"
SCHEDULED = "hearing.scheduled"
SCHEDULING_TYPES = (SCHEDULED, "hearing.rescheduled")


@dataclass(frozen=True)
class HearingOption:
    uid: str
    starts_at: str  # as stored: an ISO 8601 instant


def hearings(case: Case) -> list[HearingOption]:
    """Hearings scheduled in the case, with their latest date, in order of scheduling."""
    latest: dict[str, str] = {}
    rows = Event.objects.filter(case=case, type__in=SCHEDULING_TYPES).order_by("seq")
    for payload in rows.values_list("payload", flat=True):
        uid = payload.get(HEARING_FIELD) if isinstance(payload, dict) else None
        if isinstance(uid, str):
            latest[uid] = str(payload.get("starts_at", ""))
    return [HearingOption(uid, starts) for uid, starts in latest.items()]


def next_hearing_id(scheduled: list[HearingOption]) -> str:
    """H1, H2, …: the first H<n> not yet used in the case."""
    taken = {h.uid for h in scheduled}
    n = len(taken) + 1
    while f"H{n}" in taken:
        n += 1
    return f"H{n}"
