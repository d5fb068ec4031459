"""A running worker also runs the deadline sweep on a schedule: a check-in missed on
Friday becomes, on Monday morning, an alert and a message to the prosecutor, with no
cron job; a sweep that fails is logged and the worker goes on delivering, trying the
sweep again at its next turn, except for a bad setting, which stops its sweeps and is
said once."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from expediente.custody.models import Alert
from expediente.docket.models import Court
from expediente.notify.worker import run
from tests.notify.conftest import impose_weekly_reporting, stop_after

CR = ZoneInfo("America/Costa_Rica")
MONDAY_MORNING = dt.datetime(2026, 2, 16, 8, 5, tzinfo=CR)
HEARING = {"hearing": "H1", "kind": "trial", "starts_at": "2026-04-10T09:00:00-06:00"}


def test_a_missed_check_in_reaches_the_prosecutor_through_the_worker_alone(
    accused_case, record, follow, receiver
):
    prosecutor = {"given_names": "Marta", "family_names": "Ruiz", "sex": "female"}
    record(accused_case, "participant.added", {"role": "prosecutor", "person": prosecutor})
    follow(accused_case, "P3", "sms", "+506 8888 3333", language="es")
    impose_weekly_reporting(record, accused_case)
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
    impose_weekly_reporting(record, accused_case)
    run(once=True, clock=lambda: MONDAY_MORNING)
    assert not Alert.objects.exists()


def test_a_bad_setting_stops_the_sweep_said_once_and_delivery_goes_on(
    accused_case, follow, record, receiver, settings
):
    follow(accused_case, "P2", "sms", "+506 8888 2222")
    settings.MEASURES_ALERT_MORNING = "not a time"  # the sweep cannot work with it
    impose_weekly_reporting(record, accused_case)
    lines: list[str] = []
    run(stop=stop_after(4), poll=0.05, sweep_every=0.01, log=lines.append)
    said = [line for line in lines if "deadline sweep" in line]
    assert len(said) == 1  # not at every turn
    assert "MEASURES_ALERT_MORNING" in said[0]
    assert not Alert.objects.exists()
    # the victim's phone still gets the news of the measure, sent by this worker
    (sms,) = receiver.received("/sms")
    assert sms.json()["to"] == "+50688882222"
    assert accused_case.number in sms.json()["text"]


def test_a_sweep_that_fails_is_logged_and_tried_again_at_the_next_turn(
    accused_case, jurisdiction, follow, record, receiver
):
    follow(accused_case, "P2", "sms", "+506 8888 2222")
    record(accused_case, "hearing.scheduled", HEARING)
    # a court whose rule pack is not installed: every sweep fails on it
    Court.objects.create(
        jurisdiction=jurisdiction,
        code="lost-pack",
        name="Juzgado sin reglas",
        office_code="0999",
        timezone="America/Costa_Rica",
        rule_pack="no-such-pack",
    )
    lines: list[str] = []
    # Six turns of the loop's stop() include one poll's sleep (0.05 s, longer than the
    # sweep's 0.01 s), so a second sweep is due however fast the first delivery was
    # (with three, a fast machine delivered within 0.01 s and never swept again).
    run(stop=stop_after(6), poll=0.05, sweep_every=0.01, log=lines.append)
    failed = [line for line in lines if "deadline sweep failed, will retry" in line]
    assert len(failed) >= 2  # tried again
    (sms,) = receiver.received("/sms")  # and the hearing's news went out all the same
    assert accused_case.number in sms.json()["text"]
