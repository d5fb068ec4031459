"""The UN-CTS breakdowns (sex, citizenship, age status) are counted from the accused
rows of the statistics projection, which repeat the person and the case so that the
flows need no join at 1M cases. They follow the record: a person accused in two cases
whose details are corrected in one is counted with the corrected details in both, a
corrected opening moves the case's accused to the corrected procedure, both engines
agree, and ``expediente rebuild --check`` finds the projection equal to a replay of the
log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from expediente.access.policy import Actor
from expediente.demo.generator import demo_user
from expediente.docket.models import Case, Court, Event, Jurisdiction
from expediente.docket.rebuild import rebuild
from expediente.docket.services import case_open, event_record
from expediente.docket.services.common import append
from expediente.rules.loader import load_pack
from expediente.stats.compute import indicator_compute, release
from tests.stats.conftest import demo_scope

X = {"uid": "person-bx", "given_names": "A", "family_names": "X", "sex": "male"}


def _at(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(15), tzinfo=dt.UTC)


@pytest.fixture
def court(demo) -> Court:  # type: ignore[no-untyped-def]
    return Court.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="cr"),
        code="prueba-desglose",
        name="Juzgado de prueba",
        office_code="0997",
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
    event_record(
        case=case,
        type="indictment.filed",
        payload={"accused": "P1"},
        actor=actor,
        occurred_at=_at(opened),
    )
    return case


def _correct_opening(case: Case, **changes: Any) -> None:
    """A correction of the opening, appended as an imported docket would (``event_record``
    does not take ``case.opened``)."""
    opening = Event.objects.get(case=case, seq=1)
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("court").get(pk=case.pk)
        append(
            case=locked,
            pack=load_pack(locked.court.rule_pack),
            type_name="case.opened",
            payload={**opening.payload, **changes},
            actor=Actor.system(demo_user()),
            occurred_at=opening.occurred_at,
            now=timezone.now(),
            corrects_seq=1,
            idempotency_key=None,
            digest="a correction of the opening",
        )


def _flows(ident: str) -> dict[tuple[str, ...], int]:
    scope = demo_scope("2024-01-01", "2024-12-31", ["prueba-desglose"])
    with release():
        sql = indicator_compute(ident, scope)
    assert sql == indicator_compute(ident, scope, engine="pure")
    assert isinstance(sql, dict)
    return sql


def test_the_breakdowns_follow_the_person_and_the_case(court: Court) -> None:
    first = _case(court, "2024-02-01", X)
    second = _case(court, "2024-03-01", X)  # the same person, accused again
    assert {k[1:]: n for k, n in _flows("formal_contact").items()} == {
        ("male", "adult", "unknown"): 1
    }

    # the person's details corrected in the second case: one person, with the corrected
    # details, under the breakdowns of the earlier case
    event_record(
        case=second,
        type="participant.added",
        payload={"role": "accused", "person": {**X, "sex": "female", "nationality": "CR"}},
        actor=Actor.system(demo_user()),
        occurred_at=_at("2024-03-01"),
        corrects_seq=2,
        correction_reason="Her sex and nationality were recorded wrong",
    )
    assert {k[1:]: n for k, n in _flows("formal_contact").items()} == {
        ("female", "adult", "national"): 1
    }
    assert {k[1:]: n for k, n in _flows("indicted").items()} == {("female", "adult", "national"): 1}

    # the first case's opening corrected to juvenile proceedings
    _correct_opening(first, procedure="juvenile")
    assert {k[1:]: n for k, n in _flows("formal_contact").items()} == {
        ("female", "juvenile", "national"): 1
    }
    result = rebuild(check=True)
    assert not [d for d in result.differences if d.table == "stats"], result.differences[:5]


def test_a_role_restated_by_a_correction_moves_the_person_in_or_out_of_the_accused(
    court: Court,
) -> None:
    from expediente.stats.models import AccusedFlow

    actor = Actor.system(demo_user())
    case = case_open(
        court=court, actor=actor, procedure="adult", occurred_at=_at("2024-04-01")
    ).event.case
    witness = {**X, "uid": "person-witness"}

    def added(role: str, corrects: int | None = None) -> None:
        event_record(
            case=case,
            type="participant.added",
            payload={"role": role, "person": witness},
            actor=actor,
            occurred_at=_at("2024-04-01"),
            corrects_seq=corrects,
            correction_reason="Recorded in the wrong role" if corrects is not None else None,
        )

    added("witness")  # a first statement of someone not accused: no accused row
    assert not AccusedFlow.objects.filter(case_id=case.pk).exists()
    added("accused", corrects=2)  # corrected: they were the accused
    assert list(AccusedFlow.objects.filter(case_id=case.pk).values_list("person_sex")) == [
        ("male",)
    ]
    added("witness", corrects=3)  # and back (a correction of the latest version)
    assert not AccusedFlow.objects.filter(case_id=case.pk).exists()
    result = rebuild(check=True)
    assert not [d for d in result.differences if d.table == "stats"], result.differences[:5]


def test_a_closed_period_keeps_its_breakdowns_when_a_first_charge_comes_later(
    court: Court,
) -> None:
    """The QA finding's case: accused (and indicted) on 1 October 2024 with no charge that
    year, charged with homicide (CP-111, ICCS 0101) on 1 February 2025. The 2024 tables
    said "no charge recorded" and still do; 2025 knows the charge."""
    case = _case(court, "2024-10-01", X)
    before = {ident: _flows(ident) for ident in ("formal_contact", "indicted")}
    assert before["formal_contact"] == {("none", "male", "adult", "unknown"): 1}
    event_record(
        case=case,
        type="charge.filed",
        payload={"accused": "P1", "offence": "CP-111"},
        actor=Actor.system(demo_user()),
        occurred_at=_at("2025-02-01"),
    )
    assert {ident: _flows(ident) for ident in ("formal_contact", "indicted")} == before
    result = rebuild(check=True)
    assert not [d for d in result.differences if d.table == "stats"], result.differences[:5]


def test_a_stateless_accused_is_counted_apart_from_nationals_and_foreigners(court: Court) -> None:
    _case(court, "2024-05-01", {**X, "uid": "person-stateless", "nationality": "stateless"})
    _case(court, "2024-05-02", {**X, "uid": "person-foreign", "nationality": "NI"})
    _case(court, "2024-05-03", {**X, "uid": "person-unknown"})
    # both engines (_flows compares them) put each in its own class
    assert {k[1:]: n for k, n in _flows("formal_contact").items()} == {
        ("male", "adult", "stateless"): 1,
        ("male", "adult", "foreign"): 1,
        ("male", "adult", "unknown"): 1,
    }
    result = rebuild(check=True)
    assert not [d for d in result.differences if d.table == "stats"], result.differences[:5]
