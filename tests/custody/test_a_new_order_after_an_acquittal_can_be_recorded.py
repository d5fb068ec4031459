"""An acquittal ends the ground the detention order gave (``periods.read_held``): a new
detention order for the person still held (on the prosecution's appeal, say) is a new
ground, not a second order while one is in force, so it is recorded, holds them in
pretrial detention and stops the release watch the acquittal opened. While the order is
in force (no acquittal, or a conviction since) a second order is still refused."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.custody import periods
from expediente.custody.models import CustodyPeriod
from expediente.docket.errors import InvalidInput
from tests.custody.conftest import CR, deadlines_of

pytestmark = pytest.mark.django_db

RULE = "intl.release_on_order_end"
ACQUITTED = {"accused": "P1", "outcome": "acquitted"}


@pytest.fixture
def acquitted(accused_case, custody, record, to_trial, at):
    """P1 arrested, ordered detained, acquitted ten days ago and still recorded as held."""
    custody(accused_case, "arrested", at(40, 8))
    custody(accused_case, "pretrial_ordered", at(39))
    to_trial(accused_case, at(30))
    record(accused_case, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    return accused_case


def test_a_new_order_after_an_acquittal_is_recorded_and_stops_the_release_watch(
    acquitted, custody, at
):
    [watch] = deadlines_of(acquitted, RULE)
    assert watch.open
    assert watch.start_type == "verdict.delivered"
    custody(acquitted, "pretrial_ordered", at(10, 18), grounds="Apelación del Ministerio Público")
    [watch] = deadlines_of(acquitted, RULE)
    assert not watch.open
    assert watch.stopped_type == "custody.pretrial_ordered"
    current = CustodyPeriod.objects.get(case=acquitted, ended_at=None)
    assert current.kind == "pretrial"


def test_the_new_order_is_in_force_a_third_is_refused(acquitted, custody, at):
    custody(acquitted, "pretrial_ordered", at(10, 18))
    with pytest.raises(InvalidInput) as exc:
        custody(acquitted, "pretrial_ordered", at(9))
    [error] = exc.value.errors
    assert error["field"] == "payload.person"
    assert "already in pretrial detention" in error["message"]


def test_a_second_order_while_the_first_is_in_force_is_still_refused(accused_case, custody, at):
    custody(accused_case, "arrested", at(40, 8))
    custody(accused_case, "pretrial_ordered", at(39))
    with pytest.raises(InvalidInput) as exc:
        custody(accused_case, "pretrial_ordered", at(20))
    assert "already in pretrial detention" in exc.value.errors[0]["message"]


def test_after_a_conviction_since_the_acquittal_a_new_order_is_refused():
    # acquitted, then convicted (a retrial, say): the person is held as convicted, and
    # the order in force is no ground that an acquittal ended
    moment = dt.datetime(2026, 1, 5, 10, tzinfo=CR)

    def step(n: int, type_name: str, **payload: object) -> periods.Step:
        return periods.Step(n, type_name, moment + dt.timedelta(days=n), payload)

    steps = [
        step(1, periods.ARRESTED, person="P1"),
        step(2, periods.ORDERED, person="P1"),
        step(3, periods.VERDICT, accused="P1", outcome="acquitted"),
        step(4, periods.RETRIAL),
        step(5, periods.VERDICT, accused="P1", outcome="convicted", custodial=True),
        step(6, periods.ORDERED, person="P1"),
    ]
    with pytest.raises(periods.Refusal) as exc:
        periods.read(steps, tz=CR, strict=True)
    assert exc.value.step.seq == 6
    assert "already in pretrial detention" in exc.value.message
    # without the conviction, the same order is a new ground
    assert periods.read([*steps[:3], steps[5]], tz=CR, strict=True)[-1].kind == "pretrial"
