"""Attacks, each refused: enumerating case numbers (rate-limited, and a hidden case
answers exactly like a missing one, after the same work), IDOR on object ids, script in
free text shown back, oversized requests, path traversal in export file names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from expediente.access.models import CodeThrottle
from expediente.docket.errors import InvalidInput
from expediente.docket.services import event_record
from expediente.portal.public.export import export_path
from tests.privacy.conftest import HEARING_DAY

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def ask(number: str, client: Client | None = None):
    client = client or Client(HTTP_ACCEPT_LANGUAGE="en")
    return client.get("/public/", {"court": "sj-penal", "number": number})


def normalised(response, number: str) -> str:
    return CSRF.sub("", response.content.decode()).replace(number, "NUMBER")


# ----------------------------------------------------------------------- enumeration


@pytest.mark.parametrize("tag", ["before_charges", "juvenile", "sealed"])
def test_a_hidden_case_answers_exactly_like_a_missing_one(cases, tag):
    hidden = ask(cases[tag].number)
    missing = ask("2026-999999")
    assert hidden.status_code == missing.status_code == 404
    assert normalised(hidden, cases[tag].number) == normalised(missing, "2026-999999")


@pytest.mark.parametrize("tag", ["juvenile", "sealed"])
def test_a_hidden_case_costs_the_same_queries_as_a_missing_one(cases, tag):
    ask("warm-up")
    with CaptureQueriesContext(connection) as hidden:
        ask(cases[tag].number)
    with CaptureQueriesContext(connection) as missing:
        ask("2026-999999")
    assert len(hidden.captured_queries) == len(missing.captured_queries)


def test_lookups_are_rate_limited_found_or_not(cases, settings):
    settings.PUBLIC_LOOKUP_LIMIT = 3
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    answers = [ask(n, client).status_code for n in ("2026-000002", "2026-999999", "2026-000005")]
    assert answers == [200, 404, 404]
    refused = ask(cases["charged"].number, client)
    assert refused.status_code == 429
    assert "Too many searches" in refused.content.decode()
    assert "Theft" not in refused.content.decode()
    assert not any("2026" in row.key for row in CodeThrottle.objects.all())  # digests only


def test_the_api_answers_a_sealed_case_like_a_missing_one(cases, api_reader):
    sealed = api_reader.get(f"/api/v1/cases/{cases['sealed'].nuid}")
    missing = api_reader.get("/api/v1/cases/26-999999-0042-PE")
    assert sealed.status_code == missing.status_code == 404
    assert sealed.json()["title"] == missing.json()["title"]


# ----------------------------------------------------------------------- IDOR


def test_object_ids_of_another_court_or_a_sealed_case_are_404_in_the_api(
    cases, api_outsider, api_clerk
):
    for url in (
        f"/api/v1/cases/{cases['charged'].nuid}",
        f"/api/v1/cases/{cases['charged'].nuid}/events",
    ):
        assert api_outsider.get(url).status_code == 404
    for url in (
        f"/api/v1/cases/{cases['sealed'].nuid}",
        f"/api/v1/cases/{cases['sealed'].nuid}/events",
    ):
        assert api_clerk.get(url).status_code == 404
    note = {"type": "note.added", "payload": {"text": "x"}}

    def post(nuid: str, key: str) -> int:
        url = f"/api/v1/cases/{nuid}/events"
        return api_clerk.post(
            url, note, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
        ).status_code

    assert post(cases["sealed"].nuid, "k1") == post("26-999999-0042-PE", "k2") != 201
    assert not cases["sealed"].events.filter(type="note.added", payload__text="x").exists()


def test_a_portal_reader_cannot_reach_another_participation_or_receipt(cases, judge):
    from expediente.access.participant_codes import code_issue

    case = cases["charged"]
    _, code = code_issue(case=case, participant="P2", actor=judge, language="en")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/follow/", {"case_number": case.nuid, "code": code})
    assert client.get("/follow/case/").status_code == 200
    note_seq = case.events.get(type="note.added").seq
    assert client.get(f"/follow/receipt/{note_seq}/").status_code == 404
    assert client.get(f"/my/cases/{case.nuid}/P1/").status_code in (302, 404)  # no account: sign in


# ----------------------------------------------------------------------- script in free text


def test_script_in_a_courtroom_is_shown_escaped_under_a_policy_without_inline_script(cases, judge):
    case = cases["charged"]
    starts = dt.datetime.combine(HEARING_DAY, dt.time(11, 0), tzinfo=dt.UTC)
    event_record(
        case=case,
        type="hearing.scheduled",
        payload={
            "hearing": "H9",
            "kind": "trial",
            "starts_at": starts.isoformat(),
            "courtroom": "<script>alert(1)</script>",
        },
        actor=judge,
        occurred_at=dt.datetime(2026, 2, 20, tzinfo=dt.UTC),
    )
    response = Client().get("/public/calendar/sj-penal/", {"day": HEARING_DAY.isoformat()})
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


# ----------------------------------------------------------------------- oversized


def test_an_oversized_lookup_is_refused_and_counts_nothing(cases):
    response = Client().get("/public/", {"court": "sj-penal", "number": "9" * 3_000_000})
    assert response.status_code == 400
    assert CodeThrottle.objects.count() == 0


def test_an_oversized_api_body_is_refused(cases, api_clerk):
    body = '{"type": "note.added", "payload": {"text": "' + "x" * 3_000_000 + '"}}'
    response = api_clerk.post(
        f"/api/v1/cases/{cases['charged'].nuid}/events",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="big",
    )
    assert response.status_code in (400, 413)
    assert (
        not cases["charged"]
        .events.filter(type="note.added", payload__text__startswith="xxx")
        .exists()
    )


# ----------------------------------------------------------------------- path traversal


@pytest.mark.parametrize(
    "name", ["../escape.jsonl", "/etc/passwd", "a/b.jsonl", "..", ".hidden", "x\x00.jsonl", "..\\x"]
)
def test_an_export_file_name_cannot_leave_the_folder(tmp_path: Path, name):
    with pytest.raises(InvalidInput) as refused:
        export_path(tmp_path, name)
    assert refused.value.errors[0]["field"] == "name"


def test_the_export_command_refuses_a_traversing_name_and_writes_nothing(court, tmp_path: Path):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(CommandError, match="--name"):
        call_command("public_export", court="sj-penal", out=str(folder), name="../leak.jsonl")
    assert list(tmp_path.rglob("*.jsonl")) == []


def test_the_export_command_writes_the_public_cases_and_can_run_again(cases, tmp_path: Path):
    for _ in range(2):
        call_command("public_export", court="sj-penal", out=str(tmp_path))
    lines = (tmp_path / "sj-penal-public.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    assert [p.name for p in tmp_path.iterdir()] == ["sj-penal-public.jsonl"]
