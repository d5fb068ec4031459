"""The analytical extract and the database put each person in the same category.

A person counts once per indicator, under the breakdowns of their first qualifying event:
the database takes the earliest moment (then the accused-in-a-case recorded first); the
extract names no moment finer than a day, so it says in which order a person's entries
of one day came (``day_order``) and DuckDB ranks by the day, that order, then the
accused-in-a-case, exactly as the database. A person indicted in two cases on one day,
the later-in-the-day case recorded first, with other counsel and another offence in
each, is under the same category in both. On random histories (persons accused in
several cases, indicted and convicted on the same days at different hours, cases
recorded out of time order, charges and indictments corrected to earlier or later
moments, across the period's end and the extract's) the database, the pure functions
and DuckDB agree. An extract written before ``day_order`` is refused, naming what to
do."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.access.policy import Actor
from expediente.demo.generator import demo_user
from expediente.docket.counsel import ACTS_FOR
from expediente.docket.models import Case, Court, Event, Jurisdiction
from expediente.docket.selectors import latest_version
from expediente.docket.services import case_open, event_record
from expediente.stats.compute import indicator_compute
from expediente.stats.extract import (
    EXTRACT_VERSION,
    ExtractOutdated,
    day_orders,
    extract_case_ids,
    extract_write,
)
from expediente.stats.extract_queries import duckdb_caseflow, duckdb_indicators, spark_caseflow
from expediente.stats.indicators.base import margin
from expediente.stats.indicators.representation import DIMS
from tests.stats.conftest import demo_scope

CODE = "prueba-orden"
CLOCK = ZoneInfo("America/Costa_Rica")
PERSON_FLOWS = ("formal_contact", "indicted", "convicted", "represented")
# offences of different ICCS sections: 01 (homicide), 02 (harm), 04 (robbery)
OFFENCES = {"CP-111": "01", "CP-123": "02", "CP-212": "04"}


def local(day: str, hour: int, minute: int = 0) -> dt.datetime:
    """A moment on the court's clock."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=CLOCK)


@pytest.fixture
def court(demo) -> Court:  # type: ignore[no-untyped-def]
    return a_court()


def a_court() -> Court:
    """The test court (code ``CODE``), on Costa Rica's clock and pack."""
    return Court.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="cr"),
        code=CODE,
        name="Juzgado de prueba",
        office_code="0995",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )


def _record(case: Case, type_: str, payload: dict[str, Any], at: dt.datetime) -> None:
    event_record(
        case=case, type=type_, payload=payload, actor=Actor.system(demo_user()), occurred_at=at
    )


def _case(court: Court, accused: list[dict[str, Any]]) -> Case:
    """A public case opened in January 2024 with ``accused``, each: ``person`` (the same
    number is the same person in every case), ``added`` (a moment), ``charges`` (offences
    and moments, recorded in that order), ``counsel`` (a lawyer's role acting for them,
    or None), ``indicted`` and ``convicted`` (moments or None), and ``moved`` (if any:
    corrections, recorded last, in order, each restating the accused's first charge,
    with an offence, or indictment at another moment)."""
    actor = Actor.system(demo_user())
    opened = local("2024-01-15", 8)
    case = case_open(court=court, actor=actor, procedure="adult", occurred_at=opened).event.case
    added = 0
    for a in accused:
        person = {
            "uid": f"person-orden-{a['person']}",
            "given_names": "A",
            "family_names": f"Orden{a['person']}",
            "sex": "male",
        }
        _record(case, "participant.added", {"role": "accused", "person": person}, a["added"])
        added += 1
        a["uid"] = f"P{added}"
        for offence, filed in a["charges"]:  # in this order, whatever their dates
            _record(case, "charge.filed", {"accused": a["uid"], "offence": offence}, filed)
        if a["counsel"] is not None:
            lawyer = {"given_names": "L", "family_names": f"Abogada{added}", "sex": "female"}
            _record(case, "participant.added", {"role": a["counsel"], "person": lawyer}, a["added"])
            added += 1
            acts = {"counsel": f"P{added}", "accused": a["uid"], "ended": False}
            _record(case, ACTS_FOR, acts, a["added"])
    for a in accused:
        if a["indicted"] is not None:
            _record(case, "indictment.filed", {"accused": a["uid"]}, a["indicted"])
    convicted = [a for a in accused if a["convicted"] is not None]
    if convicted:
        _record(case, "trial.committed", {}, local("2024-08-01", 9))
    for a in convicted:
        verdict = {"accused": a["uid"], "outcome": "convicted", "custodial": False}
        _record(case, "verdict.delivered", verdict, a["convicted"])
    for a in accused:
        for entry, offence, at in a.get("moved", []):
            _move(case, a["uid"], entry, offence, at)
    return case


def _move(case: Case, uid: str, entry: str, offence: str, at: dt.datetime) -> None:
    """Correct the accused's first charge (to ``offence``) or indictment, dated ``at``."""
    first = (
        Event.objects.filter(case=case, type=entry, corrects_seq=None, payload__accused=uid)
        .order_by("seq")
        .first()
    )
    assert first is not None
    latest = Event.objects.get(case=case, seq=latest_version(case, first.seq))
    payload = dict(first.payload)
    if entry == "charge.filed":
        payload = {"accused": uid, "offence": offence, "charge": first.payload["charge"]}
    if latest.occurred_at == at and latest.payload.get("offence") == payload.get("offence"):
        return  # a correction that changes nothing is refused
    event_record(
        case=case,
        type=entry,
        payload=payload,
        actor=Actor.system(demo_user()),
        occurred_at=at,
        corrects_seq=latest.seq,
        correction_reason="Date recorded wrong",
    )


def _both(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The 2024 person flows of the test court from the database (checked against the
    pure functions) and from DuckDB over an extract of the same cases, written up to
    mid-2025 (so it holds what came after the year too)."""
    scope = demo_scope("2024-01-01", "2024-12-31", [CODE])
    longer = demo_scope("2024-01-01", "2025-06-30", [CODE])
    extract_write(longer, path)
    same_cases = dataclasses.replace(scope, cases=frozenset(extract_case_ids(longer)))
    database = {}
    for ident in PERSON_FLOWS:
        database[ident] = indicator_compute(ident, same_cases)
        assert database[ident] == indicator_compute(ident, same_cases, engine="pure"), ident
    duck = duckdb_indicators(path, scope.period.start, scope.period.end)
    return database, {ident: duck[ident] for ident in PERSON_FLOWS}


def _accused(person: int, offence: str, counsel: str | None, indicted: Any) -> dict[str, Any]:
    return {
        "person": person,
        "added": local("2024-02-01", 9),
        "charges": [(offence, local("2024-02-01", 9))],
        "counsel": counsel,
        "indicted": indicted,
        "convicted": None,
    }


def test_a_person_indicted_twice_in_one_day_is_counted_under_the_earlier_case(
    court: Court, tmp_path: Path
) -> None:
    # recorded first, but indicted in the afternoon: private counsel, homicide (01)
    _case(court, [_accused(1, "CP-111", "defence", local("2024-05-10", 16))])
    # recorded second, indicted that morning: the public defender, bodily harm (02)
    _case(court, [_accused(1, "CP-123", "public_defender", local("2024-05-10", 9))])
    database, duck = _both(tmp_path / "extract.parquet")
    assert duck == database
    represented = database["represented"]
    assert isinstance(represented, dict)
    assert margin(represented, DIMS, ("representation",)) == {("public_defender",): 1}
    assert database["indicted"] == {("02", "male", "adult", "unknown"): 1}


def test_at_the_same_moment_the_case_recorded_first_counts_in_both(
    court: Court, tmp_path: Path
) -> None:
    moment = local("2024-05-10", 11)
    _case(court, [_accused(1, "CP-111", "defence", moment)])
    _case(court, [_accused(1, "CP-123", "public_defender", moment)])
    database, duck = _both(tmp_path / "extract.parquet")
    assert duck == database
    assert database["indicted"] == {("01", "male", "adult", "unknown"): 1}


def test_a_person_is_under_the_section_of_the_first_charge_filed_by_the_period_s_end(
    court: Court, tmp_path: Path
) -> None:
    later = _accused(1, "CP-111", None, local("2024-05-10", 9))
    # a charge recorded first but dated after one recorded next; a third after the year
    later["charges"] = [
        ("CP-111", local("2024-03-10", 9)),
        ("CP-123", local("2024-03-01", 9)),
        ("CP-212", local("2025-01-10", 9)),
    ]
    # charged only after the year: "no charge recorded" for 2024
    uncharged = _accused(2, "CP-212", None, local("2024-05-10", 9))
    uncharged["charges"] = [("CP-212", local("2025-01-10", 9))]
    _case(court, [later, uncharged])
    database, duck = _both(tmp_path / "extract.parquet")
    assert duck == database
    assert database["indicted"] == {
        ("02", "male", "adult", "unknown"): 1,
        ("none", "male", "adult", "unknown"): 1,
    }


def test_the_extract_orders_a_person_s_day_and_names_no_moment(
    court: Court, tmp_path: Path
) -> None:
    _case(court, [_accused(1, "CP-111", "defence", local("2024-05-10", 16))])
    _case(court, [_accused(1, "CP-123", "public_defender", local("2024-05-10", 9))])
    path = tmp_path / "extract.parquet"
    extract_write(demo_scope("2024-01-01", "2024-12-31", [CODE]), path)
    table = pq.read_table(path)
    assert not [f.name for f in table.schema if pa.types.is_timestamp(f.type)]
    rows = table.to_pylist()
    indictments = [r for r in rows if r["event_type"] == "indictment.filed"]
    # the case recorded first (accused 1) was indicted second that day
    assert [(r["accused_ref"], r["day_order"]) for r in indictments] == [(1, 2), (2, 1)]
    assert {r["day_order"] for r in rows if r["person_ref"] is None} == {None}


def test_an_extract_written_before_the_order_in_the_day_is_refused(
    court: Court, tmp_path: Path
) -> None:
    _case(court, [_accused(1, "CP-111", "defence", local("2024-05-10", 16))])
    path, old = tmp_path / "extract.parquet", tmp_path / "old.parquet"
    extract_write(demo_scope("2024-01-01", "2024-12-31", [CODE]), path)
    # as the first extract was written: no day_order, no version in the file
    pq.write_table(pq.read_table(path).drop_columns(["day_order"]).replace_schema_metadata(), old)
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    # Spark too, installed or not: the outdated extract is named first
    for read in (duckdb_indicators, duckdb_caseflow, spark_caseflow):
        with pytest.raises(ExtractOutdated, match=r"version 1.*day_order.*--extract FILE"):
            read(old, start, end)
    assert duckdb_indicators(path, start, end)["indicted"]


def test_an_extract_written_before_corrections_were_counted_at_their_moment_is_refused(
    court: Court, tmp_path: Path
) -> None:
    """Version 2 counted a corrected entry at its first moment: an extract of it may keep
    a charge corrected past the period's end. It is refused, saying so, not read."""
    _case(court, [_accused(1, "CP-111", "defence", local("2024-05-10", 16))])
    path, old = tmp_path / "extract.parquet", tmp_path / "v2.parquet"
    extract_write(demo_scope("2024-01-01", "2024-12-31", [CODE]), path)
    table = pq.read_table(path)
    pq.write_table(table.replace_schema_metadata({b"expediente.extract.version": b"2"}), old)
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    for read in (duckdb_indicators, duckdb_caseflow, spark_caseflow):
        refusal = rf"version 2, .*need version {EXTRACT_VERSION}"
        with pytest.raises(ExtractOutdated, match=refusal) as refused:
            read(old, start, end)
        assert "corrected moment" in str(refused.value)
        assert "day_order" not in str(refused.value)  # not a change since version 2
    assert duckdb_indicators(path, start, end)["indicted"]


# -- random histories: several persons, each accused in several cases, indicted and
# convicted on the same few days at different hours (or the same moment)

hours = st.sampled_from([8, 9, 13, 16])
# every accused indicted: a case is in the extract only once the public may see it
# (in the baseline pack, not before charges are brought)
moments = st.builds(
    lambda day, hour: local(day, hour), st.sampled_from(["2024-05-10", "2024-05-11"]), hours
)
# charges on two days, one after the year (a period knows only those filed by its end)
charged = st.builds(
    lambda day, hour: local(day, hour), st.sampled_from(["2024-03-01", "2025-01-10"]), hours
)
# corrections of a charge or an indictment to another moment: earlier or later, within
# the year, after it, or after the extract's end (mid-2025)
corrected = st.builds(
    lambda day, hour: local(day, hour),
    st.sampled_from(["2024-02-20", "2024-05-10", "2025-01-10", "2025-08-01"]),
    hours,
)
moved = st.lists(
    st.tuples(
        st.sampled_from(["charge.filed", "indictment.filed"]),
        st.sampled_from(sorted(OFFENCES)),
        corrected,
    ),
    max_size=2,
)
verdicts = st.one_of(st.none(), st.builds(lambda hour: local("2024-09-02", hour), hours))
accused_in_a_case = st.fixed_dictionaries(
    {
        "person": st.integers(1, 3),
        "added": st.builds(lambda hour: local("2024-02-01", hour), hours),
        "charges": st.lists(
            st.tuples(st.sampled_from(sorted(OFFENCES)), charged), min_size=1, max_size=2
        ),
        "counsel": st.sampled_from([None, "defence", "public_defender"]),
        "indicted": moments,
        "convicted": verdicts,
        "moved": moved,
    }
)


def _one_each(accused: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A person is accused once in a case."""
    once: dict[int, dict[str, Any]] = {}
    for a in accused:
        once.setdefault(a["person"], a)
    return list(once.values())


histories = st.lists(
    st.lists(accused_in_a_case, min_size=1, max_size=3).map(_one_each), min_size=1, max_size=3
)


@pytest.mark.django_db
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=histories)
def test_on_random_histories_the_database_and_duckdb_agree(  # type: ignore[no-untyped-def]
    court: Court, tmp_path: Path, history
) -> None:
    with transaction.atomic():
        for accused in history:
            _case(court, accused)
        database, duck = _both(tmp_path / "extract.parquet")
        assert duck == database
        transaction.set_rollback(True)


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(1, 3)),
            st.sampled_from([dt.date(2024, 5, 10), dt.date(2024, 5, 11)]),
            st.integers(0, 4),
        ),
        max_size=30,
    )
)
def test_the_order_in_the_day_is_the_rank_of_the_moment(rows) -> None:  # type: ignore[no-untyped-def]
    people, days, at = zip(*rows, strict=True) if rows else ((), (), ())
    got = day_orders(
        pa.array(people, pa.int64()), pa.array(days, pa.date32()), pa.array(at, pa.int64())
    ).to_pylist()
    for (person, day, moment), order in zip(rows, got, strict=True):
        if person is None:
            assert order is None
        else:
            earlier = {m for p, d, m in rows if (p, d) == (person, day) and m < moment}
            assert order == len(earlier) + 1
