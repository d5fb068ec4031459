"""The API's case body says, on each defence lawyer's participant, which accused she acts
for now (``acts_for``: participant ids; ``[]`` once she acts for nobody; ``null`` when
nothing is recorded, and for every other role), from the ORM and from PostgreSQL's
one-query read alike. A reader who sees an accused less fully than the lawyer (a
protected accused shown by pseudonym) is not told the link, in the participants list nor
in the entry that records it, as for a guardian's ``stands_for``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.utils import translation

from expediente.access.models import User
from expediente.access.policy import Actor
from expediente.api.present import case_out, case_view, forget_bodies
from expediente.docket.models import Participation
from expediente.docket.selectors import case_get
from tests.api.helpers import API

CO_ACCUSED = {"given_names": "Carlos", "family_names": "Soto Mena", "sex": "male"}
LAWYER = {"given_names": "Elena", "family_names": "Abogada Ruiz", "sex": "female"}
DEFENDER = {"given_names": "Rosa", "family_names": "Defensora Solís", "sex": "female"}
ACTS_FOR = "participant.acts_for"


@pytest.fixture(autouse=True)
def _empty_store() -> None:
    forget_bodies()


@pytest.fixture
def defended(accused_case, record):  # type: ignore[no-untyped-def]
    """P1 and P3 accused, P2 the victim, P4 private counsel, P5 a public defender."""
    record(accused_case, "participant.added", {"role": "accused", "person": CO_ACCUSED})
    record(accused_case, "participant.added", {"role": "defence", "person": LAWYER})
    record(accused_case, "participant.added", {"role": "public_defender", "person": DEFENDER})
    return accused_case


def read(client: Any, nuid: str, **headers: str) -> dict[str, Any]:
    r = client.get(f"{API}/cases/{nuid}", headers=headers)
    assert r.status_code == 200, r.content[:300]
    return json.loads(r.content)


def acts_for(body: dict[str, Any]) -> dict[str, list[str] | None]:
    return {p["participant"]: p["acts_for"] for p in body["participants"]}


def entries(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e["payload"] for e in events if e["type"] == ACTS_FOR]


def test_whom_each_lawyer_acts_for_shows_as_soon_as_it_is_recorded(api_reader, defended, record):
    nobody: dict[str, list[str] | None] = {f"P{n}": None for n in range(1, 6)}
    assert acts_for(read(api_reader, defended.nuid)) == nobody
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P3"})
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    record(defended, ACTS_FOR, {"counsel": "P5", "accused": "P1"})
    body = read(api_reader, defended.nuid)  # not the kept one
    assert acts_for(body) == nobody | {"P4": ["P1", "P3"], "P5": ["P1"]}
    record(defended, ACTS_FOR, {"counsel": "P5", "accused": "P1", "ended": True})
    assert acts_for(read(api_reader, defended.nuid))["P5"] == []


def test_the_body_read_in_one_query_is_the_one_the_orm_renders(api_reader, defended, record):
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    record(defended, ACTS_FOR, {"counsel": "P5", "accused": "P3", "ended": True})
    body = read(api_reader, defended.nuid, accept_language="en")
    with translation.override("en"):
        actor = Actor(
            user=User.objects.get(username="api-reader"),
            scopes=frozenset({"cases:read"}),
            courts=frozenset(),
            channel="api",
        )
        case = case_get(nuid=defended.nuid, actor=actor)
        expected = json.loads(json.dumps(case_out(case, case_view(case, actor))))
    assert body == expected
    assert acts_for(body)["P4"] == ["P1"]
    assert acts_for(body)["P5"] == []


def test_a_pseudonymous_accused_is_not_tied_to_the_lawyers_name(api_reader, defended, record):
    """The API's readers see a protected person by pseudonym and a lawyer by name: the
    link is not shown to them, and the entry names the lawyer alone."""
    added = Participation.objects.get(case=defended, uid="P3").added_seq
    protected = {"role": "accused", "pseudonym": "Persona A", "protected": True}
    record(defended, "participant.added", protected | {"person": CO_ACCUSED}, corrects_seq=added)
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P3"})
    body = read(api_reader, defended.nuid)
    lawyer = next(p for p in body["participants"] if p["participant"] == "P4")
    assert lawyer["person"]["name"] == "Elena Abogada Ruiz"
    assert lawyer["acts_for"] is None  # not [], which would say she acts for nobody
    assert entries(body["recent_events"]) == [{"counsel": "P4", "accused": "[…]"}]
    listed = json.loads(api_reader.get(f"{API}/cases/{defended.nuid}/events").content)
    assert entries(listed["items"]) == [{"counsel": "P4", "accused": "[…]"}]
    # her other client, named in full, is still shown
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    body = read(api_reader, defended.nuid)
    assert acts_for(body)["P4"] == ["P1"]
    assert entries(body["recent_events"])[-1] == {"counsel": "P4", "accused": "P1"}


def test_another_courts_token_reads_nothing(api_outsider, defended, record):
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    assert api_outsider.get(f"{API}/cases/{defended.nuid}").status_code == 404
