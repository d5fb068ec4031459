"""Rebuild every projection from the event log, or check that the live state equals a rebuild.

The check runs the real rebuild inside a transaction, compares a snapshot of the
projections before and after, and rolls back: it exercises exactly the code that
``event_record`` uses to project.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from expediente.docket import projection
from expediente.docket.models import Case, Charge, Event, Participation, Person
from expediente.docket.services.common import PROJECTED_CASE_FIELDS
from expediente.rules.loader import load_pack

Snapshot = dict[str, dict[Any, tuple[Any, ...]]]

CASE_FIELDS = tuple(PROJECTED_CASE_FIELDS)


def snapshot() -> Snapshot:
    """The projections, keyed by natural keys (not database ids, which a rebuild changes)."""
    own: Snapshot = {
        "case": {
            nuid: tuple(rest)
            for nuid, *rest in Case.objects.values_list("nuid", *CASE_FIELDS).iterator()
        },
        "person": {
            row[0]: tuple(row[1:])
            for row in Person.objects.values_list(
                "uid",
                "kind",
                "given_names",
                "family_names",
                "legal_name",
                "sex",
                "date_of_birth",
                "id_number",
                "nationality",
                "search_name",
            ).iterator()
        },
        "participation": {
            (row[0], row[1]): tuple(row[2:])
            for row in Participation.objects.values_list(
                "case__nuid",
                "uid",
                "person__uid",
                "role",
                "pseudonym",
                "protected",
                "added_seq",
                "stands_for",
                "acts_for",
                "age_flag",
            ).iterator()
        },
        "charge": {
            (row[0], row[1]): tuple(row[2:])
            for row in Charge.objects.values_list(
                "case__nuid",
                "uid",
                "accused__uid",
                "offence_code",
                "offence_label",
                "iccs",
                "attempted",
                "firearm",
                "violence_against_women",
                "cyber",
                "filed_seq",
                "filed_at",
            ).iterator()
        },
    }
    for projector in projection.projectors():
        own[projector.name] = dict(projector.snapshot())
    return own


@dataclass
class Difference:
    table: str
    key: Any
    live: tuple[Any, ...] | None
    rebuilt: tuple[Any, ...] | None

    def __str__(self) -> str:
        return f"{self.table} {self.key}: live={self.live} rebuilt={self.rebuilt}"


@dataclass
class RebuildResult:
    events: int = 0
    cases: int = 0
    differences: list[Difference] = field(default_factory=list)


def _diff(before: Snapshot, after: Snapshot) -> list[Difference]:
    out = []
    for table, rows in before.items():
        other = after[table]
        for key in sorted(set(rows) | set(other), key=repr):
            if rows.get(key) != other.get(key):
                out.append(Difference(table, key, rows.get(key), other.get(key)))
    return out


def _events() -> Iterator[Event]:
    return Event.objects.order_by("id").iterator(chunk_size=2000)


def _replay(progress: Callable[[int, int], None] | None) -> int:
    for projector in projection.projectors():
        projector.reset()
    Charge.objects.all().delete()
    Participation.objects.all().delete()
    Person.objects.all().delete()
    cases = {c.pk: c for c in Case.objects.select_related("court")}
    total = Event.objects.count()
    for n, event in enumerate(_events(), start=1):
        case = cases[event.case_id]
        projection.apply(case, event, load_pack(case.court.rule_pack))
        if progress and (n % 1000 == 0 or n == total):
            progress(n, total)
    for case in cases.values():
        case.save(update_fields=list(CASE_FIELDS))
    return total


def code_stamp() -> str:
    """A digest of the code and rule packs that projections are built with (every .py
    and .yaml file of the expediente package): when it changes, projections written
    before may read differently from a rebuild (a deadline's explanation in a new
    language or wording), though the events are the same."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in {".py", ".yaml"}):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class _Rollback(Exception):
    pass


def rebuild(
    *, check: bool = False, progress: Callable[[int, int], None] | None = None
) -> RebuildResult:
    """Replay all events into fresh projections. With ``check``, change nothing and
    report every row where the live state differs from the rebuilt one."""
    result = RebuildResult(cases=Case.objects.count())
    before = snapshot() if check else None
    try:
        with transaction.atomic():
            result.events = _replay(progress)
            if check:
                assert before is not None
                result.differences = _diff(before, snapshot())
                raise _Rollback
    except _Rollback:
        pass
    return result
