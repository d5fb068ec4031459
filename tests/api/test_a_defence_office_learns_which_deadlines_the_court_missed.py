"""``GET /courts/{code}/deadlines/missed``: the deadlines a court missed, those that
ended after their time had run out, met late or never met, the latest ended first; each
as the open deadlines route shows it, with when and how it ended and how late."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from expediente.api import missed_route
from tests.api.helpers import API, problem
from tests.conftest import LATER
from tests.custody.conftest import custody  # noqa: F401  (the fixture, shared)
from tests.custody.test_what_the_court_missed import held, on

URL = f"{API}/courts/sj-penal/deadlines/missed"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """Asked at LATER (30 November 2026), whatever day the tests run."""
    monkeypatch.setattr(missed_route, "timezone", SimpleNamespace(now=lambda: LATER))


@pytest.fixture
def missed(open_case, record, custody):  # noqa: F811  (the imported fixture)
    """A review whose overdue count the accused's request restarted (10 October), one
    held five weeks late (10 November), one held in time, and one missed in January."""
    restarted = held(open_case, record, custody, on(2026, 6, 2, 11))
    record(restarted, "custody.review_requested", {"person": "P1"}, occurred_at=on(2026, 10, 10))
    late = held(open_case, record, custody, on(2026, 7, 2, 11))
    custody(late, "pretrial_reviewed", on(2026, 11, 10))
    in_time = held(open_case, record, custody, on(2026, 7, 2, 11))
    custody(in_time, "pretrial_reviewed", on(2026, 9, 1))
    january = held(open_case, record, custody, on(2025, 9, 14, 11))
    record(january, "custody.review_requested", {"person": "P1"}, occurred_at=on(2026, 1, 20))
    return SimpleNamespace(restarted=restarted, late=late, january=january)


def items(client, query: str = "") -> list[dict]:
    r = client.get(URL + query)
    assert r.status_code == 200, r.content[:400]
    return json.loads(r.content)["items"]


def test_the_last_90_days_latest_ended_first(make_client, missed):
    client, _ = make_client(["cases:read"], agency="public_defence")
    got = items(client)
    assert [(i["case"], i["outcome"], i["status"]) for i in got] == [
        (missed.late.nuid, "met_late", "satisfied"),
        (missed.restarted.nuid, "not_met", "stopped"),
    ]
    late, restarted = got
    assert late["rule"] == restarted["rule"] == "cr.pretrial_review"
    assert late["law"]["article"] == "253"
    assert late["ended_by"]["type"] == "custody.pretrial_reviewed"
    assert restarted["ended_by"]["type"] == "custody.review_requested"
    assert restarted["ended_at"].startswith("2026-10-10T16:00:00")  # 10:00 in San José
    # due by the end of 2 October (midnight in San José, 06:00 UTC), met 10 November 10:00
    assert late["due_at"].startswith("2026-10-03T06:00:00")
    assert late["late_seconds"] == (38 * 24 + 10) * 3600
    assert late["person"]["name"]  # named as the token may see them
    assert late["owed_by"] == restarted["owed_by"] == "court"


def test_since_reaches_further_back(make_client, missed):
    client, _ = make_client(["cases:read"])
    got = items(client, "?since=2026-01-01T00:00:00Z")
    expected = [missed.late.nuid, missed.restarted.nuid, missed.january.nuid]
    assert [i["case"] for i in got] == expected


def test_pages_go_back_without_repeating(make_client, missed):
    client, _ = make_client(["cases:read"])
    seen, query = [], "?since=2026-01-01T00:00:00Z&limit=1"
    while True:
        r = json.loads(client.get(URL + query).content)
        seen += [i["case"] for i in r["items"]]
        if not r["next_cursor"]:
            break
        query = f"?since=2026-01-01T00:00:00Z&limit=1&cursor={r['next_cursor']}"
    assert seen == [missed.late.nuid, missed.restarted.nuid, missed.january.nuid]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?since=2026-01-01T00:00:00", "since"),  # no offset
        ("?since=yesterday", "since"),
        ("?since=2027-01-01T00:00:00Z", "since"),  # after now
        ("?cursor=bm9wZQ", "cursor"),
        ("?limit=0", "limit"),
        ("?status=overdue", "status"),
        ("?owed_by=defence", "owed_by"),
    ],
)
def test_bad_input_is_refused_by_name(make_client, missed, query, field):
    client, _ = make_client(["cases:read"])
    p = problem(client.get(URL + query), 422)
    assert field in {e["field"].split(".")[-1] for e in p["errors"]}


def test_another_courts_token_is_told_no_such_court(make_client, missed, other_court):
    client, _ = make_client(["cases:read"], courts=[other_court.code])
    p = problem(client.get(URL), 404)
    assert p["detail"] == "no court 'sj-penal'"


def test_an_order_extended_after_it_had_run_out_is_listed_so(
    make_client,
    open_case,
    record,
    custody,  # noqa: F811  (the imported fixture)
):
    from tests.custody.test_what_the_court_missed import held_until

    case = held_until(open_case, record, custody, on(2026, 6, 2, 11), "2026-08-01")
    custody(case, "pretrial_extended", on(2026, 9, 1), until="2026-12-31")
    client, _ = make_client(["cases:read"])
    (item,) = [i for i in items(client) if i["rule"] == "cr.pretrial_order_term"]
    assert item["outcome"] == "extended_late"
    assert item["ended_by"]["type"] == "custody.pretrial_extended"
    assert item["case"] == case.nuid
    assert item["missed_due_at"].startswith("2026-08-02T06:00:00")  # the end of 1 August
    assert item["due_at"].startswith("2027-01-01T06:00:00")  # the extension's last day
    assert item["status"] == "pending"
    assert item["late_seconds"] == (30 * 24 + 10) * 3600


def test_a_since_with_no_moment_in_utc_is_refused_by_name(make_client, missed):
    client, _ = make_client(["cases:read"])
    p = problem(client.get(URL + "?since=0001-01-01T00:00:00%2B14:00"), 422)
    assert [e["field"].split(".")[-1] for e in p["errors"]] == ["since"]


@pytest.fixture
def request_late(open_case, record, custody):  # noqa: F811  (the imported fixture)
    """Costa Rica's CPP art. 238: the prosecution asked for the detention hearing 14
    hours after its 24 had run out (the judge is alerted of it too)."""
    from tests.custody.test_what_the_prosecution_did_late_is_listed_apart import late_request

    return late_request(open_case, record, custody)


def test_the_prosecutions_late_request_is_not_listed_as_the_courts(
    make_client, missed, request_late
):
    client, _ = make_client(["cases:read"])
    assert request_late.nuid not in [i["case"] for i in items(client)]
    assert request_late.nuid not in [i["case"] for i in items(client, "?owed_by=court")]


def test_asked_for_the_prosecutions_the_line_says_it_owed_it(make_client, missed, request_late):
    client, _ = make_client(["cases:read"])
    (item,) = items(client, "?owed_by=prosecution")
    assert item["case"] == request_late.nuid
    assert item["rule"] == "cr.custody_hearing_request"
    assert item["owed_by"] == "prosecution"
    assert item["outcome"] == "met_late"
    assert item["late_seconds"] == 14 * 3600
    both = items(client, "?owed_by=any")
    assert [(i["case"], i["owed_by"]) for i in both] == [
        (missed.late.nuid, "court"),
        (request_late.nuid, "prosecution"),
        (missed.restarted.nuid, "court"),
    ]


def test_pages_of_anyones_go_back_without_repeating(make_client, missed, request_late):
    client, _ = make_client(["cases:read"])
    base = "?since=2026-01-01T00:00:00Z&limit=1&owed_by=any"
    seen, query = [], base
    while True:
        r = json.loads(client.get(URL + query).content)
        seen += [i["case"] for i in r["items"]]
        if not r["next_cursor"]:
            break
        query = f"{base}&cursor={r['next_cursor']}"
    assert seen == [
        missed.late.nuid,
        request_late.nuid,
        missed.restarted.nuid,
        missed.january.nuid,
    ]


@pytest.mark.parametrize(
    ("query", "owed_by", "since"),
    [
        ("", "court", "2026-09-01T"),  # 90 days before LATER
        ("?owed_by=any&since=2026-01-01T00:00:00Z", "any", "2026-01-01T00:00:00"),
        ("?owed_by=prosecution", "prosecution", "2026-09-01T"),
    ],
)
def test_the_page_says_whose_deadlines_and_how_far_back_it_lists(
    make_client, missed, query, owed_by, since
):
    """A client that left ``owed_by`` out is told it got the court's own only, and from
    when: the page says what it lists, not only the items."""
    client, _ = make_client(["cases:read"])
    r = client.get(URL + query)
    assert r.status_code == 200, r.content[:400]
    page = json.loads(r.content)
    assert page["owed_by"] == owed_by
    assert page["since"].startswith(since)
