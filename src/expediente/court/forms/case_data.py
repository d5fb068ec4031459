"""What the forms read about a case: its participants, charges and events.

Reads only (selectors). They belong with ``docket/selectors.py``; they live here until
that module grows them, and nothing outside the forms package uses them.
"""

from __future__ import annotations

from dataclasses import dataclass

from expediente.docket.models import Case, Charge, Event, Participation
from expediente.docket.selectors import event_page


@dataclass(frozen=True)
class PartyOption:
    uid: str
    name: str
    role: str


@dataclass(frozen=True)
class ChargeOption:
    uid: str
    offence_code: str
    offence_label: str
    accused_name: str


def parties(case: Case) -> list[PartyOption]:
    rows = Participation.objects.filter(case=case).select_related("person").order_by("added_seq")
    return [PartyOption(p.uid, p.person.display_name, p.role) for p in rows]


def charges(case: Case) -> list[ChargeOption]:
    rows = (
        Charge.objects.filter(case=case)
        .select_related("accused__person")
        .order_by("filed_seq", "uid")
    )
    return [
        ChargeOption(c.uid, c.offence_code, c.offence_label, c.accused.person.display_name)
        for c in rows
    ]


def event_get(case: Case, seq: int) -> Event | None:
    return Event.objects.filter(case=case, seq=seq).first()


def events_since(case: Case, after: int, limit: int = 20) -> list[Event]:
    return event_page(case=case, after=after, limit=limit)
