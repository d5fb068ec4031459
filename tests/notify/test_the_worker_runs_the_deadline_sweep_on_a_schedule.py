"""A running worker also runs the deadline sweep on a schedule: a check-in missed on
Friday becomes, on Monday morning, an alert and a message to the prosecutor, with no
cron job; a sweep that fails is logged and the worker goes on delivering."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from expediente.custody.models import Alert
from expediente.notify.models import Delivery
from expediente.notify.worker import run

CR = ZoneInfo("America/Costa_Rica")
MONDAY_MORNING = dt.datetime(2026, 2, 16, 8, 5, tzinfo=CR)


def stop_after(turns: int):
    count = {"n": 0}

    def stop() -> bool:
        count["n"] += 1
        return count["n"] > turns

    return stop


def test_a_missed_check_in_reaches_the_prosecutor_through_the_worker_alone(
    accused_case, record, follow, receiver
):
    prosecutor = {"given_names": "Marta", "family_names": "Ruiz", "sex": "female"}
    record(accused_case, "participant.added", {"role": "prosecutor", "person": prosecutor})
    follow(accused_case, "P3", "sms", "+506 8888 3333", language="es")
    record(
        accused_case,
        "measure.imposed",
        {
            "measure": "M1",
            "person": "P1",
            "kind": "periodic_reporting",
            "interval_days": 7,
            "starts_on": "2026-02-06",
        },
        occurred_at=dt.datetime(2026, 2, 6, 10, tzinfo=CR),
    )
    lines: list[str] = []
    run(
        stop=stop_after(3),
        poll=0.05,
        sweep_every=0.01,
        clock=lambda: MONDAY_MORNING,
        log=lines.append,
    )
    (alert,) = Alert.objects.filter(rule_id="intl.measure.reporting")
    assert alert.at == dt.datetime(2026, 2, 16, 8, tzinfo=CR)
    (sms,) = receiver.received("/sms")
    assert sms.json()["to"] == "+50688883333"
    assert accused_case.number in sms.json()["text"]
    assert any("raised 1 alert" in line for line in lines)


def test_without_a_schedule_the_worker_only_delivers(accused_case, record):
    record(
        accused_case,
        "measure.imposed",
        {
            "measure": "M1",
            "person": "P1",
            "kind": "periodic_reporting",
            "interval_days": 7,
            "starts_on": "2026-02-06",
        },
        occurred_at=dt.datetime(2026, 2, 6, 10, tzinfo=CR),
    )
    run(once=True, clock=lambda: MONDAY_MORNING)
    assert not Alert.objects.exists()


def test_a_failing_sweep_is_logged_and_delivery_goes_on(accused_case, follow, record, settings):
    follow(accused_case, "P2", "inbox")
    settings.MEASURES_ALERT_MORNING = "not a time"  # the sweep will fail on it
    record(
        accused_case,
        "measure.imposed",
        {
            "measure": "M1",
            "person": "P1",
            "kind": "periodic_reporting",
            "interval_days": 7,
            "starts_on": "2026-02-06",
        },
        occurred_at=dt.datetime(2026, 2, 6, 10, tzinfo=CR),
    )
    lines: list[str] = []
    run(
        stop=stop_after(2),
        poll=0.05,
        sweep_every=0.01,
        clock=lambda: MONDAY_MORNING,
        log=lines.append,
    )
    assert any(
        "deadline sweep failed, will retry" in line and "MEASURES_ALERT_MORNING" in line
        for line in lines
    )
    assert Delivery.objects.filter(status=Delivery.Status.SENT).exists()
