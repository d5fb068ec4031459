"""An agency's system follows the dockets of its courts through ``GET /feed``: every
entry it may read, across all the cases, in the Merkle log's order, page after page,
none missed and none given twice, even an entry that committed after a later one; each
shown as the case's events route shows it to that agency; another court's and a sealed
case's entries passed over; each case shown logged as read."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from expediente.access.access_log import AccessRecord
from expediente.access.disclosure import REDACTED
from expediente.access.policy import Actor
from expediente.docket.models import Case, Court, Event
from expediente.docket.services import case_open
from expediente.integrity.log import log_append, log_take_newest
from expediente.integrity.models import Leaf
from expediente.petitions.services import petition_file
from tests.api.helpers import API, problem
from tests.conftest import NOW

FEED = f"{API}/feed"
VICTIM_ASKS = "Vivo en Barrio Luján, casa 12; temo que vuelva a buscarme."


def pages(client: Client, limit: int, cursor: str | None = None) -> list[dict[str, Any]]:
    """Every page from ``cursor`` on, until the log has no more."""
    out = []
    while True:
        query = f"?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        r = client.get(FEED + query)
        assert r.status_code == 200, r.content[:300]
        page = json.loads(r.content)
        out.append(page)
        cursor = page["next_cursor"]
        if not page["more"]:
            return out


def entries(found: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(item["case"], item["event"]["seq"]) for page in found for item in page["items"]]


def in_log_order(courts: set[str] | None = None) -> list[tuple[str, int]]:
    leaves = Leaf.objects.select_related("event__case__court").order_by("position")
    return [
        (leaf.event.case.nuid, leaf.event.seq)
        for leaf in leaves
        if courts is None or leaf.event.case.court.code in courts
    ]


@pytest.fixture
def two_courts(
    accused_case: Case, other_court: Court, record: Callable[..., Any], clerk: Actor
) -> tuple[Case, Case]:
    """San José's case (from ``accused_case``) and one in Cartago, entries interleaved."""
    cartago = case_open(
        court=other_court, actor=clerk, procedure="adult", occurred_at=NOW.replace(day=1)
    ).event.case
    record(cartago, "participant.added", {"role": "accused", "person": {"given_names": "Luis"}})
    record(accused_case, "note.added", {"text": "Primera nota"})
    record(cartago, "note.added", {"text": "Nota de Cartago"})
    record(accused_case, "note.added", {"text": "Segunda nota"})
    log_append()
    return accused_case, cartago


def test_pages_give_every_entry_in_log_order_once(two_courts, make_client):
    client, _ = make_client(["cases:read"])
    found = pages(client, limit=2)
    assert len(found) > 3  # paged, not one answer
    assert entries(found) == in_log_order()
    positions = [item["position"] for page in found for item in page["items"]]
    assert positions == sorted(set(positions))


def test_a_token_of_one_court_reads_only_that_courts_entries(two_courts, make_client):
    _san_jose, cartago = two_courts
    client, _ = make_client(["cases:read"], courts=["cartago-penal"])
    got = entries(pages(client, limit=50))
    assert got == in_log_order({"cartago-penal"})
    assert {nuid for nuid, _seq in got} == {cartago.nuid}


def test_an_entry_is_as_the_events_route_shows_it(two_courts, make_client):
    san_jose, _ = two_courts
    client, _ = make_client(["cases:read"])
    items = [item for page in pages(client, limit=50) for item in page["items"]]
    fed = [item["event"] for item in items if item["case"] == san_jose.nuid]
    r = client.get(f"{API}/cases/{san_jose.nuid}/events?limit=200")
    assert fed == json.loads(r.content)["items"]
    assert {item["court"] for item in items if item["case"] == san_jose.nuid} == {"sj-penal"}


def test_an_entry_that_committed_late_comes_after_the_cursor_once(two_courts, record, make_client):
    """On PostgreSQL an entry may commit after a later one has been taken into the log.
    The quick pass takes in only what is newer than the log's newest; the late entry
    comes in at the next full pass, at the next position: a reader that kept its cursor
    is given it then, and nothing twice."""
    san_jose, _ = two_courts
    client, _ = make_client(["cases:read"])
    cursor = pages(client, limit=50)[-1]["next_cursor"]
    late = record(san_jose, "note.added", {"text": "Nota que llegó tarde"}).event
    later = record(san_jose, "note.added", {"text": "Nota posterior"}).event
    assert late.pk < later.pk
    log_append(after=late.pk)  # the quick pass saw the later entry first
    first = pages(client, limit=50, cursor=cursor)
    assert entries(first) == [(san_jose.nuid, later.seq)]
    log_take_newest()  # newer than the newest: the late one is not found this way
    assert entries(pages(client, limit=50, cursor=first[-1]["next_cursor"])) == []
    log_append()  # the full pass finds it, at the next position
    second = pages(client, limit=50, cursor=first[-1]["next_cursor"])
    assert entries(second) == [(san_jose.nuid, late.seq)]
    everything = entries(pages(client, limit=50))
    assert everything == in_log_order()
    assert len(everything) == len(set(everything)) == Event.objects.count()


def _record_note(case: Case, record: Callable[..., Any], text: str) -> Event:
    return record(case, "note.added", {"text": text}).event


def test_a_sealed_cases_entries_are_passed_over(two_courts, open_case, make_client):
    sealed = open_case(confidentiality="sealed")
    log_append()
    client, _ = make_client(["cases:read"])
    got = entries(pages(client, limit=50))
    assert sealed.nuid not in {nuid for nuid, _seq in got}
    assert len(got) == Leaf.objects.count() - Event.objects.filter(case=sealed).count()


def test_a_defence_offices_system_reads_no_victims_petition_text(accused_case, clerk, make_client):
    filed = petition_file(
        case=accused_case,
        petitioner="P2",
        kind="protective_measure",
        text=VICTIM_ASKS,
        filed_via="clerk",
        received_from="Ana Rojas, en ventanilla",
        actor=clerk,
        occurred_at=NOW.replace(hour=1),
    )
    log_append()
    texts = {}
    for agency in ("public_defence", "prosecution"):
        client, _ = make_client(["cases:read"], user=f"api-{agency}", agency=agency)
        items = [i for p in pages(client, limit=50) for i in p["items"]]
        (petition,) = [i for i in items if i["event"]["seq"] == filed.event.seq]
        texts[agency] = petition["event"]["payload"]["text"]
    assert texts == {"public_defence": REDACTED, "prosecution": VICTIM_ASKS}


def test_each_case_shown_is_logged_as_read_by_the_agency(two_courts, make_client):
    san_jose, cartago = two_courts
    client, token = make_client(["cases:read"], agency="prosecution")
    before = AccessRecord.objects.count()
    pages(client, limit=50)
    lines = AccessRecord.objects.order_by("pk")[before:]
    assert {line.case_id for line in lines} == {san_jose.pk, cartago.pk}
    assert {line.channel for line in lines} == {"api"}
    assert {line.user_id for line in lines} == {token.user_id}


def test_a_short_page_still_moves_the_cursor_on(two_courts, record, make_client):
    """A token of Cartago among many San José entries: a page looks at a bounded stretch
    of the log, so it may come back empty with ``more``; following it reaches the end."""
    san_jose, _ = two_courts
    for n in range(45):
        _record_note(san_jose, record, f"Nota {n}")
    log_append()
    client, _ = make_client(["cases:read"], courts=["cartago-penal"])
    found = pages(client, limit=1)
    assert any(not page["items"] and page["more"] for page in found)
    assert entries(found) == in_log_order({"cartago-penal"})


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?cursor=bm90LWEtY3Vyc29y", "cursor"),  # base64 of "not-a-cursor"
        ("?cursor=%%%", "cursor"),
        ("?cursor=" + "A" * 101, "cursor"),
        ("?limit=0", "limit"),
        ("?limit=201", "limit"),
        ("?limit=ten", "limit"),
        ("?since=2026-01-01", "since"),
    ],
)
def test_bad_input_is_refused_by_name(two_courts, make_client, query, field):
    client, _ = make_client(["cases:read"])
    r = client.get(FEED + query)
    p = problem(r, 422)
    assert field in {e["field"].split(".")[-1] for e in p["errors"]}


def test_without_cases_read_the_feed_is_refused(two_courts, make_client):
    client, _ = make_client(["cases:write"])
    p = problem(client.get(FEED), 403)
    assert "cases:read" in p["detail"]


def test_an_unsealed_case_comes_in_with_its_unsealing_and_its_events_give_the_rest(
    two_courts, open_case, record, judge_in_court, make_client
):
    """The entries passed over while the case was sealed are not given again once it is
    unsealed (the feed keeps no state of what a reader saw): its ``case.unsealed`` item
    says "read this case's events from the start", and the events route gives them."""
    client, _ = make_client(["cases:read"])
    sealed = open_case(confidentiality="sealed")
    record(sealed, "note.added", {"text": "Escrito mientras estaba sellado"}, actor=judge_in_court)
    log_append()
    cursor = pages(client, limit=50)[-1]["next_cursor"]
    unsealed = {"confidentiality": "public", "grounds": "Ya no hace falta"}
    record(sealed, "case.unsealed", unsealed, actor=judge_in_court)
    log_append()
    items = [i for p in pages(client, limit=50, cursor=cursor) for i in p["items"]]
    assert [(i["case"], i["event"]["type"]) for i in items] == [(sealed.nuid, "case.unsealed")]
    r = client.get(f"{API}/cases/{sealed.nuid}/events?limit=200")
    assert r.status_code == 200, r.content[:300]
    events = json.loads(r.content)["items"]
    assert [e["type"] for e in events] == ["case.opened", "note.added", "case.unsealed"]
    assert events[-1] == items[0]["event"]
    # from the start, the feed gives the whole case, in the log's order
    everything = entries(pages(client, limit=50))
    assert [seq for nuid, seq in everything if nuid == sealed.nuid] == [1, 2, 3]
