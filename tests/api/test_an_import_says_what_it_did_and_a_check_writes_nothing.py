"""``expediente import``: ``--check --create-user`` said "nothing was written" but had
made the account (before the rolled-back transaction), and told the dry run's user to
"run the same command again; the lines already in are skipped"; an interrupted import
counted the line it cut short as read but as nothing else, and did not say how many
lines it had not reached; ``--court nowhere`` said only ``no court 'nowhere'``. A check
now writes nothing at all and closes with words for a dry run; an interruption's counts
add up; an unknown court is answered as ``token create`` answers it (the close code,
the codes there are); a username Django would refuse makes no account."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from expediente.access.models import User
from expediente.docket.models import Case, Event
from tests.api.test_a_file_of_api_requests_can_be_imported import (
    EXAMPLE,
    GOOD_NOTE,
    refused,
    run,
    write,
)


def test_a_check_that_creates_its_account_leaves_no_account(court: Any) -> None:
    out, _err = run(EXAMPLE, "--user", "migracion-nueva", "--create-user", "--check")
    assert out.startswith("check import.jsonl: 7 lines, recorded as migracion-nueva")
    assert "7 recorded (cases opened: 1)" in out
    assert "checked only: nothing was written" in out
    assert not User.objects.filter(username="migracion-nueva").exists()
    assert not Case.objects.exists()
    assert not Event.objects.exists()


def test_a_check_with_refused_lines_leaves_no_account_and_is_told_to_check_again(
    court: Any, tmp_path: Any
) -> None:
    path = write(tmp_path, GOOD_NOTE, {"op": "event", "key": "bad"})
    out, _err, error = refused(path, "--user", "migracion-nueva", "--create-user", "--check")
    assert "checked only: nothing was written" in out
    assert str(error) == (
        "2 line(s) refused. Nothing was written (--check): correct them and check the file "
        "again, then run the command without --check to record it."
    )
    assert "lines already in are skipped" not in str(error)
    assert not User.objects.filter(username="migracion-nueva").exists()


def test_an_import_with_refused_lines_is_told_to_run_again(court: Any, tmp_path: Any) -> None:
    User.objects.create(username="migracion", is_system=True)
    path = write(tmp_path, {"op": "event", "key": "bad"})
    _out, _err, error = refused(path, "--user", "migracion")
    assert str(error) == (
        "1 line(s) refused. They changed nothing: correct them and run the same command "
        "again; the lines already in are skipped."
    )


@pytest.mark.parametrize("check", [False, True], ids=["import", "check"])
def test_an_interrupted_import_counts_the_line_it_cut_short_and_the_lines_not_reached(
    court: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch, check: bool
) -> None:
    User.objects.create(username="migracion", is_system=True)
    importer = importlib.import_module("expediente.api.importer")
    record = importer.import_record
    calls = 0

    def interrupted_at_the_fifth(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise KeyboardInterrupt  # as Ctrl-C does, in the middle of the line
        return record(*args, **kwargs)

    monkeypatch.setattr(importer, "import_record", interrupted_at_the_fifth)
    out, _err, error = refused(EXAMPLE, "--user", "migracion", *(["--check"] if check else []))
    assert error.returncode == 130
    summary = out.splitlines()[-1]
    said = (
        "5 records: 4 recorded (cases opened: 1), 0 already in, 0 refused, "
        "1 interrupted as it was being recorded; 2 of the 7 lines not reached"
    )
    assert summary == (f"{said}; checked only: nothing was written" if check else said)
    assert Event.objects.count() == (0 if check else 4)


def test_an_interrupted_import_between_lines_cuts_none_short(
    court: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    User.objects.create(username="migracion", is_system=True)
    command = importlib.import_module("expediente.api.management.commands.import")

    def interrupt_after_four(noun: str) -> Any:
        def progress(done: int, total: int) -> None:
            if done == 4:
                raise KeyboardInterrupt

        return progress

    monkeypatch.setattr(command, "reporter", interrupt_after_four)
    out, _err, _error = refused(EXAMPLE, "--user", "migracion")
    assert out.splitlines()[-1] == (
        "4 records: 4 recorded (cases opened: 1), 0 already in, 0 refused; "
        "3 of the 7 lines not reached"
    )


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("nowhere", "court: unknown court 'nowhere'; court codes: cartago-penal, sj-penal"),
        (
            "sj-penl",
            "court: unknown court 'sj-penl' (did you mean 'sj-penal'?); "
            "court codes: cartago-penal, sj-penal",
        ),
    ],
)
def test_an_unknown_court_is_answered_with_the_codes_there_are(
    court: Any, other_court: Any, given: str, said: str
) -> None:
    _out, _err, error = refused(EXAMPLE, "--user", "nuevo", "--create-user", "--court", given)
    assert str(error) == said
    assert not User.objects.filter(username="nuevo").exists()


@pytest.mark.parametrize("username", ["", "sistema anterior", "oij/sistema", "u" * 151])
def test_a_username_django_would_refuse_makes_no_account(court: Any, username: str) -> None:
    _out, _err, error = refused(EXAMPLE, "--user", username, "--create-user")
    assert str(error).startswith("user: ")
    assert "username" in str(error)
    assert not User.objects.exists()
    assert not Case.objects.exists()
