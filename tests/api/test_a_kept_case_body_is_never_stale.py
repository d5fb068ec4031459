"""GET /cases/{nuid} keeps each rendered body, per process, until the case changes: a
reader must never get an old body, another reader's body or another language's. On
PostgreSQL a case read for the first time costs one query (and the access log's line),
and gives exactly the body the ORM renders."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from expediente.access.models import User
from expediente.access.policy import Actor
from expediente.api.present import case_out, case_view, forget_bodies
from expediente.docket.models import Participation
from expediente.docket.selectors import case_get
from tests.api.helpers import API, problem
from tests.conftest import PERSON

MOTHER = {"given_names": "María", "family_names": "Rojas Vargas", "sex": "female"}
CHILD = {"given_names": "Sofía", "family_names": "Rojas Vargas", "sex": "female"}


@pytest.fixture(autouse=True)
def _empty_store() -> None:
    forget_bodies()


def read(client: Any, nuid: str, **headers: str) -> dict[str, Any]:
    r = client.get(f"{API}/cases/{nuid}", headers=headers)
    assert r.status_code == 200, r.content[:300]
    return json.loads(r.content)


def test_a_new_entry_shows_at_once(api_reader, accused_case, record):
    before = read(api_reader, accused_case.nuid)
    record(accused_case, "note.added", {"text": "Escrito recibido."})
    after = read(api_reader, accused_case.nuid)
    assert after["last_seq"] == before["last_seq"] + 1
    # the staff's note is there at once, its text the court's own (docs/privacy.md)
    assert after["recent_events"][-1]["type"] == "note.added"
    assert after["recent_events"][-1]["payload"] == {"text": "[…]"}
    assert after["head_hash"] != before["head_hash"]


def test_an_unchanged_case_is_served_after_a_single_read_query(api_reader, accused_case):
    first = api_reader.get(f"{API}/cases/{accused_case.nuid}")
    with CaptureQueriesContext(connection) as ctx:
        again = api_reader.get(f"{API}/cases/{accused_case.nuid}")
    assert again.content == first.content
    # besides the access log's record of the read (access/access_log.py)
    reads = [q["sql"] for q in ctx.captured_queries if "access_accessrecord" not in q["sql"]]
    assert len(reads) == 1, [sql[:80] for sql in reads]


def test_a_first_read_is_one_query_on_postgresql(api_reader, accused_case, is_postgres):
    if not is_postgres:
        pytest.skip("SQLite reads a case through the ORM")
    api_reader.get(f"{API}/cases/{accused_case.nuid}")  # the token is looked up and kept
    forget_bodies()
    with CaptureQueriesContext(connection) as ctx:
        read(api_reader, accused_case.nuid)
    reads = [q["sql"] for q in ctx.captured_queries if "access_accessrecord" not in q["sql"]]
    assert len(reads) == 1, [sql[:80] for sql in reads]
    assert len(ctx.captured_queries) == 2  # and one line in the access log


def test_the_body_read_in_one_query_is_the_one_the_orm_renders(api_reader, accused_case, record):
    record(accused_case, "participant.added", {"role": "guardian", "person": MOTHER})
    record(accused_case, "participant.stands_for", {"guardian": "P3", "stands_for": "P2"})
    record(accused_case, "note.added", {"text": "Escrito con «comillas» y ñ."})
    hearing = {"hearing": "H1", "kind": "trial", "starts_at": "2026-03-01T15:00:00.5Z"}
    record(accused_case, "hearing.scheduled", hearing)
    for n in range(22):  # more than the 20 recent entries the body shows
        record(accused_case, "note.added", {"text": f"Escrito {n}."})
    for language in ("es", "en"):
        body = read(api_reader, accused_case.nuid, accept_language=language)
        with translation.override(language):
            actor = Actor(
                user=User.objects.get(username="api-reader"),
                scopes=frozenset({"cases:read"}),
                courts=frozenset(),
                channel="api",
            )
            case = case_get(nuid=accused_case.nuid, actor=actor)
            expected = json.loads(json.dumps(case_out(case, case_view(case, actor))))
        assert body == expected
        assert [p["stands_for"] for p in body["participants"]] == [None, None, "P2"]
        assert len(body["recent_events"]) == 20
        assert body["recent_events"][-1]["seq"] == body["last_seq"]


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
    problem(api_outsider.get(f"{API}/cases/{accused_case.nuid}"), 404, "not-found")


@pytest.mark.parametrize("nuid", ["no-such-case", "24-000001-0042-P\x00E", "x" * 500])
def test_an_unknown_or_malformed_case_number_is_not_found(api_reader, accused_case, nuid):
    problem(api_reader.get(f"{API}/cases/{nuid}"), 404, "not-found")


def stands_for(body: dict[str, Any]) -> dict[str, str | None]:
    return {p["participant"]: p["stands_for"] for p in body["participants"]}


def test_whom_a_guardian_stands_for_shows_as_soon_as_it_is_recorded(
    api_reader, accused_case, record
):
    record(accused_case, "participant.added", {"role": "guardian", "person": MOTHER})
    assert stands_for(read(api_reader, accused_case.nuid)) == {"P1": None, "P2": None, "P3": None}
    record(accused_case, "participant.stands_for", {"guardian": "P3", "stands_for": "P2"})
    assert stands_for(read(api_reader, accused_case.nuid))["P3"] == "P2"  # not the kept one
    record(accused_case, "participant.stands_for", {"guardian": "P3", "stands_for": "P1"})
    assert stands_for(read(api_reader, accused_case.nuid))["P3"] == "P1"


def test_a_pseudonymous_child_is_not_named_through_her_guardian(api_reader, accused_case, record):
    """The API's readers see a protected person by pseudonym and her mother by name: the
    link would tell whose child she is, so it is not shown to them."""
    child = {"role": "victim", "pseudonym": "Víctima A", "protected": True, "person": CHILD}
    record(accused_case, "participant.added", child)
    record(accused_case, "participant.added", {"role": "guardian", "person": MOTHER})
    record(accused_case, "participant.stands_for", {"guardian": "P4", "stands_for": "P3"})
    body = read(api_reader, accused_case.nuid)
    guardian = next(p for p in body["participants"] if p["participant"] == "P4")
    assert guardian["person"]["name"] == "María Rojas Vargas"
    assert guardian["stands_for"] is None
    # nor does the entry that records it, in the case's last events or in its events list
    assert entries(body["recent_events"]) == [{"guardian": "P4", "stands_for": "[…]"}]
    listed = json.loads(api_reader.get(f"{API}/cases/{accused_case.nuid}/events").content)
    assert entries(listed["items"]) == [{"guardian": "P4", "stands_for": "[…]"}]
    # a guardian protected as the child is, shown by pseudonym too: the link tells nothing
    record(
        accused_case,
        "participant.added",
        {"role": "guardian", "pseudonym": "Madre A", "protected": True, "person": MOTHER},
        corrects_seq=Participation.objects.get(case=accused_case, uid="P4").added_seq,
    )
    body = read(api_reader, accused_case.nuid)
    assert stands_for(body)["P4"] == "P3"
    assert entries(body["recent_events"]) == [{"guardian": "P4", "stands_for": "P3"}]
    listed = json.loads(api_reader.get(f"{API}/cases/{accused_case.nuid}/events").content)
    assert entries(listed["items"]) == [{"guardian": "P4", "stands_for": "P3"}]


def entries(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e["payload"] for e in events if e["type"] == "participant.stands_for"]
