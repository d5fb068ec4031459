"""An agency's webhook whose token is spent ends at the worker's next feed turn even
when nothing new is to be sent (it used to wait for the next entry), and the record of
POSTs is kept ``EXPEDIENTE_HOOK_ATTEMPTS_DAYS`` days, then deleted by the worker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from expediente.notify import worker as worker_module
from expediente.notify.agency_hooks import hooks_tidy
from expediente.notify.models import AgencyHook, AgencyHookAttempt
from expediente.notify.worker import run
from expediente.settings import count
from tests.notify.conftest import stop_after
from tests.notify.test_an_agencys_webhook_is_pushed_its_courts_entries import (
    ENDS,
    a_token,
    hook_to,
    push,
)


@pytest.mark.parametrize(("spend", "because"), list(ENDS.values()), ids=list(ENDS))
def test_a_spent_tokens_hook_ends_at_the_next_turn_with_nothing_to_send(
    accused_case, receiver, spend, because
):
    token = a_token("fiscalia")
    hook = hook_to(receiver, token)
    push()  # everything sent: nothing new is waiting
    spend(token)
    lines: list[str] = []
    run(feed_every=0.01, poll=0.01, stop=stop_after(2), log=lines.append, worker="w")
    hook.refresh_from_db()
    assert (hook.active, hook.ended_because) == (False, because)
    assert any("1 ended (token spent or no longer reading cases)" in line for line in lines), lines
    assert len(receiver.tried) == 1  # and nothing more was sent


def test_a_live_tokens_hook_is_left_alone(accused_case, receiver):
    hook = hook_to(receiver, a_token("fiscalia"))
    push()
    assert hooks_tidy(now=timezone.now()).ended == 0
    hook.refresh_from_db()
    assert hook.active


def attempts_aged(hook: AgencyHook, days: list[float]) -> None:
    now = timezone.now()
    for age in days:
        AgencyHookAttempt.objects.create(
            hook=hook,
            start=0,
            end=1,
            items=1,
            worker="w",
            started_at=now - dt.timedelta(days=age),
            duration_ms=1,
            outcome=AgencyHookAttempt.Outcome.RETRY,
        )


def ages(hook: AgencyHook) -> list[int]:
    now = timezone.now()
    return sorted((now - a.started_at).days for a in AgencyHookAttempt.objects.filter(hook=hook))


def test_attempts_older_than_the_days_kept_are_deleted(accused_case, receiver, settings):
    settings.EXPEDIENTE_HOOK_ATTEMPTS_DAYS = 90
    hook = hook_to(receiver, a_token("fiscalia"))
    attempts_aged(hook, [1, 89, 91, 400])
    done = hooks_tidy(now=timezone.now())
    assert (done.deleted, done.more) == (2, False)
    assert ages(hook) == [1, 89]


def test_zero_days_keeps_every_attempt(accused_case, receiver, settings):
    settings.EXPEDIENTE_HOOK_ATTEMPTS_DAYS = 0
    hook = hook_to(receiver, a_token("fiscalia"))
    attempts_aged(hook, [1, 400, 4000])
    assert hooks_tidy(now=timezone.now()).deleted == 0
    assert ages(hook) == [1, 400, 4000]


def test_a_long_backlog_is_deleted_in_bounded_turns(accused_case, receiver, settings, monkeypatch):
    settings.EXPEDIENTE_HOOK_ATTEMPTS_DAYS = 30
    monkeypatch.setattr("expediente.notify.agency_hooks.ATTEMPTS_DELETED_AT_ONCE", 2)
    hook = hook_to(receiver, a_token("fiscalia"))
    attempts_aged(hook, [100, 101, 102, 103, 104, 5])
    first = hooks_tidy(now=timezone.now(), batches=1)
    assert (first.deleted, first.more) == (2, True)  # the worker comes back at once
    second = hooks_tidy(now=timezone.now(), batches=5)
    assert (second.deleted, second.more) == (3, False)
    assert ages(hook) == [5]


def test_the_worker_deletes_old_attempts_at_its_feed_turn(
    accused_case, receiver, settings, monkeypatch
):
    settings.EXPEDIENTE_HOOK_ATTEMPTS_DAYS = 90
    monkeypatch.setattr(worker_module, "_next_attempts_tidy", 0.0)
    hook = hook_to(receiver, a_token("fiscalia"))
    push()
    attempts_aged(hook, [200, 300])
    lines: list[str] = []
    run(feed_every=0.01, poll=0.01, stop=stop_after(2), log=lines.append, worker="w")
    assert ages(hook) == [0]  # the page sent now stays; the old two are gone
    assert any("2 old attempt(s) deleted" in line for line in lines), lines


def test_the_attempts_tidy_waits_an_hour_between_runs(
    accused_case, receiver, settings, monkeypatch
):
    settings.EXPEDIENTE_HOOK_ATTEMPTS_DAYS = 90
    monkeypatch.setattr(worker_module, "_next_attempts_tidy", 0.0)
    hook = hook_to(receiver, a_token("fiscalia"))
    run(feed_every=0.01, poll=0.01, stop=stop_after(2), worker="w")
    attempts_aged(hook, [200])  # aged after the turn that tidied
    run(feed_every=0.01, poll=0.01, stop=stop_after(2), worker="w")
    assert 200 in ages(hook)  # not before the hour is up


@pytest.mark.parametrize("value", ["-1", "ninety", "1.5", "", "36501", "999999999"])
def test_a_bad_number_of_days_stops_start_up_naming_the_setting(value):
    with pytest.raises(ImproperlyConfigured, match="EXPEDIENTE_HOOK_ATTEMPTS_DAYS"):
        count("EXPEDIENTE_HOOK_ATTEMPTS_DAYS", value, 90, least=0, most=36_500)


def test_the_largest_number_of_days_allowed_still_tidies(accused_case, receiver, settings):
    settings.EXPEDIENTE_HOOK_ATTEMPTS_DAYS = 36_500
    hook = hook_to(receiver, a_token("fiscalia"))
    attempts_aged(hook, [1])
    assert hooks_tidy(now=timezone.now()).deleted == 0  # no overflow: nothing that old
