"""Rebuild every projection from the event log, or check that the live state equals a rebuild.

The check runs the real rebuild inside a transaction, compares a snapshot of the
projections before and after, and rolls back: it exercises exactly the code that
``event_record`` uses to project.

Both hold every append out while they run (``_hold_the_docket``): a rebuild that let an
entry in wrote back the case's head as it read it, numbering the next entry twice, and a
check compared a snapshot taken before the entry with a replay that saw it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from expediente.docket import projection
from expediente.docket.models import Case, Charge, Event, Participation, Person
from expediente.docket.services.common import PROJECTED_CASE_FIELDS
from expediente.rules.loader import load_pack

Snapshot = dict[str, dict[Any, tuple[Any, ...]]]

CASE_FIELDS = tuple(PROJECTED_CASE_FIELDS)


# a person's columns, as the docket's projection writes them (``person_fields``)
PERSON_FIELDS = tuple(projection.person_fields({}))
PARTICIPATION_FIELDS = (
    "person__uid",
    "role",
    "pseudonym",
    "protected",
    "added_seq",
    "stands_for",
    "acts_for",
    "age_flag",
)
CHARGE_FIELDS = (
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
)
# the names of the values of each of the docket's own rows, as ``snapshot`` reads them
OWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "case": CASE_FIELDS,
    "person": PERSON_FIELDS,
    "participation": PARTICIPATION_FIELDS,
    "charge": CHARGE_FIELDS,
}


def snapshot() -> Snapshot:
    """The projections, keyed by natural keys (not database ids, which a rebuild changes)."""
    own: Snapshot = {
        "case": {
            nuid: tuple(rest)
            for nuid, *rest in Case.objects.values_list("nuid", *CASE_FIELDS).iterator()
        },
        "person": {
            uid: tuple(rest)
            for uid, *rest in Person.objects.values_list("uid", *PERSON_FIELDS).iterator()
        },
        "participation": {
            (nuid, uid): tuple(rest)
            for nuid, uid, *rest in Participation.objects.values_list(
                "case__nuid", "uid", *PARTICIPATION_FIELDS
            ).iterator()
        },
        "charge": {
            (nuid, uid): tuple(rest)
            for nuid, uid, *rest in Charge.objects.values_list(
                "case__nuid", "uid", *CHARGE_FIELDS
            ).iterator()
        },
    }
    for projector in projection.projectors():
        own[projector.name] = dict(projector.snapshot())
    return own


def _kinds(table: str) -> Mapping[str, tuple[str, ...]] | None:
    """A projector's ``columns`` when they are given per kind of row (keyed by the first
    element of the row's key)."""
    named = _projector_columns(table)
    return named if isinstance(named, Mapping) else None


def _projector_columns(table: str) -> Any:
    for projector in projection.projectors():
        if projector.name == table:
            return getattr(projector, "columns", None)
    return None


def columns(table: str, key: Any) -> tuple[str, ...] | None:
    """The names of the values of the row ``key`` of ``table`` in a snapshot: the
    docket's own (``OWN_COLUMNS``) or the projector's ``columns`` (docket/projection.py),
    either one tuple for every row or one per kind of row; None when it names none."""
    if table in OWN_COLUMNS:
        return OWN_COLUMNS[table]
    named = _projector_columns(table)
    if isinstance(named, Mapping):
        kind = key[0] if isinstance(key, tuple) and key else None
        found = named.get(kind) if isinstance(kind, str) else None
        return tuple(found) if found is not None else None
    return tuple(named) if named is not None else None


@dataclass
class Difference:
    """A row of ``table`` (a projection: the docket's own or a projector's name) whose
    live values differ from the rebuilt ones; None for a side that has no such row.
    ``columns``: the names of the values, when the projection gives them."""

    table: str
    key: Any
    live: tuple[Any, ...] | None
    rebuilt: tuple[Any, ...] | None
    columns: tuple[str, ...] | None = None
    kinded: bool = False  # the key's first element says the kind of row (``columns``)

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def row(self) -> str:
        """The projection and the row's natural key, e.g. ``case 26-000036-0042-PE`` or
        ``custody period 26-000036-0042-PE, P1, 4``."""
        parts = list(self.key) if isinstance(self.key, tuple) else [self.key]
        head = [self.table]
        if self.kinded and parts:
            head.append(str(parts.pop(0)))
        return " ".join(head) + " " + ", ".join(_key_part(p) for p in parts)

    def lines(self) -> list[str]:
        """One line per differing column (its name, its live and its rebuilt value), or
        one for a row that only one side has."""
        row = self.row()
        if self.rebuilt is None:
            kept = self._values(self.live or ())
            return [f"{row}: only in the live projection, a rebuild has no such row ({kept})"]
        if self.live is None:
            made = self._values(self.rebuilt)
            return [f"{row}: missing from the live projection, a rebuild has it ({made})"]
        if len(self.live) != len(self.rebuilt):
            return [f"{row}: live {self.live!r}, rebuilt {self.rebuilt!r}"]
        names = self._names(len(self.live))
        return [
            f"{row}: {names[i]} live {_show(was)}, rebuilt {_show(now)}"
            for i, (was, now) in enumerate(zip(self.live, self.rebuilt, strict=True))
            if was != now
        ]

    def _names(self, width: int) -> list[str]:
        """The columns' names; positions (counted from 1) when the projection gives none
        for this row, saying so."""
        if self.columns is not None and len(self.columns) == width:
            return list(self.columns)
        why = f"the {self.table} projection gives no column names for this row"
        return [f"value {i + 1} ({why})" for i in range(width)]

    def _values(self, values: tuple[Any, ...]) -> str:
        if self.columns is not None and len(self.columns) == len(values):
            return ", ".join(
                f"{n} {_show(v, short=True)}" for n, v in zip(self.columns, values, strict=True)
            )
        shown = ", ".join(f"{i + 1}: {_show(v, short=True)}" for i, v in enumerate(values))
        return f"by position, the {self.table} projection gives no column names: {shown}"


def _key_part(part: Any) -> str:
    if isinstance(part, dt.date | dt.datetime):
        return part.isoformat()
    return str(part)


SHORT = 60  # characters of a value shown for a row only one side has


def _show(value: Any, *, short: bool = False) -> str:
    """A value as ``rebuild --check`` prints it: a text quoted, a moment in ISO 8601."""
    shown = value.isoformat() if isinstance(value, dt.date | dt.datetime) else repr(value)
    if short and len(shown) > SHORT:
        return shown[: SHORT - 1] + "…"
    return shown


@dataclass
class RebuildResult:
    events: int = 0
    cases: int = 0
    differences: list[Difference] = field(default_factory=list)


def _diff(before: Snapshot, after: Snapshot) -> list[Difference]:
    out = []
    for table, rows in before.items():
        other = after[table]
        kinds = _kinds(table)
        for key in sorted(set(rows) | set(other), key=repr):
            if rows.get(key) != other.get(key):
                out.append(
                    Difference(
                        table,
                        key,
                        rows.get(key),
                        other.get(key),
                        columns=columns(table, key),
                        kinded=kinds is not None and _kind(key) in kinds,
                    )
                )
    return out


def _kind(key: Any) -> Any:
    return key[0] if isinstance(key, tuple) and key else None


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


def _hold_the_docket() -> None:
    """Keep every append out of this transaction's way until it ends: on PostgreSQL the
    cases and entries tables locked against writing (reads go on); an append waits, in
    either path, at its first write to the case. SQLite's writers take the database's one
    write lock when their transaction begins (``transaction_mode`` IMMEDIATE), this one
    included. The case table first, as every append takes it: an append already holding
    a case finishes before the rebuild starts, and none can hold a case while waiting
    for the entries table."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in (Case, Event))
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")


def rebuild(
    *, check: bool = False, progress: Callable[[int, int], None] | None = None
) -> RebuildResult:
    """Replay all events into fresh projections. With ``check``, change nothing and
    report every row where the live state differs from the rebuilt one."""
    result = RebuildResult()
    try:
        with transaction.atomic():
            _hold_the_docket()
            result.cases = Case.objects.count()
            before = snapshot() if check else None
            result.events = _replay(progress)
            if check:
                assert before is not None
                result.differences = _diff(before, snapshot())
                raise _Rollback
    except _Rollback:
        pass
    return result
