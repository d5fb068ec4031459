"""`expediente demo --if-empty` (what `make run` calls) builds the caseload once."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from expediente.access.models import User
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
    assert printed == (
        "The database already holds cases the demo did not make: no demo data or accounts added.\n"
    )
    assert Case.objects.count() == 1
    assert not DemoRun.objects.exists()


def test_without_if_empty_it_refuses_a_database_with_real_cases_and_writes_nothing(db, open_case):
    open_case()
    events = Event.objects.count()
    with pytest.raises(CommandError, match="this database holds cases the demo did not make"):
        run("--cases", "3", "--seed", "5")
    with pytest.raises(CommandError, match="Nothing was written"):
        run("--accounts")
    assert (Case.objects.count(), Event.objects.count()) == (1, events)
    assert not DemoRun.objects.exists()
    assert not User.objects.filter(username="admin").exists()


def test_a_courts_own_admin_keeps_its_password(db):
    """A court's administrator made with createsuperuser, before any case: the demo once
    gave that account its own printed password."""
    User.objects.create_superuser("admin", "it@court.example", "the court's own secret")
    with pytest.raises(CommandError, match=r"accounts the demo did not make \(admin\)"):
        run("--accounts")
    with pytest.raises(CommandError, match="accounts the demo did not make"):
        run("--cases", "3", "--seed", "5")
    assert User.objects.get(username="admin").check_password("the court's own secret")
    assert not Case.objects.exists()
    printed = run("--if-empty", "--cases", "3", "--seed", "5")
    assert "no demo data or accounts added" in printed
    assert User.objects.get(username="admin").check_password("the court's own secret")


def test_the_demos_own_accounts_do_not_stop_it(db):
    run("--accounts")  # on an empty database: the demo's accounts, nothing else
    printed = run("--cases", "2", "--seed", "5")
    assert "2 cases in" in printed


def test_a_courts_own_courts_set_up_before_any_case_are_left_alone(db):
    """Courts set up at /admin/ before the first case: the generator records into courts
    by their code, and would have put invented cases into a real court's record."""
    from expediente.docket.models import Court, Jurisdiction

    cr = Jurisdiction.objects.create(code="cr", name="Costa Rica", rule_pack="cr")
    Court.objects.create(
        jurisdiction=cr,
        code="sj-penal",
        name="Tribunal Penal de San José",
        office_code="0042",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )
    with pytest.raises(CommandError, match=r"courts the demo did not make \(sj-penal\)"):
        run("--cases", "3", "--seed", "5")
    assert not Case.objects.exists()
    assert not DemoRun.objects.exists()


def test_an_interrupted_accounts_run_leaves_no_account_and_the_next_run_works(db, monkeypatch):
    """Ctrl-C while the accounts were made left the first without its authenticator; the
    next run read it as a court's own account and refused the database."""
    from expediente.demo import accounts

    made = []
    authenticator = accounts._authenticator

    def interrupted_at_the_third(user):
        made.append(user.username)
        if len(made) == 3:
            raise KeyboardInterrupt
        return authenticator(user)

    with monkeypatch.context() as m:
        m.setattr(accounts, "_authenticator", interrupted_at_the_third)
        with pytest.raises(KeyboardInterrupt):
            run("--accounts")
    assert len(made) == 3
    assert not User.objects.filter(username__in=made).exists()
    printed = run("--accounts")
    assert "Demo accounts (for this laptop only):" in printed
    assert User.objects.filter(username__in=made).count() == 3
