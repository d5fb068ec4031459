"""Reads of the docket. Views and API routes call these, never the ORM directly."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.docket.errors import NotFound
from expediente.docket.models import Case, Court, Event, Participation, Person


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


@dataclass(frozen=True)
class CaseHead:
    """What decides whether a stored rendering of a case is still exact: the head of its
    hash chain (which covers every entry, and so every projection of this case) and the
    details of its people (a person's details can be corrected from another case that
    names the same person), plus what the access check and the rendering need."""

    case_id: int
    nuid: str
    court_code: str
    rule_pack: str
    confidentiality: str
    last_seq: int
    head_hash: str
    people: tuple[tuple[Any, ...], ...]


@cache
def _head_sql() -> str:
    def table(model: type[Any]) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    person = ", ".join(
        f"pe.{connection.ops.quote_name(c)}"
        for c in (
            "id",
            "kind",
            "given_names",
            "family_names",
            "legal_name",
            "sex",
            "date_of_birth",
            "id_number",
            "nationality",
        )
    )
    return (
        "SELECT c.id, c.nuid, co.code, co.rule_pack, c.confidentiality, c.last_seq, "  # noqa: S608
        f"c.head_hash, co.id, {person} "
        f"FROM {table(Case)} c JOIN {table(Court)} co ON co.id = c.court_id "
        f"LEFT JOIN {table(Participation)} pa ON pa.case_id = c.id "
        f"LEFT JOIN {table(Person)} pe ON pe.id = pa.person_id "
        "WHERE c.nuid = %s"
    )


def case_head(*, nuid: str, actor: Actor) -> CaseHead:
    """The head of the case with this national identifier, in one query, if the actor may
    view it; else NotFound, as ``case_get``."""
    if "\x00" in nuid:
        raise NotFound(f"no case {nuid!r}")
    with connection.cursor() as cursor:
        cursor.execute(_head_sql(), [nuid])
        rows = cursor.fetchall()
    if not rows:
        raise NotFound(f"no case {nuid!r}")
    case_id, nuid, code, pack, confidentiality, last_seq, head_hash, court_id = rows[0][:8]
    # only what the policy reads: the court and the confidentiality
    probe = Case(id=case_id, nuid=nuid, confidentiality=confidentiality)
    probe.court = Court(id=court_id, code=code, rule_pack=pack)
    if not can(actor, Capability.CASE_VIEW, case=probe):
        raise NotFound(f"no case {nuid!r}")
    people = tuple(sorted(tuple(row[8:]) for row in rows if row[8] is not None))
    return CaseHead(case_id, nuid, code, pack, confidentiality, last_seq, head_hash, people)


def court_get(*, code: str) -> Court:
    court = Court.objects.filter(code=code).first() if "\x00" not in code else None
    if court is None:
        raise NotFound(
            f"no court {code!r}", errors=[{"field": "court", "message": "unknown court"}]
        )
    return court
