"""Reads of the docket. Views and API routes call these, never the ORM directly."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.docket.errors import NotFound
from expediente.docket.models import Case, Court, Event


@dataclass(frozen=True)
class CourtRow:
    code: str
    name: str
    jurisdiction: str
    cases: int
    juvenile: int


def court_overview() -> list[CourtRow]:
    courts = (
        Court.objects.select_related("jurisdiction")
        .annotate(n=Count("cases"), juv=Count("cases", filter=Q(cases__procedure="juvenile")))
        .order_by("name")
    )
    return [CourtRow(c.code, c.name, c.jurisdiction.name, c.n, c.juv) for c in courts]


def event_page(*, case: Case, after: int = 0, limit: int = 50) -> list[Event]:
    """Events of a case with seq > after, oldest first."""
    return list(Event.objects.filter(case=case, seq__gt=after).order_by("seq")[:limit])


def event_tail(*, case: Case, limit: int = 20) -> list[Event]:
    """The last events of a case, oldest first."""
    rows = list(Event.objects.filter(case=case).order_by("-seq")[:limit])
    rows.reverse()
    return rows


def court_list() -> QuerySet[Court]:
    return Court.objects.select_related("jurisdiction").order_by("code")


def case_get(*, nuid: str, actor: Actor, capability: Capability = Capability.CASE_VIEW) -> Case:
    """The case with this national identifier, if the actor may use it for ``capability``
    (viewing, by default); else NotFound: a case you may not see does not exist for you."""
    if "\x00" in nuid:
        raise NotFound(f"no case {nuid!r}")
    case = Case.objects.select_related("court").filter(nuid=nuid).first()
    if case is None or not can(actor, capability, case=case):
        raise NotFound(f"no case {nuid!r}")
    return case


def court_get(*, code: str) -> Court:
    court = Court.objects.filter(code=code).first() if "\x00" not in code else None
    if court is None:
        raise NotFound(
            f"no court {code!r}", errors=[{"field": "court", "message": "unknown court"}]
        )
    return court
