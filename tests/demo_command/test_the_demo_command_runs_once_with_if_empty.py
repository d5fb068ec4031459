"""`expediente demo --if-empty` (what `make run` calls) builds the caseload once."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from expediente.demo.management.commands import demo as demo_command
from expediente.demo.models import DemoRun
from expediente.docket.models import Case, Event

NOW = dt.datetime(2025, 11, 14, 15, 30, 42, 123, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """The command anchors a new caseload at the current minute; make that minute fixed."""
    monkeypatch.setattr(demo_command, "timezone", SimpleNamespace(now=lambda: NOW))


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_first_run_builds_the_caseload_up_to_the_current_minute(db):
    cases, events = Case.objects.count(), Event.objects.count()
    printed = run("--if-empty", "--cases", "3", "--seed", "5")
    assert printed.startswith(
        "Building the demo caseload: 3 cases, seed 5, up to 2025-11-14 15:30 UTC\n"
    )
    assert DemoRun.objects.get().anchor == NOW.replace(second=0, microsecond=0)
    # a caseload of another seed or anchor (tests/demo/conftest.py) may be there already
    assert Case.objects.count() == cases + 3
    new = Event.objects.count() - events
    assert new > 3
    assert f"{cases + 3} cases in 4 courts ({new} new events)" in printed


def test_the_second_run_does_nothing_but_print_the_accounts(db):
    run("--if-empty", "--cases", "3", "--seed", "5")
    events = Event.objects.count()
    printed = run("--if-empty", "--cases", "3", "--seed", "5")
    assert "Building" not in printed
    assert "Continuing" not in printed
    assert printed.startswith("The demo caseload is already loaded.\n")
    assert "Demo accounts (for this laptop only):" in printed
    assert Event.objects.count() == events


def test_without_if_empty_a_second_run_continues_and_adds_nothing(db):
    run("--cases", "3", "--seed", "5")
    events = Event.objects.count()
    printed = run("--cases", "3", "--seed", "5")
    assert printed.startswith("Continuing the demo caseload: 3 cases, seed 5, up to 2025-11-14")
    assert "(0 new events)" in printed
    assert Event.objects.count() == events


def test_a_negative_number_of_cases_is_refused(db):
    with pytest.raises(CommandError, match="--cases: give a number from 0 to 2,000,000"):
        run("--cases", "-1")
    assert not DemoRun.objects.exists()


def test_an_interrupted_if_empty_run_is_finished_by_the_next_one(db, monkeypatch):
    def interrupt_after_two(noun):
        def progress(done, total):
            if done == 2:
                raise KeyboardInterrupt

        return progress

    cases = Case.objects.count()
    with monkeypatch.context() as m:
        m.setattr(demo_command, "reporter", interrupt_after_two)
        with pytest.raises(CommandError, match="Run the same command again to continue"):
            run("--if-empty", "--cases", "5", "--seed", "5")
    assert Case.objects.count() == cases + 2
    run("--if-empty", "--cases", "5", "--seed", "5")
    assert Case.objects.count() == cases + 5


def test_if_empty_adds_no_demo_data_to_a_database_with_real_cases(db, open_case):
    open_case()
    printed = run("--if-empty", "--cases", "3", "--seed", "5")
    assert printed.startswith("The database already holds cases: no demo data added.")
    assert Case.objects.count() == 1
    assert not DemoRun.objects.exists()
