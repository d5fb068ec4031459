"""Fixtures for the statistics tests: the demo caseload once per package (rolled back at
the end), scopes over it, and a helper to build a scope by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import transaction

from expediente.demo.generator import DemoResult, generate
from expediente.stats.scope import Scope, scope_resolve

SEED = 7
CASES = 90
ANCHOR = dt.datetime(2025, 11, 14, 15, 30, tzinfo=dt.UTC)
TODAY = dt.date(2025, 11, 15)


@pytest.fixture(scope="package")
def caseload(django_db_setup: None, django_db_blocker) -> Iterator[DemoResult]:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield generate(cases=CASES, seed=SEED, anchor=ANCHOR)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(caseload: DemoResult, db: None) -> DemoResult:
    return caseload


def demo_scope(start: str, end: str, courts: list[str] | None = None) -> Scope:
    return scope_resolve(jurisdiction="cr", courts=courts, start=start, end=end, today=TODAY)


def record_firearm_homicide(court_code: str, at: dt.datetime, *, sex: str = "female") -> None:
    """A case charged with homicide by firearm (the demo has few), with one victim."""
    from expediente.access.policy import Actor
    from expediente.demo.generator import demo_user
    from expediente.docket.models import Court
    from expediente.docket.services import case_open, event_record

    actor = Actor.system(demo_user())
    case = case_open(
        court=Court.objects.get(code=court_code), actor=actor, procedure="adult", occurred_at=at
    ).event.case
    person = {"given_names": "A", "family_names": "B", "sex": "male"}
    for payload in (
        {"role": "accused", "person": person},
        {"role": "victim", "person": {"given_names": "C", "family_names": "D", "sex": sex}},
    ):
        event_record(
            case=case, type="participant.added", payload=payload, actor=actor, occurred_at=at
        )
    event_record(
        case=case,
        type="charge.filed",
        payload={"accused": "P1", "offence": "CP-111", "firearm": True},
        actor=actor,
        occurred_at=at + dt.timedelta(hours=2),
    )


def record_arrest(court_code: str, arrested: str, *, released: str) -> None:
    """A case with one accused, arrested and released without appearing before a judge
    (moments on the Costa Rican clock)."""
    from zoneinfo import ZoneInfo

    from expediente.access.policy import Actor
    from expediente.demo.generator import demo_user
    from expediente.docket.models import Court
    from expediente.docket.services import case_open, event_record

    def local(moment: str) -> dt.datetime:
        return dt.datetime.fromisoformat(moment).replace(tzinfo=ZoneInfo("America/Costa_Rica"))

    actor = Actor.system(demo_user())
    case = case_open(
        court=Court.objects.get(code=court_code),
        actor=actor,
        procedure="adult",
        occurred_at=local(arrested),
    ).event.case
    person = {"given_names": "A", "family_names": "B", "sex": "male"}
    added = event_record(
        case=case,
        type="participant.added",
        payload={"role": "accused", "person": person},
        actor=actor,
        occurred_at=local(arrested),
    )
    who = added.event.payload["participant"]
    for type_, moment, extra in (
        ("custody.arrested", arrested, {"place": "San José", "flagrante": True}),
        ("custody.released", released, {"reason": "no_charges"}),
    ):
        event_record(
            case=case,
            type=type_,
            payload={"person": who, **extra},
            actor=actor,
            occurred_at=local(moment),
        )


def record_death_in_custody(court_code: str, at: dt.datetime, *, sex: str = "female") -> None:
    """A case with one accused, arrested and, two hours later, dead in police custody
    (the demo records no death)."""
    from expediente.access.policy import Actor
    from expediente.demo.generator import demo_user
    from expediente.docket.models import Court
    from expediente.docket.services import case_open, event_record

    actor = Actor.system(demo_user())
    case = case_open(
        court=Court.objects.get(code=court_code), actor=actor, procedure="adult", occurred_at=at
    ).event.case
    person = {"given_names": "A", "family_names": "B", "sex": sex}
    added = event_record(
        case=case,
        type="participant.added",
        payload={"role": "accused", "person": person},
        actor=actor,
        occurred_at=at,
    )
    who = added.event.payload["participant"]
    for type_, hours in (("custody.arrested", 0), ("custody.died", 2)):
        event_record(
            case=case,
            type=type_,
            payload={"person": who},
            actor=actor,
            occurred_at=at + dt.timedelta(hours=hours),
        )
