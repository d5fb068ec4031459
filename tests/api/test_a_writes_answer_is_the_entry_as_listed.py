"""A write's answer is its entry as the events list gives it, and says where it is.

An integrator found that POST /cases/{nuid}/events (and /participants, /charges) answered
``"recorded_at": "…06:59:51.448Z"`` and ``"occurred_at": "…15:00:00Z"`` while the events
list gave ``…06:59:51.448613Z`` and ``…15:00:00.000000Z``: the answer went through the
response schema, whose encoder writes milliseconds, and an entry's hash covers its
timestamps to the microsecond. From the answer a client could not recompute the hash
(docs/integrity.md). Its 201 had no ``Location`` either.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from expediente.docket.models import Case, Event
from expediente.integrity.chain import ChainedEvent
from tests.api.helpers import API, PAST, post_json
from tests.conftest import NOW

WRITES = {
    # not a staff note: a token lists a note's text as "[…]" (the court's internal
    # record, access/disclosure.CaseView.inside_court), not as its writer sent it
    "events": {
        "type": "case.opened",
        "occurred_at": "2026-01-31T09:00:00-06:00",
        "corrects": 1,
        "correction_reason": "The summary named the wrong shop",
        "payload": {"summary": "Robo en una pulpería"},
    },
    "participants": {
        "role": "witness",
        "person": {"given_names": "Eva", "family_names": "Solís", "sex": "female"},
        "occurred_at": "2026-03-01T09:30:12.345678-06:00",
    },
    "charges": {"accused": "P1", "offence": "CP-208", "occurred_at": PAST},
}


def recomputed(nuid: str, entry: dict[str, Any]) -> str:
    """The entry's hash, computed from what the API answered, with the project's own
    chain code (integrity/chain.py), as an auditor would."""
    return ChainedEvent(
        case=nuid,
        seq=entry["seq"],
        type=entry["type"],
        schema_version=entry["schema_version"],
        occurred_at=dt.datetime.fromisoformat(entry["occurred_at"]),
        recorded_at=dt.datetime.fromisoformat(entry["recorded_at"]),
        actor=entry["actor"],
        payload=entry["payload"],
        corrects=entry["corrects"],
        prev_hash=entry["prev_hash"],
        reason=entry["correction_reason"],
        confirmed=tuple(entry["confirmed"]),
    ).hash()


def stored(case: Case, seq: int) -> str:
    return Event.objects.get(case=case, seq=seq).hash


def listed(client, case: Case, seq: int) -> dict[str, Any]:
    items = client.get(f"{API}/cases/{case.nuid}/events?limit=200").json()["items"]
    return next(e for e in items if e["seq"] == seq)


def entry(answer: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answer.items() if k != "follow_ups"}


@pytest.mark.parametrize("route", list(WRITES))
def test_the_hash_recomputed_from_the_answer_is_the_stored_one(api_clerk, accused_case, route):
    r = post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/{route}", WRITES[route])
    assert r.status_code == 201, r.content[:500]
    answer = r.json()
    assert recomputed(accused_case.nuid, answer) == stored(accused_case, answer["seq"])
    assert entry(answer) == listed(api_clerk, accused_case, answer["seq"])
    assert answer["occurred_at"].endswith("Z")
    assert len(answer["recorded_at"]) == len("2026-03-01T15:00:00.000000Z")


def test_a_retry_answers_the_entry_as_listed_too(api_clerk, accused_case):
    url = f"{API}/cases/{accused_case.nuid}/events"
    first = post_json(api_clerk, url, WRITES["events"], key="note-1")
    again = post_json(api_clerk, url, WRITES["events"], key="note-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again["Idempotent-Replayed"] == "true"
    assert json.loads(again.content) == json.loads(first.content)
    answer = again.json()
    assert recomputed(accused_case.nuid, answer) == stored(accused_case, answer["seq"])
    assert entry(answer) == listed(api_clerk, accused_case, answer["seq"])


@pytest.fixture
def revocation(accused_case, record):
    """A measure whose revocation with a return to custody brings an arrest with it."""
    record(
        accused_case,
        "measure.imposed",
        {
            "measure": "M1",
            "person": "P1",
            "kind": "periodic_reporting",
            "starts_on": (NOW - dt.timedelta(days=20)).date().isoformat(),
            "interval_days": 7,
            "report_place": "Juzgado Penal de San José",
        },
        occurred_at=NOW - dt.timedelta(days=20),
    )
    return {
        "type": "measure.revoked",
        "occurred_at": (NOW - dt.timedelta(days=2)).isoformat(),
        "payload": {"measure": "M1", "return_to_custody": True, "reason": "Incumplimiento"},
    }


def test_the_follow_ups_are_answered_as_listed(api_clerk, accused_case, revocation):
    r = post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/events", revocation)
    assert r.status_code == 201, r.content[:500]
    answer = r.json()
    [arrest] = answer["follow_ups"]
    assert arrest["type"] == "custody.arrested"
    for e in (answer, arrest):
        assert recomputed(accused_case.nuid, e) == stored(accused_case, e["seq"])
    assert arrest == listed(api_clerk, accused_case, arrest["seq"])
    # the Location is the page of the entry and what followed from it
    page = api_clerk.get(r["Location"])
    assert page.status_code == 200
    assert page.json()["items"] == [entry(answer), arrest]


@pytest.mark.parametrize("route", list(WRITES))
def test_the_201_says_where_the_entry_is_listed(api_clerk, accused_case, route):
    r = post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/{route}", WRITES[route])
    assert r.status_code == 201, r.content[:500]
    location = r["Location"]
    assert location.startswith(f"{API}/cases/{accused_case.nuid}/events?")
    page = api_clerk.get(location)
    assert page.status_code == 200
    assert page.json()["items"] == [entry(r.json())]


def test_a_retry_is_not_a_201_and_has_no_location(api_clerk, accused_case):
    url = f"{API}/cases/{accused_case.nuid}/events"
    post_json(api_clerk, url, WRITES["events"], key="note-1")
    again = post_json(api_clerk, url, WRITES["events"], key="note-1")
    assert again.status_code == 200
    assert not again.has_header("Location")


OPEN = {"court": "sj-penal", "procedure": "adult", "occurred_at": PAST}


def test_an_opened_case_is_answered_as_it_is_read_and_located(api_clerk, court):
    r = post_json(api_clerk, f"{API}/cases", OPEN)
    assert r.status_code == 201, r.content[:500]
    answer = r.json()
    assert r["Location"] == f"{API}/cases/{answer['nuid']}"
    read = api_clerk.get(r["Location"])
    assert read.status_code == 200
    assert answer == read.json()
    [opening] = answer["recent_events"]
    case = Case.objects.get(nuid=answer["nuid"])
    assert recomputed(case.nuid, opening) == stored(case, 1) == answer["head_hash"]


def test_a_case_opened_sealed_gives_its_opening_moment_as_the_chain_writes_it(make_client, court):
    sealer, _ = make_client(["cases:write", "cases:seal"], user="court-system")
    r = post_json(sealer, f"{API}/cases", {**OPEN, "confidentiality": "sealed"})
    assert r.status_code == 201, r.content[:500]
    answer = r.json()
    assert set(answer) == {"nuid", "number", "court", "procedure", "confidentiality", "opened_at"}
    assert r["Location"] == f"{API}/cases/{answer['nuid']}"
    case = Case.objects.get(nuid=answer["nuid"])
    assert answer["opened_at"] == case.opened_at.astimezone(dt.UTC).strftime(
        "%Y-%m-%dT%H:%M:%S.%fZ"
    )


def test_the_openapi_document_says_the_201s_location(anonymous):
    paths = anonymous.get(f"{API}/openapi.json").json()["paths"]
    for path in ("/cases", "/cases/{nuid}/participants", "/cases/{nuid}/charges"):
        created = paths[f"{API}{path}"]["post"]["responses"]["201"]
        assert "Location" in created["headers"], path
    events = paths[f"{API}/cases/{{nuid}}/events"]["post"]["responses"]["201"]
    assert "events" in events["headers"]["Location"]["description"]
