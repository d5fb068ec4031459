"""The anonymised event-level extract, as Parquet: one row per event of the scope's
cases up to the end of the period, corrections applied (a corrected event is given as
corrected, once, and is in the extract when its corrected moment is before the end), for
analysis in DuckDB or Spark.

Which cases: a record-level release shows a case only where the public may see that the
case exists, by the same rules as every other channel (the rule pack's ``disclosure``
rules, resolved by ``access.disclosure`` for the public audience: in the baseline pack
no juvenile, sealed or restricted case, and no case before charges). Expunged cases are
in no statistics. The other cases appear only in the disclosure-controlled aggregates.

What it leaves out, so that nobody can be named from it: names, identity numbers, dates
of birth, case numbers, free text. What it keeps: the court, the event type and its day
on the jurisdiction's clock, the choice fields of decisions (outcome, reason, kind of
measure), and for an event about an accused person their sex, age group on that day,
citizenship and the ICCS code of their first charge in the case filed by the end of the
period (the earliest filed, then the first recorded, as the statistics projection finds
it); for an entry saying which lawyer acts for an accused (``participant.acts_for``),
the lawyer's number in the extract (``counsel_ref``), her role (``defence``: private
counsel, or ``public_defender``) and whether she no longer acts (``ended``); for a death
in custody (``custody.died``), the kind of custody the death ended (``custody_kind``, as
the custody record has it: ``police``, ``pretrial``, ``sentenced_appeal``,
``sentenced_final``). Cases, persons,
accused-in-a-case and lawyers are numbered afresh in each extract (``case_ref``,
``person_ref``, ``accused_ref``, ``counsel_ref``), so rows cannot be joined back to the
docket.

No moment finer than the day: the extract says only in which order a person's entries of
one day came (``day_order``: 1 for the earliest of that person's rows on that day, rows
at the same moment sharing a number), so that an engine ranking each person's first event
ranks it as the database does, by the moment (``stats.sql.persons``), with the same
tie-breaker on equal moments (the accused-in-a-case recorded first: ``accused_ref``
follows it). The file carries its version (``EXTRACT_VERSION``, in the Parquet schema's
metadata); ``extract_check`` refuses one of another version, so an extract written
before a change of what its columns mean is written again, never read as if it were new.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
from django.db.models import Q

from expediente.access.disclosure import PUBLIC, STATUS_EVENTS, CaseFacts, resolve, status_from
from expediente.custody.models import CustodyPeriod
from expediente.custody.periods import DIED_IN_CUSTODY, in_error
from expediente.docket.corrections import as_last_corrected
from expediente.docket.counsel import ACTS_FOR, COUNSEL_ROLES
from expediente.docket.models import Case, Charge, Event, Participation
from expediente.rules.loader import load_pack
from expediente.rules.schema import Pack
from expediente.stats.indicators.rows import citizenship_class, section_of, sex_class
from expediente.stats.models import CaseFlow
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
    # a death in custody and an escape end the custody period as a release does; their
    # free text (the place, the authority told) is never read (``OUTCOME_FIELDS``), and
    # a death the court corrected as recorded by mistake leaves no row
    "custody.died",
    "custody.escaped",
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
    "measure.imposed",
    ACTS_FOR,
)
OUTCOME_FIELDS = ("outcome", "reason", "kind")  # choice fields only: never free text
# 1: the first extract (no version in the file); then what each version changed, said
# to whoever brings an older one (``extract_check``)
CHANGES = {
    2: "its column day_order orders each person's entries within a day, as the database "
    "orders them by the moment",
    3: "an entry corrected to another moment is counted at its corrected moment, so a charge "
    "or an indictment corrected past the period's end is no longer counted in it",
    4: "its column custody_kind says the kind of custody a death in custody ended, for the "
    "deaths in custody",
}
EXTRACT_VERSION = max(CHANGES)
VERSION_KEY = b"expediente.extract.version"
COLUMNS = pa.schema(  # as the rows are read; ``day_order`` is added once all are read
    [
        ("case_ref", pa.int64()),
        ("person_ref", pa.int64()),
        ("accused_ref", pa.int64()),
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
        ("vaw", pa.bool_()),
        ("counsel_ref", pa.int64()),
        ("counsel_role", pa.string()),
        ("ended", pa.bool_()),
        ("custody_kind", pa.string()),
    ]
)
DAY_ORDER = pa.field("day_order", pa.int32())
AT = COLUMNS.get_field_index("event_date") + 1  # day_order follows the day
SCHEMA = COLUMNS.insert(AT, DAY_ORDER).with_metadata({VERSION_KEY: str(EXTRACT_VERSION).encode()})
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICROSECOND = dt.timedelta(microseconds=1)
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


def _candidates(scope: Scope) -> Any:
    """The scope's cases opened before the end of the period, not expunged."""
    candidates = Case.objects.filter(
        court__in=scope.court_ids, opened_at__lt=scope.period.hi
    ).exclude(pk__in=CaseFlow.objects.filter(expunged=True).values("case_id"))
    if scope.cases is not None:
        candidates = candidates.filter(pk__in=sorted(scope.cases))
    return candidates


def extract_case_ids(scope: Scope) -> set[int]:
    """The cases of the extract: opened before the end of the period, not expunged, and
    public by the rule pack's disclosure rules (``record_level``)."""
    return record_level(_candidates(scope), load_pack_of(scope))


def load_pack_of(scope: Scope) -> Pack:
    return load_pack(scope.jurisdiction.rule_pack)


def record_level(cases: Any, pack: Pack) -> set[int]:
    """The ids of ``cases`` whose existence the public may see: ``access.disclosure``'s
    rules and facts for each case, read in three queries for all of them."""
    status_rows: dict[int, list[tuple[str, dict[str, Any]]]] = {}
    events = Event.objects.filter(case__in=cases, type__in=STATUS_EVENTS).order_by("case_id", "seq")
    for case_id, type_, payload in events.values_list("case_id", "type", "payload").iterator():
        status_rows.setdefault(case_id, []).append((type_, payload))
    flags: dict[int, set[str]] = {}
    for case_id, code, vaw in Charge.objects.filter(case__in=cases).values_list(
        "case_id", "offence_code", "violence_against_women"
    ):
        offence = pack.offence(code)
        found = flags.setdefault(case_id, set())
        found |= set(offence.flags) if offence else set()
        if vaw:
            found.add("vaw")
    seen: dict[CaseFacts, bool] = {}
    out: set[int] = set()
    for pk, procedure, confidentiality, stage in cases.values_list(
        "pk", "procedure", "confidentiality", "stage"
    ).iterator():
        facts = CaseFacts(
            procedure=procedure,
            confidentiality=confidentiality,
            status=status_from(status_rows.get(pk, []), stage),
            flags=frozenset(flags.get(pk, ())),
        )
        if facts not in seen:
            seen[facts] = resolve(pack, PUBLIC, facts).case
        if seen[facts]:
            out.add(pk)
    return out


def _effective(
    rows: list[tuple[int, str, Any, dict[str, Any], int | None]], hi: dt.datetime
) -> list[Any]:
    """One case's events with corrections applied: each correction's type, time and
    payload in place of the event it corrects (a correction of a correction restates the
    first), in the order first recorded; then only those whose moment, as corrected, is
    before ``hi``. ``rows`` are the entries before ``hi`` and every correction, whatever
    its moment: a correction that moves an entry to ``hi`` or later takes it out (the
    database reads the corrected moment too), one that moves it earlier brings it in."""
    latest, _ = as_last_corrected(
        (seq, corrects, (type_, at, payload)) for seq, type_, at, payload, corrects in rows
    )
    return [(origin, *latest[origin]) for origin in sorted(latest) if latest[origin][1] < hi]


def extract_rows(scope: Scope) -> Iterator[dict[str, Any]]:
    """The extract's rows (``COLUMNS``) in the order first recorded, case by case, each
    with its ``moment``, which ``extract_write`` turns into ``day_order`` and never
    writes."""
    tz = scope.period.tz
    cases = _candidates(scope)
    chosen = record_level(cases, load_pack_of(scope))
    ordered = cases.order_by("opened_at", "pk").values_list("pk", "court__code")
    case_ref: dict[int, int] = {}
    court_of: dict[int, str] = {}
    for pk, court in ordered.iterator(chunk_size=BATCH):
        if pk in chosen:
            case_ref[pk], court_of[pk] = len(case_ref) + 1, court
    people: dict[tuple[int, str], dict[str, Any]] = {}
    person_ref: dict[int, int] = {}
    by_added: dict[tuple[int, int], str] = {}
    first_iccs: dict[int, str] = {}
    # each accused's first charge as the statistics projection finds it (the earliest
    # filed, then the first recorded), among those filed by the end of the period: a
    # charge filed later is not in the extract, nor known at its end
    charges = Charge.objects.filter(case__in=cases, filed_at__lt=scope.period.hi).order_by(
        "filed_at", "filed_seq"
    )
    for accused, code in charges.values_list("accused_id", "iccs").iterator(chunk_size=BATCH):
        first_iccs.setdefault(accused, code)
    # the kind of custody each accused's death in custody ended (the custody record's; a
    # death recorded by mistake ends none)
    died_as = dict(
        CustodyPeriod.objects.filter(case__in=cases, end_type=DIED_IN_CUSTODY).values_list(
            "participation_id", "kind"
        )
    )
    parts = Participation.objects.filter(case__in=cases, role="accused").select_related("person")
    for p in parts.order_by("pk").iterator(chunk_size=BATCH):
        if p.case_id not in chosen:
            continue
        people[p.case_id, p.uid] = {
            "ref": person_ref.setdefault(p.person_id, len(person_ref) + 1),
            "accused": len(people) + 1,
            "sex": sex_class(p.person.sex),
            "born": p.person.date_of_birth,
            "citizenship": citizenship_class(p.person.nationality, scope.country),
            "iccs": first_iccs.get(p.pk),
            "died_as": died_as.get(p.pk),
        }
        by_added[p.case_id, p.added_seq] = p.uid
    lawyers: dict[tuple[int, str], tuple[int, str]] = {}
    counsel = Participation.objects.filter(case__in=cases, role__in=COUNSEL_ROLES).order_by("pk")
    for case_id, uid, role in counsel.values_list("case_id", "uid", "role").iterator(
        chunk_size=BATCH
    ):
        if case_id in chosen:
            lawyers[case_id, uid] = (len(lawyers) + 1, role)
    # the entries before the end and every correction, whatever its moment: folded, an
    # entry counts by its corrected moment (``_effective``); a correction of a correction
    # is read with the one it corrects, so each folds into the entry first recorded
    hi = scope.period.hi
    events = (
        Event.objects.filter(case__in=cases, type__in=TYPES)
        .filter(Q(occurred_at__lt=hi) | Q(corrects_seq__isnull=False))
        .order_by("case_id", "seq")
        .values_list("case_id", "seq", "type", "occurred_at", "payload", "corrects_seq")
    )
    batch: list[tuple[int, str, Any, dict[str, Any], int | None]] = []
    current = 0
    for case_id, seq, type_, at, payload, corrects in events.iterator(chunk_size=BATCH):
        if case_id not in chosen:
            continue
        if case_id != current and batch:
            yield from _case_rows(
                current, _effective(batch, hi), case_ref, court_of, people, by_added, lawyers, tz
            )
            batch = []
        current = case_id
        batch.append((seq, type_, at, payload, corrects))
    if batch:
        yield from _case_rows(
            current, _effective(batch, hi), case_ref, court_of, people, by_added, lawyers, tz
        )


def _case_rows(
    case_id: int,
    events: list[tuple[int, str, Any, dict[str, Any]]],
    case_ref: dict[int, int],
    court_of: dict[int, str],
    people: dict[tuple[int, str], dict[str, Any]],
    by_added: dict[tuple[int, int], str],
    lawyers: dict[tuple[int, str], tuple[int, str]],
    tz: Any,
) -> Iterator[dict[str, Any]]:
    for seq, type_, at, payload in events:
        if in_error(type_, payload):
            continue  # a death recorded by mistake: read as none
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
        lawyer = lawyers.get((case_id, str(payload.get("counsel")))) if type_ == ACTS_FOR else None
        yield {
            "case_ref": case_ref[case_id],
            "person_ref": who["ref"] if who else None,
            "accused_ref": who["accused"] if who else None,
            "court": court_of[case_id],
            "event_type": type_,
            "event_date": day,
            "outcome": outcome,
            "custodial": custodial if isinstance(custodial, bool) else None,
            "sex": who["sex"] if who else None,
            "age_group": age_group(who["born"], day) if who else None,
            "citizenship": who["citizenship"] if who else None,
            "iccs": iccs or None,
            "iccs_section": section_of(iccs) if who else None,
            "vaw": bool(payload.get("violence_against_women")) if type_ == "charge.filed" else None,
            "counsel_ref": lawyer[0] if lawyer else None,
            "counsel_role": lawyer[1] if lawyer else None,
            "ended": bool(payload.get("ended")) if type_ == ACTS_FOR else None,
            "custody_kind": who["died_as"] if who and type_ == DIED_IN_CUSTODY else None,
            "moment": at,  # only to order the person's entries of the day: never written
        }


def extract_write(
    scope: Scope, path: Path, *, progress: Callable[[int], None] | None = None
) -> int:
    """Write the extract to ``path`` (Parquet, ``SCHEMA``); returns the number of rows.

    Two passes, as a person's entries of a day may lie in several cases: the rows are
    written first without ``day_order`` beside ``path`` (a hidden file, removed at the
    end, which names no moment either), their moments kept in memory only (8 bytes a
    row); then each row is copied to ``path`` with its order in the day."""
    unranked = path.with_name(f".{path.name}.unranked")
    moments = array("q")
    try:
        n = _write(unranked, COLUMNS, _keeping_moments(extract_rows(scope), moments), progress)
        read = pq.read_table(unranked, columns=["person_ref", "event_date"])
        orders = day_orders(read.column("person_ref"), read.column("event_date"), _int64s(moments))
        del moments[:]
        with pq.ParquetWriter(str(path), SCHEMA) as writer:
            done = 0
            for batch in pq.ParquetFile(str(unranked)).iter_batches(batch_size=BATCH):
                table = pa.Table.from_batches([batch], schema=COLUMNS)
                table = table.add_column(AT, DAY_ORDER, orders.slice(done, batch.num_rows))
                writer.write_table(table)
                done += batch.num_rows
            if done == 0:
                writer.write_table(SCHEMA.empty_table())
    finally:
        unranked.unlink(missing_ok=True)
    return n


def _keeping_moments(rows: Iterable[dict[str, Any]], into: array) -> Iterator[dict[str, Any]]:
    """``rows`` without their ``moment``, kept in ``into`` (microseconds since 1970)."""
    for row in rows:
        into.append((row.pop("moment") - EPOCH) // MICROSECOND)
        yield row


def _int64s(values: array) -> pa.Array:
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(values)])


def _write(
    path: Path,
    schema: pa.Schema,
    rows: Iterable[dict[str, Any]],
    progress: Callable[[int], None] | None,
) -> int:
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
                if progress:
                    progress(n)
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    if progress:
        progress(n)
    return n


def day_orders(people: Any, days: Any, moments: Any) -> pa.Array:
    """For each row, the order of its moment among the rows of the same person on the
    same day: 1 for the earliest, rows at the same moment sharing a number (a dense
    rank); nothing for a row about no person. Computed by Arrow (sorted once by person,
    day and moment), not row by row in Python, as an extract holds millions of rows."""
    if len(moments) == 0:
        return pa.array([], DAY_ORDER.type)
    person = pc.fill_null(_flat(people), -1)  # no person: a group of its own, read as none
    table = pa.table({"person": person, "day": _flat(days), "moment": _flat(moments)})
    order = pc.sort_indices(table, sort_keys=[(c, "ascending") for c in table.column_names])
    person, day, moment = (_flat(pc.take(table.column(c), order)) for c in table.column_names)
    new_day = pc.or_(_changed(person), _changed(day))
    new_moment = pc.or_(new_day, _changed(moment))
    count = pc.cumulative_sum(pc.cast(new_moment, pa.int64()))
    first = pc.fill_null_forward(pc.if_else(new_day, count, pa.scalar(None, pa.int64())))
    ranked = pc.add(pc.subtract(count, first), 1)
    back = pc.take(pc.cast(ranked, DAY_ORDER.type), pc.sort_indices(order))
    return pc.if_else(pc.is_null(_flat(people)), pa.scalar(None, DAY_ORDER.type), back)


def _flat(values: Any) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    return values if isinstance(values, pa.Array) else pa.array(values)


def _changed(values: pa.Array) -> pa.Array:
    """True where a value differs from the one before it (and for the first)."""
    differs = pc.not_equal(values.slice(1), values.slice(0, len(values) - 1))
    return pa.concat_arrays([pa.array([True]), differs])


class ExtractOutdated(ValueError):
    """An extract of another version than the one these queries read."""


def extract_check(path: Path) -> None:
    """Refuse an extract written by another version of ``extract_write``, saying what
    changed since (``CHANGES``): an extract written before ``day_order`` (version 1)
    would rank a person indicted twice on one day by the order their cases were recorded,
    not by the moment, as the database does; one of version 2 may keep a row of an entry
    corrected past the period's end."""
    found = (pq.read_schema(str(path)).metadata or {}).get(VERSION_KEY)
    if found != str(EXTRACT_VERSION).encode():
        was = found.decode(errors="replace") if found else "1"
        since = int(was) if was.isdigit() else 0
        changed = [text for version, text in sorted(CHANGES.items()) if version > since]
        raise ExtractOutdated(
            f"{path}: an extract of version {was}, where these figures need version "
            f"{EXTRACT_VERSION} ({'; '.join(changed)}); write it again: expediente "
            "stats export --jurisdiction CODE --period YEAR --out DIR --extract FILE"
        )
