"""A correction restates the event it corrects: the statistics count the corrected
verdict, never the mistaken one, and never twice; persons accused or convicted in several
cases count once (UN-CTS counts persons). Recorded through the real services in a court
of its own, against counts done by hand; ``expediente rebuild --check`` finds the
statistics projection equal to a replay of the log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from expediente.access.policy import Actor
from expediente.demo.generator import demo_user
from expediente.docket.models import Court, Jurisdiction
from expediente.docket.rebuild import rebuild
from expediente.docket.services import case_open, event_record
from expediente.stats.compute import indicator_compute
from expediente.stats.indicators.base import Derived
from tests.stats.conftest import demo_scope

X = {"uid": "person-x", "given_names": "A", "family_names": "X", "sex": "male"}
Y = {"uid": "person-y", "given_names": "B", "family_names": "Y", "sex": "female"}


def _at(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(15), tzinfo=dt.UTC)


@pytest.fixture
def court(demo) -> Court:  # type: ignore[no-untyped-def]
    return Court.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="cr"),
        code="prueba-penal",
        name="Juzgado de prueba",
        office_code="0998",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )


def _case(court: Court, opened: str, person: dict[str, str]) -> Any:
    actor = Actor.system(demo_user())
    case = case_open(
        court=court, actor=actor, procedure="adult", occurred_at=_at(opened)
    ).event.case
    event_record(
        case=case,
        type="participant.added",
        payload={"role": "accused", "person": person},
        actor=actor,
        occurred_at=_at(opened),
    )
    for type_, payload in (("indictment.filed", {"accused": "P1"}), ("trial.committed", {})):
        event_record(case=case, type=type_, payload=payload, actor=actor, occurred_at=_at(opened))
    return case


def _verdict(case: Any, day: str, outcome: str, corrects: int | None = None) -> int:
    recorded = event_record(
        case=case,
        type="verdict.delivered",
        payload={"accused": "P1", "outcome": outcome, "custodial": False},
        actor=Actor.system(demo_user()),
        occurred_at=_at(day),
        corrects_seq=corrects,
        correction_reason="The outcome was recorded wrong" if corrects is not None else None,
    )
    return recorded.event.seq


def _total(ident: str) -> int:
    result = indicator_compute(ident, demo_scope("2024-01-01", "2024-12-31", ["prueba-penal"]))
    assert isinstance(result, dict)
    return sum(result.values())


def test_a_corrected_verdict_counts_as_corrected_and_persons_once(court: Court) -> None:
    a = _case(court, "2024-02-01", X)
    seq = _verdict(a, "2024-03-01", "convicted")
    _verdict(a, "2024-03-05", "acquitted", corrects=seq)  # the conviction was a mistake
    b = _case(court, "2024-04-01", X)
    seq = _verdict(b, "2024-05-01", "convicted")
    seq = _verdict(b, "2024-06-01", "convicted", corrects=seq)
    _verdict(b, "2025-01-10", "convicted", corrects=seq)  # a correction of the correction
    c = _case(court, "2024-04-02", Y)
    _verdict(c, "2024-07-01", "convicted")
    for opened, day in (("2024-04-03", "2024-08-01"), ("2024-04-04", "2024-09-01")):
        _verdict(_case(court, opened, X), day, "convicted")

    assert _total("incoming") == 5
    # a on its corrected day, c and the two last; b's verdict was moved to 2025
    assert _total("resolved") == 4
    assert _total("pending_end") == 1
    # X (twice in 2024, once only after corrections) and Y: two persons, not three
    # convictions, and a's corrected conviction not at all
    assert _total("convicted") == 2
    assert _total("formal_contact") == 2  # five accused-in-a-case, two persons
    assert _total("indicted") == 2
    assert _total("sentence_kinds") == 3  # verdicts, not persons: c and the two last
    rate = indicator_compute(
        "clearance_rate", demo_scope("2024-01-01", "2024-12-31", ["prueba-penal"])
    )
    assert isinstance(rate, Derived)
    assert rate.value == pytest.approx(80.0)
    result = rebuild(check=True)
    assert not [d for d in result.differences if d.table == "stats"], result.differences[:5]
