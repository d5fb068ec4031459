"""Reads of the docket. Views and API routes call these, never the ORM directly."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.docket.corrections import as_last_corrected
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
    # Entries are numbered 1, 2, … without gaps, so the last ``limit`` are a range of
    # (case, seq): an index range read, never all of a long case's entries.
    recent = Event.objects.filter(case=case, seq__gt=case.last_seq - limit)
    rows = list(recent.order_by("-seq")[:limit])
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


# ---------------------------------------------------------------- a case read in one query

STATUS_EVENT_TYPES = ("indictment.filed", "verdict.delivered", "case.dismissed", "case.reopened")


@dataclass(frozen=True)
class ParticipantRow:
    """A participation with its person, as ``case_read`` gives it (``person`` is an unsaved
    Person, so its ``display_name`` is the model's own)."""

    uid: str
    role: str
    pseudonym: str
    protected: bool
    person: Person
    stands_for: str = ""  # a guardian's: whom she stands for (``docket/standing.py``)
    # a defence lawyer's: the accused she acts for now, None when nothing is recorded
    # (``docket/counsel.py``)
    acts_for: list[str] | None = None


@dataclass(frozen=True)
class EventRow:
    seq: int
    type: str
    schema_version: int
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    actor_label: str
    payload: Any
    corrects_seq: int | None
    prev_hash: str
    hash: str
    correction_reason: str | None = None
    confirmed: list[str] | None = None  # the warnings its recorder confirmed (Event's)


@dataclass(frozen=True)
class CaseRows:
    """What a case's body is made of, besides the case row and its people."""

    charges: list[list[Any]]  # uid, accused uid, offence, label, ICCS, four flags
    events: list[EventRow]  # the last ones, oldest first
    status_events: list[tuple[str, Any]]  # (type, payload) of STATUS_EVENT_TYPES, in order


@dataclass(frozen=True)
class CaseRead:
    """One row of ``case_read``. A reader served from a kept body needs only ``head``: the
    case and its people become objects only when asked for (``case``, ``participants``)."""

    head: CaseHead
    row: tuple[Any, ...]
    people: list[list[Any]]
    rows: CaseRows | None  # None when the head was the one the caller already had
    people_digest: str  # of the people's details (``people_digest_sql``)

    def case(self) -> Case:
        """The case (unsaved instance, with its court) as of this read."""
        (case_id, nuid, number, procedure, confidentiality, stage, stage_since, opened_at) = (
            self.row[:8]
        )
        police_report, last_seq, head_hash, court_id, code, pack = self.row[8:14]
        case = Case(
            id=case_id,
            nuid=nuid,
            number=number,
            court_id=court_id,
            procedure=procedure,
            confidentiality=confidentiality,
            stage=stage,
            stage_since=_when(stage_since),
            opened_at=_when(opened_at),
            police_report=police_report,
            last_seq=last_seq,
            head_hash=head_hash,
        )
        case.court = Court(id=court_id, code=code, rule_pack=pack)
        return case

    def participants(self) -> list[ParticipantRow]:
        return [_participant(p) for p in self.people]


def people_digest_sql(case_id: str) -> str:
    """SQL: what changes whenever a detail of the people of case ``case_id`` (a column)
    changes. A kept body (api/kept_bodies.py) is served only while this is what it was
    rendered with: a person's details can be corrected from another case that names the
    same person.

    It lists the row versions (PostgreSQL's ``xmin``, the transaction that wrote each
    version) of the case's participations and their persons: any UPDATE of those rows
    writes a new version, with a new ``xmin``, whatever it changed, so a change is never
    missed (a rewrite that changed nothing costs only a fresh render). It replaced an md5
    of the people's details, which cost the confirming statement a sixth more time
    (docs/performance.md); the same ``xmin`` for a new version of the same row would take
    2^32 transactions in between."""
    return (
        "(SELECT coalesce(string_agg(pa.xmin::text || ':' || pe.xmin::text, ',' "  # noqa: S608
        "ORDER BY pa.id), '') "
        "FROM docket_participation pa JOIN docket_person pe ON pe.id = pa.person_id "
        f"WHERE pa.case_id = {case_id})"
    )


def can_read_in_one_query() -> bool:
    return connection.vendor == "postgresql"


def utc_text(column: str) -> str:
    """A timestamp column as ISO 8601 text in UTC: psycopg then needs no timestamp loader,
    whose set-up on every query costs more than parsing the text."""
    return f"""to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')"""


@cache
def _read_sql() -> str:
    """PostgreSQL: the case, its court and its people; and, unless the head is the one the
    caller gives (first parameter), its charges, last events and status events, all as
    JSON in one row (parameters: known head, number of events twice, status types, nuid).
    Entries are numbered without gaps, so the last N are ``seq > last_seq - N``: a range
    of the (case, seq) index."""
    return (
        "SELECT c.id, c.nuid, c.number, c.procedure, c.confidentiality, c.stage, "  # noqa: S608
        f"{utc_text('c.stage_since')}, {utc_text('c.opened_at')}, c.police_report, c.last_seq, "
        "c.head_hash, "
        "co.id, co.code, co.rule_pack, "
        "(SELECT json_agg(json_build_array(pa.uid, pa.role, pa.pseudonym, pa.protected, "
        "pe.id, pe.kind, pe.given_names, pe.family_names, pe.legal_name, pe.sex, "
        "pe.date_of_birth, pe.id_number, pe.nationality, pa.stands_for, pa.acts_for) "
        "ORDER BY pa.added_seq, pa.id) "
        "FROM docket_participation pa JOIN docket_person pe ON pe.id = pa.person_id "
        "WHERE pa.case_id = c.id), "
        f"{people_digest_sql('c.id')}, "
        "CASE WHEN c.head_hash IS DISTINCT FROM %s THEN json_build_array("
        "(SELECT json_agg(json_build_array(ch.uid, a.uid, ch.offence_code, ch.offence_label, "
        "ch.iccs, ch.attempted, ch.firearm, ch.violence_against_women, ch.cyber) "
        "ORDER BY ch.filed_seq, ch.id) FROM docket_charge ch "
        "JOIN docket_participation a ON a.id = ch.accused_id WHERE ch.case_id = c.id), "
        "(SELECT json_agg(json_build_array(x.seq, x.type, x.schema_version, x.occurred_at, "
        "x.recorded_at, x.actor_label, x.payload, x.corrects_seq, x.prev_hash, x.hash, "
        "x.correction_reason, x.confirmed) "
        "ORDER BY x.seq) FROM (SELECT * FROM docket_event e WHERE e.case_id = c.id "
        "AND e.seq > c.last_seq - %s ORDER BY e.seq DESC LIMIT %s) x), "
        "(SELECT json_agg(json_build_array(e.type, e.payload) ORDER BY e.seq) "
        "FROM docket_event e WHERE e.case_id = c.id AND e.type = ANY(%s))) END "
        "FROM docket_case c JOIN docket_court co ON co.id = c.court_id WHERE c.nuid = %s"
    )


def _json(value: Any) -> Any:
    """A json column as psycopg gives it through Django (text) or already decoded."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def case_read(*, nuid: str, actor: Actor, known_head: str | None, recent: int = 20) -> CaseRead:
    """PostgreSQL: the case with this national identifier, its people and (unless its head
    is ``known_head``) everything its API body shows, in one query, if the actor may view
    it; else NotFound, as ``case_get``."""
    if "\x00" in nuid:
        raise NotFound(f"no case {nuid!r}")
    with connection.cursor() as cursor:
        params = [known_head, recent, recent, list(STATUS_EVENT_TYPES), nuid]
        cursor.execute(_read_sql(), params)
        row = cursor.fetchone()
    if row is None:
        raise NotFound(f"no case {nuid!r}")
    case_id, nuid, confidentiality, last_seq, head_hash = (row[i] for i in (0, 1, 4, 9, 10))
    court_id, code, pack = row[11:14]
    # only what the policy reads: the court and the confidentiality
    probe = Case(id=case_id, nuid=nuid, confidentiality=confidentiality)
    probe.court = Court(id=court_id, code=code, rule_pack=pack)
    if not can(actor, Capability.CASE_VIEW, case=probe):
        raise NotFound(f"no case {nuid!r}")
    people = _json(row[14]) or []
    head = CaseHead(
        case_id,
        nuid,
        code,
        pack,
        confidentiality,
        last_seq,
        head_hash,
        tuple(sorted(tuple(p[4:13]) for p in people)),  # the persons' details
    )
    full = _json(row[16])
    rows = None
    if full is not None:
        charges, events, status = (x or [] for x in full)
        rows = CaseRows(
            charges=charges,
            events=[EventRow(*e[:3], *map(_when, e[3:5]), *e[5:]) for e in events],
            status_events=[(t, p) for t, p in status],
        )
    return CaseRead(head, tuple(row[:14]), people, rows, row[15])


def _when(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _participant(row: list[Any]) -> ParticipantRow:
    uid, role, pseudonym, protected, pid, kind, given, family, legal, sex, born = row[:11]
    person = Person(
        id=pid,
        kind=kind,
        given_names=given,
        family_names=family,
        legal_name=legal,
        sex=sex,
        date_of_birth=dt.date.fromisoformat(born) if born else None,
        id_number=row[11],
        nationality=row[12],
    )
    return ParticipantRow(uid, role, pseudonym, protected, person, row[13] or "", row[14])


def correction_root(case: Case, seq: int) -> int:
    """The number of the entry a correction ultimately corrects (``seq`` itself when it
    corrects nothing): projections fold a correction into the entry it restates."""
    corrects: int | None = seq
    while corrects is not None:
        seq = corrects
        corrects = (
            Event.objects.filter(case_id=case.pk, seq=seq)
            .values_list("corrects_seq", flat=True)
            .first()
        )
    return seq


def latest_version(case: Case, seq: int) -> int:
    """The number of entry ``seq``'s latest version: the last of the corrections of it
    and of its corrections, or ``seq`` itself when nothing corrected it. A correction
    must name this one (``event_record`` refuses a superseded version)."""
    chain = {seq}
    while True:
        newer = set(
            Event.objects.filter(case_id=case.pk, corrects_seq__in=chain)
            .exclude(seq__in=chain)
            .values_list("seq", flat=True)
        )
        if not newer:
            return max(chain)
        chain |= newer


@dataclass(frozen=True)
class EntryAsItStands:
    """An entry as its latest version states it: ``seq`` is the entry as first recorded
    (its corrections restate it whole), ``at`` its moment as last corrected."""

    seq: int
    type: str
    payload: dict[str, Any]
    at: dt.datetime


def latest_versions(
    case: Case, types: Iterable[str] | None
) -> tuple[dict[int, EntryAsItStands], dict[int, int]]:
    """The case's entries of ``types`` (None: of every type), each as its latest version
    states it, by the number it was first recorded under (in record order); and for every
    entry number of those types, the entry it restates. One query."""
    entries = Event.objects.filter(case_id=case.pk)
    if types is not None:
        entries = entries.filter(type__in=sorted(set(types)))
    rows = entries.order_by("seq").values_list(
        "seq", "type", "payload", "occurred_at", "corrects_seq"
    )
    latest, origin = as_last_corrected(
        (seq, corrects, (type_name, payload or {}, at))
        for seq, type_name, payload, at, corrects in rows
    )
    return {seq: EntryAsItStands(seq, *latest[seq]) for seq in sorted(latest)}, origin
