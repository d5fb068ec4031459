"""GET /cases/{nuid} keeps each rendered body, per process, until the case changes: a
reader must never get an old body, another reader's body or another language's."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from expediente.api.present import case_bodies
from expediente.docket.models import Participation
from tests.api.helpers import API, problem
from tests.conftest import PERSON


@pytest.fixture(autouse=True)
def _empty_store() -> None:
    case_bodies.clear()


def read(client: Any, nuid: str, **headers: str) -> dict[str, Any]:
    r = client.get(f"{API}/cases/{nuid}", headers=headers)
    assert r.status_code == 200, r.content[:300]
    return json.loads(r.content)


def test_a_new_entry_shows_at_once(api_reader, accused_case, record):
    before = read(api_reader, accused_case.nuid)
    record(accused_case, "note.added", {"text": "Escrito recibido."})
    after = read(api_reader, accused_case.nuid)
    assert after["last_seq"] == before["last_seq"] + 1
    assert after["recent_events"][-1]["payload"] == {"text": "Escrito recibido."}
    assert after["head_hash"] != before["head_hash"]


def test_an_unchanged_case_is_served_after_a_single_read_query(api_reader, accused_case):
    first = api_reader.get(f"{API}/cases/{accused_case.nuid}")
    with CaptureQueriesContext(connection) as ctx:
        again = api_reader.get(f"{API}/cases/{accused_case.nuid}")
    assert again.content == first.content
    # besides the access log's record of the read (access/access_log.py)
    reads = [q["sql"] for q in ctx.captured_queries if "access_accessrecord" not in q["sql"]]
    assert len(reads) == 1, [sql[:80] for sql in reads]


def test_a_person_corrected_in_another_case_shows_in_this_one(
    api_reader, accused_case, open_case, record
):
    read(api_reader, accused_case.nuid)  # kept
    uid = Participation.objects.get(case=accused_case, uid="P1").person.uid
    other = open_case()
    record(other, "participant.added", {"role": "accused", "person": {**PERSON, "uid": uid}})
    added = other.last_seq
    record(
        other,
        "participant.added",
        {"role": "accused", "person": {**PERSON, "given_names": "José Luis"}},
        corrects_seq=added,
    )
    body = read(api_reader, accused_case.nuid)
    accused = next(p for p in body["participants"] if p["participant"] == "P1")
    assert accused["person"]["name"] == "José Luis Pérez Mora"


def test_each_language_gets_its_own_body(api_reader, accused_case):
    spanish = read(api_reader, accused_case.nuid, accept_language="es")
    english = read(api_reader, accused_case.nuid, accept_language="en")
    assert spanish["stage"]["id"] == english["stage"]["id"]
    assert spanish["stage"]["label"] != english["stage"]["label"]
    assert read(api_reader, accused_case.nuid, accept_language="es") == spanish


def test_a_kept_body_is_not_shown_to_a_reader_who_may_not_see_the_case(
    api_reader, api_outsider, accused_case
):
    read(api_reader, accused_case.nuid)  # kept
    problem(api_outsider.get(f"{API}/cases/{accused_case.nuid}"), 404, "not_found")


@pytest.mark.parametrize("nuid", ["no-such-case", "24-000001-0042-P\x00E", "x" * 500])
def test_an_unknown_or_malformed_case_number_is_not_found(api_reader, accused_case, nuid):
    problem(api_reader.get(f"{API}/cases/{nuid}"), 404, "not_found")
