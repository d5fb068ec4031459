from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from expediente.access.policy import Actor
from expediente.demo.generator import demo_user
from expediente.docket.models import Court, Jurisdiction
from expediente.docket.services import case_open, event_record
from expediente.stats.compute import indicator_compute
from expediente.stats.indicators.base import Derived
from expediente.stats.scope import scope_resolve

pytestmark = pytest.mark.django_db

CR = ZoneInfo("America/Costa_Rica")
COURT = "prueba-penal"
ACQUITTED = {"accused": "P1", "outcome": "acquitted"}
PERSON = {"uid": "person-held", "given_names": "A", "family_names": "X", "sex": "male"}


def on(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=CR)


def both(ident: str, start: str, end: str):  # type: ignore[no-untyped-def]
    """The indicator in the database and in pure Python, over this court's cases (beside
    the demo caseload), which must agree."""
    where = scope_resolve(
        jurisdiction="cr", courts=[COURT], start=start, end=end, today=dt.date(2026, 3, 2)
    )
    sql = indicator_compute(ident, where, engine="sql")
    pure = indicator_compute(ident, where, engine="pure")
    if isinstance(sql, Derived):
        assert isinstance(pure, Derived)
        assert (sql.numerator, sql.basis, sql.value) == (pure.numerator, pure.basis, pure.value)
    else:
        assert sql == pure
    return sql


def record(case: Any, type_name: str, payload: dict[str, Any], day: str, hour: int = 10) -> None:
    event_record(
        case=case,
        type=type_name,
        payload=payload,
        actor=Actor.system(demo_user()),
        occurred_at=on(day, hour),
    )


@pytest.fixture
def acquitted(demo) -> Any:  # type: ignore[no-untyped-def]
    """In a court of its own: P1 held in pretrial detention from 10 January 2026,
    acquitted on 20 January and still recorded as held (no release)."""
    court = Court.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="cr"),
        code=COURT,
        name="Juzgado de prueba",
        office_code="0998",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )
    case = case_open(
        court=court,
        actor=Actor.system(demo_user()),
        procedure="adult",
        occurred_at=on("2026-01-09"),
    ).event.case
    record(case, "participant.added", {"role": "accused", "person": PERSON}, "2026-01-09")
    record(case, "custody.arrested", {"person": "P1"}, "2026-01-10")
    order = {"person": "P1", "until": "2026-12-31", "grounds": "Peligro de fuga"}
    record(case, "custody.pretrial_ordered", order, "2026-01-11")
    record(case, "indictment.filed", {"accused": "P1"}, "2026-01-15")
    record(case, "trial.committed", {}, "2026-01-15", 11)
    record(case, "verdict.delivered", ACQUITTED, "2026-01-20")
    return case


def test_before_the_acquittal_the_person_is_unsentenced(acquitted) -> None:  # type: ignore[no-untyped-def]
    assert both("held_on_day", "2026-01-01", "2026-01-19") == {("unsentenced", "male"): 1}
    assert both("unsentenced_share", "2026-01-01", "2026-01-19").value == pytest.approx(100.0)
    # from the order, 11 January 10:00, to the end of 19 January
    assert both("time_held_unsentenced", "2026-01-01", "2026-01-19").value == pytest.approx(
        8 + 14 / 24
    )


def test_held_after_the_acquittal_the_person_counts_as_sentenced(acquitted) -> None:  # type: ignore[no-untyped-def]
    assert both("held_on_day", "2026-01-01", "2026-01-31") == {("sentenced", "male"): 1}
    share = both("unsentenced_share", "2026-01-01", "2026-01-31")
    assert (share.numerator, share.basis, share.value) == (0, 1, 0.0)
    assert both("time_held_unsentenced", "2026-01-01", "2026-01-31").value is None


def test_a_retrial_makes_the_person_held_unsentenced_again(acquitted) -> None:  # type: ignore[no-untyped-def]
    record(acquitted, "retrial.ordered", {}, "2026-02-05")
    assert both("held_on_day", "2026-01-01", "2026-01-31") == {("sentenced", "male"): 1}
    assert both("held_on_day", "2026-02-01", "2026-02-28") == {("unsentenced", "male"): 1}
    # counted from the retrial: 5 February 10:00 to the end of 28 February
    days = both("time_held_unsentenced", "2026-02-01", "2026-02-28").value
    assert days == pytest.approx(23 + 14 / 24)


def test_juveniles_deprived_of_liberty_count_them_as_sentenced_too(acquitted) -> None:  # type: ignore[no-untyped-def]
    from expediente.docket.models import Case
    from expediente.stats.models import AccusedFlow

    # the case tried under the juvenile procedure (the projection repeats it)
    Case.objects.filter(pk=acquitted.pk).update(procedure="juvenile")
    AccusedFlow.objects.filter(case_id=acquitted.pk).update(case_procedure="juvenile")
    assert both("juveniles_deprived", "2026-01-01", "2026-01-19") == {("unsentenced", "male"): 1}
    assert both("juveniles_deprived", "2026-01-01", "2026-01-31") == {("sentenced", "male"): 1}
