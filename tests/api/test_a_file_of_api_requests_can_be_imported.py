"""`expediente import FILE --user U`: a JSON Lines file of the API's write requests,
recorded through the one write path, each line alone; refused lines are named with
their field and rule and change nothing; a second run records nothing twice."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from expediente.access.models import User
from expediente.docket.models import Case, Event
from tests.api.helpers import API, post_json, problem

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "import.jsonl"
NUMBER = "26-004711-0042-PE"
CASE = {"court": "sj-penal", "number": NUMBER}
PAST = "2026-10-02T10:00:00-06:00"


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(path: Path, *args: str) -> tuple[str, str, CommandError]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), caught.value


def write(tmp_path: Path, *lines: Any, name: str = "lines.jsonl") -> Path:
    path = tmp_path / name
    with path.open("wb") as f:
        for line in lines:
            if isinstance(line, bytes):
                f.write(line + b"\n")
            elif isinstance(line, str):
                f.write(line.encode() + b"\n")
            else:
                f.write(json.dumps(line, ensure_ascii=False).encode() + b"\n")
    return path


@pytest.fixture
def importer_account(db: None) -> User:
    return User.objects.create(username="migracion", is_system=True)


@pytest.fixture
def imported(court: Any, importer_account: User) -> Case:
    """The example file of docs/import.md, imported once."""
    run(EXAMPLE, "--user", "migracion")
    return Case.objects.get(court=court, number=NUMBER)


def test_the_example_file_opens_a_case_with_its_people_charge_and_custody(
    court: Any, importer_account: User
) -> None:
    out, _err = run(EXAMPLE, "--user", "migracion")
    assert "7 records: 7 recorded (cases opened: 1), 0 already in, 0 refused" in out
    case = Case.objects.get(court=court, number=NUMBER)
    assert case.police_report == "OIJ-2026-0815"
    assert case.roster["participants"] == {"P1": "accused", "P2": "victim"}
    assert case.roster["charges"] == ["C1"]
    events = list(Event.objects.filter(case=case).order_by("seq"))
    assert [e.type for e in events] == [
        "case.opened",
        "participant.added",
        "participant.added",
        "charge.filed",
        "custody.arrested",
        "custody.placed_before_judge",
        "note.added",
    ]
    assert {e.actor_id for e in events} == {importer_account.pk}
    assert events[3].payload["iccs"]  # the catalogue's ICCS code, as through the API
    assert events[4].occurred_at == dt.datetime(2026, 10, 1, 4, 40, tzinfo=dt.UTC)
    assert events[2].payload["protected"] is True


def test_the_imported_case_reads_as_any_other_through_the_api(
    imported: Case, api_clerk: Client
) -> None:
    body = api_clerk.get(f"{API}/cases/{imported.nuid}").json()
    assert body["number"] == NUMBER
    assert body["last_seq"] == 7
    assert [e["type"] for e in body["recent_events"]][-1] == "note.added"


def test_running_the_file_again_records_nothing_more(imported: Case) -> None:
    events = Event.objects.count()
    out, _err = run(EXAMPLE, "--user", "migracion")
    assert "7 records: 0 recorded (cases opened: 0), 7 already in, 0 refused" in out
    assert Event.objects.count() == events


def test_an_interrupted_import_goes_on_where_it_stopped(
    court: Any, importer_account: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = importlib.import_module("expediente.api.management.commands.import")

    def interrupt_after_four(noun: str) -> Any:
        def progress(done: int, total: int) -> None:
            if done == 4:
                raise KeyboardInterrupt

        return progress

    with monkeypatch.context() as m:
        m.setattr(command, "reporter", interrupt_after_four)
        out, _err, error = refused(EXAMPLE, "--user", "migracion")
    assert error.returncode == 130
    assert "interrupted after line 4 of 7" in str(error)
    assert "Run the same command again to go on" in str(error)
    case = Case.objects.get(court=court, number=NUMBER)
    assert case.last_seq == 4
    out, _err = run(EXAMPLE, "--user", "migracion")
    assert "7 records: 3 recorded (cases opened: 0), 4 already in, 0 refused" in out
    case.refresh_from_db()
    assert case.last_seq == 7


GOOD_NOTE = {
    "op": "event",
    "key": "note-ok",
    "case": CASE,
    "type": "note.added",
    "occurred_at": PAST,
    "payload": {"text": "Bien"},
}


def _note(**changes: Any) -> dict[str, Any]:
    line = dict(GOOD_NOTE, key="bad-line") | changes
    return {k: v for k, v in line.items() if v is not None}


BAD_LINES: list[tuple[str, Any, str, str | None, str]] = [
    # (what, the line, title, failing field, part of the message)
    ("not JSON", "{op: open}", "Malformed JSON", None, "the line is not valid JSON"),
    ("not an object", "[1, 2]", "Invalid input", "line", "must be a JSON object"),
    ("NaN", '{"op": "event", "key": "k", "n": NaN}', "Malformed JSON", None, "NaN"),
    ("a key twice", '{"op": "event", "op": "open"}', "Malformed JSON", None, "appears twice"),
    ("not UTF-8", b'{"op": "event", "key": "\xff"}', "Malformed JSON", None, "not UTF-8"),
    (
        "a lone surrogate",
        '{"op": "event", "key": "k", "case": "x", "payload": {"text": "\\ud800"}}',
        "Malformed JSON",
        None,
        "lone UTF-16 surrogate",
    ),
    ("an unknown op", _note(op="delete"), "Invalid input", "op", "must be one of open"),
    ("no key", _note(key=None), "Invalid input", "key", "is required"),
    ("a key that is a number", _note(key=17), "Invalid input", "key", "must be a text"),
    ("an empty key", _note(key=""), "Invalid input", "key", "1 to 200 printable"),
    ("a key with a newline", _note(key="a\nb"), "Invalid input", "key", "1 to 200 printable"),
    ("an unknown field", _note(colour="red"), "Invalid input", "colour", "not a known field"),
    ("a date that is no date", _note(occurred_at="ayer"), "Invalid input", "occurred_at", ""),
    (
        "a local time without its offset",
        _note(occurred_at="2026-10-02T10:00:00"),
        "Invalid input",
        "occurred_at",
        "without its UTC offset",
    ),
    (
        "a Unix time",
        _note(occurred_at=1790956800),
        "Invalid input",
        "occurred_at",
        "must be a date and time with its UTC offset",
    ),
    (
        "an offset no clock keeps",
        _note(occurred_at="2026-10-02T10:00:00+16:00"),
        "Invalid input",
        "occurred_at",
        "-12:00 to +14:00",
    ),
    ("no case", _note(case=None), "Invalid input", "case", "is required"),
    ("an unknown nuid", _note(case="CR-0000-NOPE"), "Not found", "case", "no such case"),
    (
        "an unknown number",
        _note(case={"court": "sj-penal", "number": "26-999999-0042-PE"}),
        "Not found",
        "case",
        "no such case",
    ),
    ("a case given as a list", _note(case=["sj-penal"]), "Invalid input", "case", "nuid"),
    (
        "an unknown event type",
        _note(type="custody.teleported"),
        "Invalid input",
        "type",
        "custody.teleported",
    ),
    (
        "a type the stage does not allow",
        _note(type="verdict.delivered", payload={"accused": "P1", "outcome": "convicted"}),
        "Not allowed in the current stage",
        "type",
        "",
    ),
    (
        "a payload field missing",
        _note(payload={}),
        "Invalid input",
        "payload.text",
        "required",
    ),
    (
        "the future",
        _note(occurred_at=(timezone.now() + dt.timedelta(days=3)).isoformat()),
        "Invalid input",
        "occurred_at",
        "future",
    ),
    (
        "a key used before for another request",
        _note(key="note-ok", payload={"text": "Otro texto"}),
        "Idempotency key reused with a different request",
        "key",
        "already used",
    ),
    (
        "a charge of an offence not in the catalogue",
        {
            "op": "charge",
            "key": "bad-line",
            "case": CASE,
            "accused": "P1",
            "offence": "CP-9999",
            "occurred_at": PAST,
        },
        "Invalid input",
        "offence",
        "not in the offence catalogue",
    ),
    (
        "an open line that names a case",
        {
            "op": "open",
            "key": "bad-line",
            "case": CASE,
            "court": "sj-penal",
            "procedure": "adult",
            "occurred_at": PAST,
        },
        "Invalid input",
        "case",
        "not a field of op 'open'",
    ),
    (
        "an open line in an unknown court",
        {
            "op": "open",
            "key": "bad-line",
            "court": "luna-penal",
            "procedure": "adult",
            "occurred_at": PAST,
        },
        "Invalid input",
        "court",
        "unknown court",
    ),
    (
        "a sealing order without --seal",
        _note(type="case.sealed", payload={"grounds": "Orden del juez"}),
        "Permission denied",
        None,
        "case.sealed",
    ),
]


@pytest.mark.parametrize(
    ("line", "title", "field", "says"),
    [case[1:] for case in BAD_LINES],
    ids=[case[0] for case in BAD_LINES],
)
def test_a_bad_line_is_named_with_its_field_and_changes_nothing(
    imported: Case, tmp_path: Path, line: Any, title: str, field: str | None, says: str
) -> None:
    run(write(tmp_path, GOOD_NOTE, name="first.jsonl"), "--user", "migracion")
    events, cases = Event.objects.count(), Case.objects.count()
    report = tmp_path / "refused.jsonl"
    path = write(tmp_path, "", line, GOOD_NOTE | {"key": "note-after"})
    out, err, error = refused(path, "--user", "migracion", "--errors", str(report))
    assert "3 records" not in out  # the blank line is not a record
    assert "2 records: 1 recorded (cases opened: 0), 0 already in, 1 refused" in out
    assert "1 line(s) refused" in str(error)
    assert f"all of them are in {report}" in str(error)
    first = err.splitlines()[0]
    assert first.startswith("line 2")
    assert f": {title}: " in first
    if isinstance(line, dict) and line.get("key") == "bad-line":
        assert first.startswith(f"line 2 (key 'bad-line'): {title}: ")
    (written,) = [json.loads(x) for x in report.read_text().splitlines()]
    assert written["line"] == 2
    assert written["title"] == title
    if field is not None:
        assert field in [e["field"] for e in written["errors"]], written
        assert f"\n    {field}: " in err
    assert says in err
    # the bad line wrote nothing; the line after it was recorded
    assert Case.objects.count() == cases
    assert Event.objects.count() == events + 1
    assert Event.objects.filter(idempotency_key="note-after").exists()


def test_a_line_longer_than_the_api_takes_is_refused_and_the_next_one_read(
    imported: Case, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    events = Event.objects.count()
    long_note = GOOD_NOTE | {"key": "long", "payload": {"text": "x" * 5_000}}
    path = write(tmp_path, long_note, GOOD_NOTE | {"key": "short"})
    _out, err, _error = refused(path, "--user", "migracion")
    assert err.startswith("line 1: Line too long: the line is longer than 2,000 bytes")
    assert Event.objects.count() == events + 1
    assert Event.objects.filter(idempotency_key="short").exists()


def test_a_byte_order_mark_and_windows_line_ends_are_read(imported: Case, tmp_path: Path) -> None:
    path = tmp_path / "excel.jsonl"
    lines = [GOOD_NOTE | {"key": "bom-1"}, GOOD_NOTE | {"key": "bom-2"}]
    path.write_bytes(b"\xef\xbb\xbf" + b"".join(json.dumps(x).encode() + b"\r\n" for x in lines))
    out, _err = run(path, "--user", "migracion")
    assert "2 records: 2 recorded" in out


def test_a_check_run_reports_and_writes_nothing(court: Any, importer_account: User) -> None:
    events, cases = Event.objects.count(), Case.objects.count()
    out, _err = run(EXAMPLE, "--user", "migracion", "--check")
    assert out.startswith("check import.jsonl: 7 lines, recorded as migracion")
    assert "7 records: 7 recorded (cases opened: 1), 0 already in, 0 refused; checked only" in out
    assert (Event.objects.count(), Case.objects.count()) == (events, cases)


def test_an_import_limited_to_another_court_finds_no_case_there(
    imported: Case, tmp_path: Path, other_court: Any
) -> None:
    events = Event.objects.count()
    _out, err, _error = refused(
        write(tmp_path, GOOD_NOTE), "--user", "migracion", "--court", other_court.code
    )
    assert "Not found" in err
    assert "case: no such case for this account" in err
    assert Event.objects.count() == events


def test_sealing_orders_go_in_with_seal(imported: Case, tmp_path: Path) -> None:
    seal = _note(key="seal-1", type="case.sealed", payload={"grounds": "Orden del juez"})
    out, _err = run(write(tmp_path, seal), "--user", "migracion", "--seal")
    assert "1 records: 1 recorded" in out
    imported.refresh_from_db()
    assert imported.confidentiality == "sealed"


def test_an_unknown_account_or_file_is_refused_before_anything(court: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="user: no account 'nadie' \\(--create-user"):
        run(EXAMPLE, "--user", "nadie")
    with pytest.raises(CommandError, match="file: no file"):
        run(tmp_path / "missing.jsonl", "--user", "nadie")
    assert not Case.objects.exists()
    out, _err = run(EXAMPLE, "--user", "sistema-anterior", "--create-user")
    assert "7 recorded" in out
    assert User.objects.get(username="sistema-anterior").is_system


def test_a_mistyped_court_or_an_unwritable_report_stops_before_anything(
    court: Any, tmp_path: Path
) -> None:
    with pytest.raises(
        CommandError, match=r"court: unknown court 'sj-penl' \(did you mean 'sj-penal'\?\)"
    ):
        run(EXAMPLE, "--user", "nuevo", "--create-user", "--court", "sj-penl")
    with pytest.raises(CommandError, match=r"errors: cannot write .*No such file or directory"):
        run(
            EXAMPLE,
            "--user",
            "nuevo",
            "--create-user",
            "--errors",
            str(tmp_path / "no-such-dir" / "refused.jsonl"),
        )
    assert not Case.objects.exists()
    assert not User.objects.filter(username="nuevo").exists()


def test_the_api_and_the_import_refuse_the_same_body_with_the_same_errors(
    imported: Case, tmp_path: Path, api_clerk: Client
) -> None:
    body = {"type": "note.added", "occurred_at": "ayer", "payload": {"texto": 1}}
    answer = problem(post_json(api_clerk, f"{API}/cases/{imported.nuid}/events", body), 422)
    report = tmp_path / "refused.jsonl"
    line = {"op": "event", "key": "same", "case": imported.nuid} | body
    refused(write(tmp_path, line), "--user", "migracion", "--errors", str(report))
    written = json.loads(report.read_text())
    assert written["errors"] == answer["errors"]
    assert written["title"] == answer["title"]
