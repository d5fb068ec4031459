"""The anonymised event-level extract, as Parquet: one row per event of the scope's
cases up to the end of the period, for analysis in DuckDB or Spark.

What it leaves out, so that nobody can be named from it: names, identity numbers, dates of
birth, case numbers, free text, and every juvenile and sealed case (those appear only in
the disclosure-controlled aggregates). What it keeps: the court, the event type and its
day on the jurisdiction's clock, the outcome fields of decisions, and for an event about a
person their sex, age group on that day, citizenship and the ICCS code of their first
charge. Cases and persons are numbered afresh in each extract (``case_ref``,
``person_ref``), so rows cannot be joined back to the docket.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from expediente.docket.models import Case, Charge, Event, Participation
from expediente.stats.indicators.rows import citizenship_class, sex_class
from expediente.stats.scope import Scope

TYPES = (
    "case.opened",
    "participant.added",
    "charge.filed",
    "custody.arrested",
    "custody.placed_before_judge",
    "custody.hearing_held",
    "custody.pretrial_ordered",
    "custody.pretrial_reviewed",
    "custody.pretrial_replaced",
    "custody.pretrial_lifted",
    "custody.released",
    "indictment.filed",
    "trial.committed",
    "verdict.delivered",
    "appeal.filed",
    "appeal.decided",
    "retrial.ordered",
    "judgment.final",
    "case.dismissed",
    "case.closed",
    "case.reopened",
)
OUTCOME_FIELDS = ("outcome", "reason")  # choice fields only: never free text
SCHEMA = pa.schema(
    [
        ("case_ref", pa.int64()),
        ("person_ref", pa.int64()),
        ("court", pa.string()),
        ("event_type", pa.string()),
        ("event_date", pa.date32()),
        ("outcome", pa.string()),
        ("custodial", pa.bool_()),
        ("sex", pa.string()),
        ("age_group", pa.string()),
        ("citizenship", pa.string()),
        ("iccs", pa.string()),
        ("iccs_section", pa.string()),
    ]
)
AGE_BANDS = (
    (18, "under 18"),
    (25, "18-24"),
    (35, "25-34"),
    (45, "35-44"),
    (55, "45-54"),
    (65, "55-64"),
    (999, "65 or more"),
)
BATCH = 5000


def age_group(born: dt.date | None, on: dt.date) -> str:
    if born is None:
        return "unknown"
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(label for top, label in AGE_BANDS if years < top)


def extract_cases(scope: Scope) -> Any:
    return Case.objects.filter(
        court__in=scope.court_ids, procedure="adult", opened_at__lt=scope.period.hi
    ).exclude(confidentiality="sealed")


def extract_rows(scope: Scope) -> Iterator[dict[str, Any]]:
    tz = scope.period.tz
    cases = extract_cases(scope)
    ordered = cases.order_by("opened_at", "pk").values_list("pk", "court__code")
    case_ref: dict[int, int] = {}
    court_of: dict[int, str] = {}
    for i, (pk, court) in enumerate(ordered, start=1):
        case_ref[pk], court_of[pk] = i, court
    people: dict[tuple[int, str], dict[str, Any]] = {}
    by_added: dict[tuple[int, int], str] = {}
    first_iccs: dict[int, str] = {}
    for c in (
        Charge.objects.filter(case__in=cases).order_by("filed_seq").values("accused_id", "iccs")
    ):
        first_iccs.setdefault(c["accused_id"], c["iccs"])
    parts = Participation.objects.filter(case__in=cases, role="accused").select_related("person")
    for n, p in enumerate(parts.order_by("case_id", "added_seq"), start=1):
        people[p.case_id, p.uid] = {
            "ref": n,
            "sex": sex_class(p.person.sex),
            "born": p.person.date_of_birth,
            "citizenship": citizenship_class(p.person.nationality, scope.country),
            "iccs": first_iccs.get(p.pk),
        }
        by_added[p.case_id, p.added_seq] = p.uid
    events = (
        Event.objects.filter(case__in=cases, type__in=TYPES, occurred_at__lt=scope.period.hi)
        .order_by("case_id", "seq")
        .values_list("case_id", "seq", "type", "occurred_at", "payload")
    )
    for case_id, seq, type_, at, payload in events.iterator(chunk_size=BATCH):
        uid = payload.get("accused") or payload.get("person")
        if type_ == "participant.added":
            uid = by_added.get((case_id, seq))
            if uid is None:
                continue  # not an accused: victims and others are not in the extract
        who = people.get((case_id, uid)) if isinstance(uid, str) else None
        day = at.astimezone(tz).date()
        outcome = next(
            (str(payload[f]) for f in OUTCOME_FIELDS if isinstance(payload.get(f), str)), None
        )
        custodial = payload.get("custodial")
        iccs = payload.get("iccs") if type_ == "charge.filed" else (who or {}).get("iccs")
        yield {
            "case_ref": case_ref[case_id],
            "person_ref": who["ref"] if who else None,
            "court": court_of[case_id],
            "event_type": type_,
            "event_date": day,
            "outcome": outcome,
            "custodial": custodial if isinstance(custodial, bool) else None,
            "sex": who["sex"] if who else None,
            "age_group": age_group(who["born"], day) if who else None,
            "citizenship": who["citizenship"] if who else None,
            "iccs": iccs or None,
            "iccs_section": iccs[:2] if iccs else None,
        }


def extract_write(
    scope: Scope, path: Path, *, progress: Callable[[int], None] | None = None
) -> int:
    """Write the extract to ``path`` (Parquet); returns the number of rows."""
    n = 0
    with pq.ParquetWriter(str(path), SCHEMA) as writer:
        batch: list[dict[str, Any]] = []
        for row in extract_rows(scope):
            batch.append(row)
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                n += len(batch)
                batch = []
                if progress:
                    progress(n)
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
            n += len(batch)
    if progress:
        progress(n)
    return n
