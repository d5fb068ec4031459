"""`expediente deadlines sweep` turns a missed check-in (or any measure deadline near or
past) into an alert exactly once, the next working morning of the court (08:00 court
time, on a day the court works: not a weekend, a public holiday of the court's country
or a court closure), and queues it in the same transaction for the subscribers whose
role the rule names: the judge, the prosecutor and the defence, never the victim or the
accused. It reads only the measure deadlines that can have an alert in its window."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from expediente.custody.models import Alert, SweepMark
from expediente.custody.sweep import MARK, deadline_sweep
from expediente.measures.models import MeasureDeadline
from expediente.notify.models import Delivery, Notification
from tests.conftest import PERSON

CR = ZoneInfo("America/Costa_Rica")


def cr(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=CR)


def measure_alerts() -> list[Alert]:
    return list(Alert.objects.filter(rule_id__startswith="intl.measure.").order_by("at"))


@pytest.fixture
def reporting(accused_case, impose):
    """P1 must report weekly from Friday 6 February 2026: the first check-in is due by
    the end of Friday 13 February, and none is ever recorded."""
    impose(accused_case, "periodic_reporting", cr(2026, 2, 6))
    return accused_case


def test_a_missed_check_in_is_alerted_on_the_next_working_morning(reporting):
    (first, *_) = MeasureDeadline.objects.filter(case=reporting).order_by("due_at")
    assert first.due_on == dt.date(2026, 2, 13)  # a Friday; missed at Saturday 00:00
    assert deadline_sweep(now=cr(2026, 2, 14, 0, 1)).raised == 0  # Saturday night
    assert deadline_sweep(now=cr(2026, 2, 15, 12)).raised == 0  # Sunday
    assert deadline_sweep(now=cr(2026, 2, 16, 7, 59)).raised == 0  # Monday, before 08:00
    assert deadline_sweep(now=cr(2026, 2, 16, 8, 0)).raised == 1
    (alert,) = measure_alerts()
    assert alert.threshold == "due"
    assert alert.at == cr(2026, 2, 16, 8, 0)
    assert alert.due_at == first.due_at
    assert alert.deadline_key == first.key
    assert alert.key == f"{first.key}|20260214T060000Z|due"  # the engine's key
    assert (alert.participant, alert.court_id, alert.case_id) == (
        "P1",
        reporting.court_id,
        reporting.pk,
    )
    assert alert.who == ["judge", "prosecutor", "defence", "public_defender"]


def test_each_alert_is_raised_once_however_often_and_in_whatever_windows(reporting):
    moments = [cr(2026, 2, d, h) for d in range(13, 25) for h in (0, 7, 8, 9, 23)]
    raised = sum(deadline_sweep(now=m).raised for m in moments)
    keys = [a.key for a in measure_alerts()]
    assert raised == len(keys) == len(set(keys))
    # the check-in stays missed (the next week counts from the next check-in): one alert
    assert [a.at for a in measure_alerts()] == [cr(2026, 2, 16, 8)]
    assert deadline_sweep(now=cr(2026, 2, 24, 9)).raised == 0


def test_a_holiday_moves_the_alert_to_the_next_working_morning(open_case, record, impose):
    """Monday 15 September 2025 is Costa Rica's Independence Day (the court's calendar):
    a check-in missed on Friday 12 September is alerted on Tuesday 16 at 08:00."""
    case = open_case(occurred_at=cr(2025, 9, 1))
    record(
        case, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=cr(2025, 9, 1)
    )
    impose(case, "periodic_reporting", cr(2025, 9, 5))
    assert deadline_sweep(now=cr(2025, 9, 15, 12)).raised == 0
    assert deadline_sweep(now=cr(2025, 9, 16, 8)).raised == 1
    assert [a.at for a in measure_alerts()] == [cr(2025, 9, 16, 8)]


def test_a_check_in_made_before_the_morning_raises_nothing(reporting, comply):
    comply(reporting, "checked_in", cr(2026, 2, 14, 9))  # Saturday: late, but before Monday
    deadline_sweep(now=cr(2026, 2, 16, 9))
    assert measure_alerts() == []


def test_the_morning_is_a_setting(reporting, settings):
    settings.MEASURES_ALERT_MORNING = "07:30"
    assert deadline_sweep(now=cr(2026, 2, 16, 7, 30)).raised == 1
    assert measure_alerts()[0].at == cr(2026, 2, 16, 7, 30)


def test_community_service_is_alerted_before_its_last_day(accused_case, impose):
    """Thresholds before the due day (30 and 7 days) come on working mornings too."""
    impose(accused_case, "community_service", cr(2026, 1, 5), hours=40, due_on="2026-03-31")
    deadline_sweep(now=cr(2026, 3, 1, 12))  # Sunday 1 March: 30 days before is Sunday
    assert measure_alerts() == []
    deadline_sweep(now=cr(2026, 3, 2, 8))
    (alert,) = measure_alerts()
    assert (alert.threshold, alert.at) == ("30d", cr(2026, 3, 2, 8))


def test_the_alert_goes_to_the_judge_the_prosecutor_and_the_defence_only(reporting, record, follow):
    for role, given in (("judge", "Esteban"), ("prosecutor", "Marta"), ("defence", "Laura")):
        person = {"given_names": given, "family_names": "Solano", "sex": "female"}
        record(reporting, "participant.added", {"role": role, "person": person})
    follow(reporting, "P3", "email", "juez@poder-judicial.example", language="es")
    follow(reporting, "P4", "sms", "+506 8888 0004", language="es")
    follow(reporting, "P5", "email", "laura@bufete.example", language="en")
    follow(reporting, "P2", "email", "ana@example.org", language="es")  # the victim
    follow(reporting, "P1", "email", "jose@example.org", language="es")  # the accused
    deadline_sweep(now=cr(2026, 2, 16, 8))
    (alert,) = measure_alerts()
    notification = Notification.objects.get(key=f"alert:{alert.key}")
    addresses = sorted(
        Delivery.objects.filter(notification=notification).values_list("address", flat=True)
    )
    assert addresses == ["+50688880004", "juez@poder-judicial.example", "laura@bufete.example"]
    text = notification.rendered["en"]
    assert reporting.number in text["subject"]
    assert "not complied with" in text["subject"]
    assert "measure M1" in text["body"]
    assert "13 February 2026" in text["body"] or "13 February 2026" in text["body"]
    assert "not a time limit set by law" in text["body"]
    assert "Pérez" not in text["body"] + text["subject"]  # the accused is not named
    assert set(notification.rendered) == {"es", "en"}


def test_the_alert_and_its_notifications_commit_together(reporting, follow, record):
    record(
        reporting,
        "participant.added",
        {
            "role": "prosecutor",
            "person": {"given_names": "Marta", "family_names": "Ruiz", "sex": "female"},
        },
    )
    follow(reporting, "P3", "email", "fiscal@mp.example")
    deadline_sweep(now=cr(2026, 2, 16, 8))
    (alert,) = measure_alerts()
    assert Delivery.objects.filter(notification__key=f"alert:{alert.key}").count() == 1
    deadline_sweep(now=cr(2026, 2, 16, 9))
    assert Delivery.objects.filter(notification__kind="alert").count() == 1


def test_a_deadline_recorded_late_is_alerted_at_the_next_sweep(accused_case, impose):
    now = timezone.now()
    deadline_sweep(now=now)
    impose(accused_case, "periodic_reporting", now - dt.timedelta(days=20))  # missed long ago
    result = deadline_sweep(now=now + dt.timedelta(minutes=1))
    assert result.raised == 1
    assert [a.threshold for a in measure_alerts()] == ["due"]


def test_the_sweep_reads_only_measure_deadlines_falling_due_or_changed(open_case, record, impose):
    now = timezone.now()
    for _ in range(4):
        case = open_case(occurred_at=now - dt.timedelta(days=3))
        record(
            case,
            "participant.added",
            {"role": "accused", "person": PERSON},
            occurred_at=now - dt.timedelta(days=3),
        )
        impose(case, "periodic_reporting", now - dt.timedelta(days=1), interval_days=90)
    first = now + dt.timedelta(hours=1)
    deadline_sweep(now=first)
    assert MeasureDeadline.objects.filter(open=True).count() == 4
    later = deadline_sweep(now=first + dt.timedelta(days=1))
    assert later.deadlines == 0
    assert later.raised == 0
    assert SweepMark.objects.get(name=MARK).swept_until == first + dt.timedelta(days=1)
