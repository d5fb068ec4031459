"""The measures ordered count the pretrial detention orders and the custodial sentences,
as their definition says, in a period where the measures module recorded no
non-custodial measure too (until 2026-12 such a period showed "nothing recorded": Costa
Rica 2025 in the demo, with 23 custody hearings ordering detention and 4 custodial
sentences). Only the non-custodial share waits for a non-custodial measure recorded: it
would read 0 %. Recorded through the real services, as the demo records them (the custody
hearing, then the judge's detention order; the verdict's ``custodial`` field), and
counted alike by the database, the pure functions and DuckDB over the extract."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from expediente.access.policy import Actor
from expediente.demo.generator import demo_user
from expediente.docket.models import Case, Court, Jurisdiction
from expediente.docket.services import case_open, event_record
from expediente.stats.catalogue import BY_ID
from expediente.stats.compute import indicator_compute
from expediente.stats.disclosure import Policy
from expediente.stats.indicators.base import Derived
from expediente.stats.publish import figure_publish, release_publish
from tests.stats.conftest import demo_scope

CODE = "prueba-medidas"
CLOCK = ZoneInfo("America/Costa_Rica")
ORDERS = {("custodial", "pretrial_detention"): 3, ("custodial", "custodial_sentence"): 1}


def local(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=CLOCK)


@pytest.fixture
def court(demo) -> Court:  # type: ignore[no-untyped-def]
    return Court.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="cr"),
        code=CODE,
        name="Juzgado de prueba",
        office_code="0994",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )


def _held_and_tried(court: Court, day: str, verdict: dict[str, Any]) -> Case:
    """A case whose accused is arrested, ordered held at the custody hearing, then tried
    (``verdict``: the verdict's outcome and sentence)."""
    actor = Actor.system(demo_user())
    start = dt.date.fromisoformat(day)

    def on(days: int, hour: int = 9) -> dt.datetime:
        return local((start + dt.timedelta(days=days)).isoformat(), hour)

    case = case_open(court=court, actor=actor, procedure="adult", occurred_at=on(0, 8)).event.case
    person = {"given_names": "A", "family_names": "B", "sex": "male"}
    until = (start + dt.timedelta(days=180)).isoformat()
    for type_, payload, at in (
        ("participant.added", {"role": "accused", "person": person}, on(0, 8)),
        ("charge.filed", {"accused": "P1", "offence": "CP-123"}, on(0, 8)),
        ("custody.arrested", {"person": "P1", "place": "San José", "flagrante": True}, on(0)),
        ("custody.placed_before_judge", {"person": "P1"}, on(0, 12)),
        ("custody.hearing_held", {"person": "P1", "outcome": "pretrial_detention"}, on(1)),
        (
            "custody.pretrial_ordered",
            {"person": "P1", "until": until, "grounds": "Peligro de fuga"},
            on(1, 10),
        ),
        ("indictment.filed", {"accused": "P1"}, on(30)),
        ("trial.committed", {}, on(40)),
        ("verdict.delivered", {"accused": "P1", **verdict}, on(60)),
    ):
        event_record(case=case, type=type_, payload=payload, actor=actor, occurred_at=at)
    return case


def _record(court: Court) -> None:
    prison = {"outcome": "convicted", "custodial": True, "sentence_months": 48}
    _held_and_tried(court, "2024-02-05", prison)
    free = {"outcome": "convicted", "custodial": False, "sentence_months": 12}
    _held_and_tried(court, "2024-03-04", free)  # a non-custodial sentence: no measure
    _held_and_tried(court, "2024-12-20", prison)  # detention in 2024, sentence in 2025


def test_detention_orders_and_custodial_sentences_are_measures_ordered(court: Court) -> None:
    _record(court)
    scope = demo_scope("2024-01-01", "2024-12-31", [CODE])
    for engine in ("sql", "pure"):
        assert indicator_compute("measures_ordered", scope, engine=engine) == ORDERS  # type: ignore[arg-type]
        share = indicator_compute("non_custodial_share", scope, engine=engine)  # type: ignore[arg-type]
        assert isinstance(share, Derived)
        assert share.value is None  # no non-custodial measure recorded: not 0 %
    assert indicator_compute("sentence_kinds", scope) == {("custodial",): 1, ("non_custodial",): 1}
    shown = Policy(threshold=1)  # small counts shown, to read the figure on the page
    figures = {f.indicator.id: f for f in release_publish(scope, shown)}
    assert (figures["measures_ordered"].status, figures["measures_ordered"].value) == ("ok", 4)
    assert figures["non_custodial_share"].status == "no_data"


def test_the_extract_counts_the_same_orders(court: Court, tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    from expediente.stats.extract import extract_case_ids, extract_write
    from expediente.stats.extract_queries import duckdb_indicators

    _record(court)
    scope = demo_scope("2024-01-01", "2024-12-31", [CODE])
    path = tmp_path / "extract.parquet"
    extract_write(scope, path)
    same_cases = dataclasses.replace(scope, cases=frozenset(extract_case_ids(scope)))
    duck = duckdb_indicators(path, scope.period.start, scope.period.end)
    assert duck["measures_ordered"] == indicator_compute("measures_ordered", same_cases) == ORDERS
    assert duck["non_custodial_share"].value is None


def test_a_recorded_measure_counts_beside_the_orders(court: Court) -> None:
    _record(court)
    case = Case.objects.filter(court=court).order_by("pk").first()
    assert case is not None
    event_record(
        case=case,
        type="measure.imposed",
        payload={
            "measure": "M1",
            "person": "P1",
            "kind": "periodic_reporting",
            "starts_on": "2024-06-01",
            "interval_days": 7,
            "report_place": "Juzgado de prueba",
        },
        actor=Actor.system(demo_user()),
        occurred_at=local("2024-06-01"),
    )
    scope = demo_scope("2024-01-01", "2024-12-31", [CODE])
    for engine in ("sql", "pure"):
        counts = indicator_compute("measures_ordered", scope, engine=engine)  # type: ignore[arg-type]
        assert counts == {**ORDERS, ("non_custodial", "periodic_reporting"): 1}
        share = indicator_compute("non_custodial_share", scope, engine=engine)  # type: ignore[arg-type]
        assert share.value == pytest.approx(20.0)  # type: ignore[union-attr]
    assert figure_publish(BY_ID["measures_ordered"], scope, Policy(threshold=1)).value == 5
