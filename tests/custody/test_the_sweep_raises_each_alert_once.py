"""`expediente deadlines sweep` turns near and passed deadlines into Alert rows, exactly
once per alert key, however often it runs, in whatever windows, even interrupted."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from expediente.custody.models import Alert, Deadline, SweepMark
from expediente.custody.sweep import MARK, deadline_sweep
from tests.conftest import PERSON


def thresholds():
    return list(Alert.objects.order_by("at").values_list("threshold", flat=True))


@pytest.fixture
def arrested(accused_case, custody, at):
    """P1 arrested two days before NOW at 10:00: to be brought before a judge by
    10:00 the next day; alerts 6 h and 1 h before."""
    custody(accused_case, "arrested", at(2))
    return accused_case


def test_running_twice_raises_nothing_the_second_time(arrested, at):
    assert deadline_sweep(now=at(1, 5)).raised == 1
    assert deadline_sweep(now=at(1, 5)).raised == 0
    assert thresholds() == ["6h"]


def test_each_threshold_is_raised_once_across_windows(arrested, at):
    for moment in (at(1, 5), at(1, 6), at(1, 9, 30), at(1, 9, 45), at(1, 11), at(0, 8)):
        deadline_sweep(now=moment)
    assert thresholds() == ["6h", "1h", "due"]
    keys = list(Alert.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 3


def test_a_sweep_nobody_watches_counts_nothing(arrested, at):
    """The worker's sweep every minute reads the candidates only; the count of them is
    for the command's progress line."""
    with CaptureQueriesContext(connection) as quiet:
        assert deadline_sweep(now=at(1, 5)).raised == 1
    assert not [q for q in quiet.captured_queries if "COUNT(" in q["sql"].upper()]
    seen: list[tuple[int, int]] = []
    deadline_sweep(now=at(1, 6), progress=lambda done, total: seen.append((done, total)))
    assert seen  # the command's progress: how many of how many


def test_an_alert_key_is_the_engines(arrested, at):
    deadline_sweep(now=at(1, 11))
    alert = Alert.objects.get()
    deadline = Deadline.objects.get(rule_id="cr.presentation_to_judge")
    assert alert.key == f"{deadline.key}|20260301T160000Z|due"
    assert alert.deadline_key == deadline.key
    assert (alert.at, alert.due_at) == (deadline.due_at, deadline.due_at)


def test_it_records_who_is_to_be_alerted(arrested, at):
    deadline_sweep(now=at(1, 5))
    alert = Alert.objects.get()
    assert alert.who == ["judge", "prosecutor", "defence", "public_defender"]
    assert (alert.participant, alert.rule_id, alert.effect) == (
        "P1",
        "cr.presentation_to_judge",
        "alert",
    )


def test_when_several_thresholds_passed_only_the_latest_is_raised(arrested, at):
    deadline_sweep(now=at(0, 8))
    assert thresholds() == ["due"]


def test_a_met_deadline_raises_nothing(arrested, custody, at):
    custody(arrested, "placed_before_judge", at(2, 20))
    deadline_sweep(now=at(1, 11))
    assert not Alert.objects.filter(rule_id="cr.presentation_to_judge").exists()


def test_a_deadline_recorded_late_is_alerted_at_the_next_sweep(accused_case, custody, at):
    deadline_sweep(now=timezone.now())
    custody(accused_case, "arrested", at(5))  # recorded now, due four days ago
    result = deadline_sweep(now=timezone.now() + dt.timedelta(minutes=1))
    assert result.raised == 1
    assert thresholds() == ["due"]


def test_the_sweep_looks_only_at_deadlines_falling_due_or_changed(open_case, record, custody, at):
    for _ in range(4):
        case = open_case()
        record(case, "participant.added", {"role": "accused", "person": PERSON})
        custody(case, "arrested", at(1) - dt.timedelta(hours=2))
        custody(case, "pretrial_ordered", at(1))  # maximum in 12 months: far away
    first = timezone.now() + dt.timedelta(hours=1)
    deadline_sweep(now=first)
    # the review, the maximum and the order's own date (31 December 2027), for each
    assert Deadline.objects.filter(open=True).count() == 12
    later = deadline_sweep(now=first + dt.timedelta(days=1))
    assert later.deadlines == 0
    assert later.raised == 0


def test_an_interrupted_sweep_keeps_its_alerts_and_finishes_when_run_again(
    open_case, record, custody, at
):
    for _ in range(3):
        case = open_case()
        record(case, "participant.added", {"role": "accused", "person": PERSON})
        custody(case, "arrested", at(5))

    def interrupt(done, total):
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        deadline_sweep(now=at(0), progress=interrupt, batch=1)
    assert Alert.objects.count() == 1
    # the mark moves only when a run completes
    assert not SweepMark.objects.filter(name=MARK).exists()
    assert deadline_sweep(now=at(0)).raised == 2
    assert Alert.objects.count() == 3
    assert SweepMark.objects.get(name=MARK).swept_until == at(0)


def test_the_command_says_what_it_did(arrested):
    out = io.StringIO()
    call_command(
        "deadlines", "sweep", "--now", "2026-03-01T11:00:00-06:00", stdout=out, stderr=io.StringIO()
    )
    assert out.getvalue().startswith("swept 1 deadline(s) for the first time, up to 2026-03-01")
    assert out.getvalue().strip().endswith("1 alert(s) raised")


def test_the_command_refuses_a_time_without_an_offset(db):
    with pytest.raises(CommandError, match="has no UTC offset"):
        call_command("deadlines", "sweep", "--now", "2026-01-28T11:00", stderr=io.StringIO())
