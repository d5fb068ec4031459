"""Case search: by number, national identifier, police report or a party's name, with
filters, newest activity first.

- A query with a digit in it is an identifier: a prefix of the national identifier
  (index ``docket_case_nuid_key``), of the court number (``case_number_per_court``,
  court first) or of the police report number (``docket_case_police__2569d0_idx``),
  each as a half-open range ``[q, successor(q))`` so that SQLite and PostgreSQL both
  read it from the index; or of a person's identity document as typed (index
  ``person_id_number_prefix``, migration docket/0009); and, for four digits or more
  typed alone, a run inside the case number ("000005"), which reads the court's cases.
- Each row of a search by name or document says who in the case matched and as what.
- Otherwise it is a name, folded like ``Person.search_name`` ("Jose Perez" finds
  "José Pérez Mora") and matched at the start of any word of the name, so that family
  names alone ("Perez Mora") find it too. A match inside the name cannot use a B-tree
  index: on PostgreSQL a pg_trgm GIN index on ``search_name`` serves it (migration
  docket/0007; 94 ms → 0.4 ms at 135,000 people); on SQLite, or a PostgreSQL without
  the contrib modules, the person table is read.
- The list is read newest activity first from ``case_court_activity`` (court,
  updated_at, id; migration docket/0004), court by court for staff of several courts
  (``RecentFirst``).

Ranges compare strings code point by code point, as SQLite (BINARY) and PostgreSQL
databases created with the C or C.UTF-8 collation do; the ``startswith`` beside each
range keeps the answer exact under any collation.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import overload

from django.db.models import Prefetch, Q, QuerySet

from expediente.access.disclosure import (
    CaseView,
    audiences_by_court,
    disclose_many,
    name_classes,
)
from expediente.access.policy import Actor
from expediente.court.pages.hearings import HEARING_TYPES, Sitting, hearing_sittings, next_sitting
from expediente.court.pages.judges import JudgeMatch
from expediente.court.pages.labels import HearingLine, hearing_line, role_label, stage_text
from expediente.court.pages.visibility import visibility_q
from expediente.custody.selectors import in_custody_q
from expediente.docket.models import Case, Court, Event, Participation, Person, Role
from expediente.docket.text import name_condition

PAGE_SIZE = 25


@dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    court: str = ""  # a court code; "" for all the actor's courts
    stage: str = ""
    procedure: str = ""
    custody: str = ""  # "yes", "no" or "" for either
    named_judge: JudgeMatch | None = None  # my list: only cases naming this judge


def successor(prefix: str) -> str:
    """The smallest string greater than every string that starts with ``prefix``."""
    head, last = prefix[:-1], ord(prefix[-1])
    if last >= 0x10FFFF:
        return successor(head) if head else prefix + "\U0010ffff"
    nxt = last + 1
    if 0xD800 <= nxt <= 0xDFFF:  # surrogates cannot be stored
        nxt = 0xE000
    return head + chr(nxt)


def prefix_q(field: str, prefix: str) -> Q:
    """``field`` starts with ``prefix``, as an index range."""
    return Q(
        **{
            f"{field}__gte": prefix,
            f"{field}__lt": successor(prefix),
            f"{field}__startswith": prefix,
        }
    )


# a run of digits this long, typed alone, may be the middle of a case number ("000005" of
# "26-000005-0042-PE"): shorter runs would match too many cases to help
INNER_DIGITS = 4


def identifier_q(text: str) -> Q:
    """A case by a prefix of its national identifier, court number or police report; by
    an identity document of one of its people (a prefix of it, as typed); and by a run of
    digits inside its number."""
    people = Person.objects.filter(prefix_q("id_number", text))
    found = (
        prefix_q("nuid", text)
        | prefix_q("number", text)
        | prefix_q("police_report", text)
        | Q(pk__in=Participation.objects.filter(person__in=people).values("case_id"))
    )
    if text.isdigit() and len(text) >= INNER_DIGITS:
        found |= Q(number__contains=text) | Q(nuid__contains=text)
    return found


def name_q(text: str) -> Q:
    people = Person.objects.filter(name_condition("search_name", text))
    return Q(pk__in=Participation.objects.filter(person__in=people).values("case_id"))


def looks_like_identifier(text: str) -> bool:
    return any(c.isdigit() for c in text)


def case_search(*, actor: Actor, courts: list[Court], filters: CaseFilters) -> QuerySet[Case]:
    """The cases the actor may see that match, most recent activity first."""
    if filters.court:
        courts = [c for c in courts if c.code == filters.court]
    cases = Case.objects.filter(visibility_q(actor, courts))
    text = filters.q.strip()
    if text:
        cases = cases.filter(identifier_q(text) if looks_like_identifier(text) else name_q(text))
    if filters.stage:
        cases = cases.filter(stage=filters.stage)
    if filters.procedure:
        cases = cases.filter(procedure=filters.procedure)
    if filters.custody == "yes":
        cases = cases.filter(in_custody_q())
    elif filters.custody == "no":
        cases = cases.exclude(in_custody_q())
    if filters.named_judge is not None:
        cases = cases.filter(pk__in=filters.named_judge.case_ids())
    accused = Participation.objects.filter(role=Role.ACCUSED).select_related("person")
    return (
        cases.select_related("court")
        .prefetch_related(Prefetch("participations", accused.order_by("added_seq"), "accused"))
        .order_by("-updated_at", "-pk")
    )


class RecentFirst:
    """A ``case_search`` result in pages, read court by court.

    The list is ordered by latest activity across the actor's courts. PostgreSQL cannot
    read ``court_id IN (…) ORDER BY updated_at DESC`` from the per-court index
    ``case_court_activity`` (court, updated_at, id), so it sorted every case of those
    courts for each page: 107 ms for a clerk of two courts at 28,000 demo cases, and
    growing with the caseload. Here each court's first ``stop`` cases come from that
    index (their keys only), are merged, and only the page's cases are loaded whole.
    ``Paginator`` takes it as it takes a queryset (``count`` and slices)."""

    def __init__(self, cases: QuerySet[Case], court_ids: Sequence[int]) -> None:
        self._cases = cases  # ordered by -updated_at, -pk (case_search)
        self._court_ids = list(court_ids)

    def count(self) -> int:
        return self._cases.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Case]:
        return iter(self._cases)

    @overload
    def __getitem__(self, window: int) -> Case: ...
    @overload
    def __getitem__(self, window: slice) -> list[Case]: ...
    def __getitem__(self, window: int | slice) -> Case | list[Case]:
        if isinstance(window, int):
            return self[window : window + 1][0]
        start, stop = window.start or 0, window.stop
        if len(self._court_ids) < 2 or stop is None:
            return list(self._cases[window])
        keys = self._cases.prefetch_related(None).values_list("updated_at", "pk")
        newest = [list(keys.filter(court_id=court)[:stop]) for court in self._court_ids]
        ids = [pk for _at, pk in islice(heapq.merge(*newest, reverse=True), start, stop)]
        loaded = {case.pk: case for case in self._cases.filter(pk__in=ids)}
        return [loaded[pk] for pk in ids if pk in loaded]


@dataclass(frozen=True)
class CaseRow:
    """A case in a list: its stage in words, its accused, and (on the judge's list) the
    next hearing."""

    case: Case
    stage: str
    accused: list[str]
    next_hearing: HearingLine | None = None
    # on a search by name or identity document: who in the case matched, and as what
    # ("Kevin Mora Solís, Witness"), so that a case found through a witness is not read
    # as the case against its accused
    matched: list[str] = field(default_factory=list)


def case_rows(
    cases: Iterable[Case], *, actor: Actor, now: dt.datetime | None = None, q: str = ""
) -> list[CaseRow]:
    """Rows for a page of ``case_search`` results as ``actor`` may see them (each case
    through ``disclose_many``, which logs the page's reads in one INSERT); with ``now``,
    each with its next hearing (one more query for the whole page); with the search text
    ``q``, who in each case it found. A case the rules hide from the actor is left out.
    The cases where someone other than an accused is named as found are logged with that
    name's class too (a second INSERT), the others with what every row shows."""
    cases = list(cases)
    shows = ("accused_name", "hearings") if now is not None else ("accused_name",)
    matching = matched_people(cases, q)
    audience_of = audiences_by_court(actor)
    views: dict[int, CaseView] = {}
    plain = [c for c in cases if c.pk not in matching]
    if plain:
        views |= disclose_many(audience_of, plain, channel="web", shows=shows)
    found = [c for c in cases if c.pk in matching]
    if found:
        classes = name_classes(p for c in found for p in matching[c.pk])
        more = tuple(dict.fromkeys((*shows, *classes)))
        views |= disclose_many(audience_of, found, channel="web", shows=more)
    cases = [c for c in cases if views[c.pk].visible]
    upcoming = next_hearings(cases, now) if now is not None else {}
    rows = []
    for c in cases:
        view = views[c.pk]
        sitting = upcoming.get(c.pk) if view.shown.hearings else None
        rows.append(
            CaseRow(
                case=c,
                stage=stage_text(view.pack, c.stage)[0] if view.shown.stage else "",
                accused=[name for p in getattr(c, "accused", []) if (name := view.name(p))],
                next_hearing=hearing_line(sitting) if sitting else None,
                matched=[
                    f"{name}, {role_label(view.pack, p.role)}"
                    for p in matching.get(c.pk, [])
                    if (name := view.name(p))
                ],
            )
        )
    return rows


def matched_people(cases: list[Case], q: str) -> dict[int, list[Participation]]:
    """The participations of ``cases`` whose person the search text ``q`` found (by name,
    or by identity document when it looks like one), one query for the page."""
    text = q.strip()
    if not text or not cases:
        return {}
    people = Person.objects.filter(
        prefix_q("id_number", text)
        if looks_like_identifier(text)
        else name_condition("search_name", text)
    )
    found: dict[int, list[Participation]] = {}
    rows = Participation.objects.filter(
        case_id__in=[c.pk for c in cases], person__in=people
    ).select_related("person")
    for p in rows.order_by("case_id", "added_seq"):
        found.setdefault(p.case_id, []).append(p)
    return found


def next_hearings(cases: list[Case], now: dt.datetime) -> dict[int, Sitting | None]:
    """Each case's next hearing (one query for all of them)."""
    events: dict[int, list[Event]] = {c.pk: [] for c in cases}
    rows = Event.objects.filter(case_id__in=list(events), type__in=HEARING_TYPES).only(
        "case_id", "seq", "type", "payload", "corrects_seq"
    )
    for e in rows:
        events[e.case_id].append(e)
    return {pk: next_sitting(hearing_sittings(evs), now) for pk, evs in events.items()}
