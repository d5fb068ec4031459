"""GET /api/v1/courts/{code}/deadlines: a court's open deadlines, most urgent first."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client

from expediente.access.models import User
from expediente.access.tokens import token_create
from expediente.api import deadlines
from expediente.docket.models import Case
from tests.api.helpers import problem
from tests.conftest import LATER, PERSON

URL = "/api/v1/courts/sj-penal/deadlines"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """The list is read at LATER, nine months after NOW, whatever day the tests run."""
    monkeypatch.setattr(deadlines, "timezone", SimpleNamespace(now=lambda: LATER))


@pytest.fixture
def detained(open_case, record, custody, at):
    """Three people: one arrested 20 hours before LATER (due soon), one arrested two days
    before NOW (overdue), one arrested and ordered detained the day before NOW (the order
    met the 24 hours to be placed before a judge)."""
    cases = []
    for steps in (
        [(LATER - dt.timedelta(hours=20), "arrested")],
        [(at(2), "arrested")],
        [(at(1, 8), "arrested"), (at(1), "pretrial_ordered")],
    ):
        case = open_case()
        record(case, "participant.added", {"role": "accused", "person": PERSON})
        for when, what in steps:
            custody(case, what, when)
        cases.append(case)
    return cases


def listed(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_it_lists_open_deadlines_most_urgent_first(api_reader, detained):
    body = listed(api_reader)
    rules = [(i["case"], i["rule"], i["status"]) for i in body["items"]]
    soon, overdue, ordered = (c.nuid for c in detained)
    assert rules == [
        (overdue, "cr.presentation_to_judge", "overdue"),
        (ordered, "cr.pretrial_review", "overdue"),
        (soon, "cr.presentation_to_judge", "due_soon"),
        (ordered, "cr.pretrial_maximum", "pending"),
        (ordered, "cr.pretrial_order_term", "pending"),  # the order's own date
    ]
    assert body["next_cursor"] is None
    first = body["items"][0]
    assert first["person"] == {"participant": "P1", "name": "José Pérez Mora"}
    assert first["law"] == {"text": "Constitución Política", "article": "37", "flag": "V"}
    assert first["effect"] == "alert"
    assert first["alert_roles"] == ["judge", "prosecutor", "defence", "public_defender"]
    assert first["computed_from"] == [3]  # opened, accused added, arrested
    # es default
    assert first["explanation"].startswith("Puesta a la orden de la autoridad judicial vence el")


def test_it_explains_in_the_language_asked_for(api_reader, detained):
    response = api_reader.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    first = response.json()["items"][0]
    assert first["label"] == "Detainee placed before a judge"
    assert first["explanation"].startswith("Detainee placed before a judge due ")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("overdue", ["cr.presentation_to_judge", "cr.pretrial_review"]),
        ("due_soon", ["cr.presentation_to_judge"]),
        ("pending", ["cr.pretrial_maximum", "cr.pretrial_order_term"]),
    ],
)
def test_it_filters_by_status(api_reader, detained, status, expected):
    items = listed(api_reader, status=status)["items"]
    assert [i["rule"] for i in items] == expected
    assert {i["status"] for i in items} == {status}


def test_it_pages_with_a_cursor(api_reader, detained):
    seen, cursor = [], None
    while True:
        body = listed(api_reader, limit=1, **({"cursor": cursor} if cursor else {}))
        seen += [i["key"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [i["key"] for i in listed(api_reader)["items"]]
    assert len(seen) == 5


def test_a_court_the_token_may_not_see_does_not_exist(api_outsider, detained):
    p = problem(api_outsider.get(URL), 404, "not-found")
    assert p["detail"] == "no court 'sj-penal'"
    assert problem(api_outsider.get("/api/v1/courts/nowhere/deadlines"), 404)["detail"] == (
        "no court 'nowhere'"
    )


def test_a_bad_status_is_refused(api_reader, detained):
    p = problem(api_reader.get(URL, {"status": "late"}), 422, "invalid")
    assert [e["field"] for e in p["errors"]] == ["status"]


def test_a_cursor_it_did_not_give_out_is_refused(api_reader, detained):
    p = problem(api_reader.get(URL, {"cursor": "bm9wZQ"}), 422, "invalid")
    assert [e["field"] for e in p["errors"]] == ["cursor"]


def test_a_token_without_the_read_scope_is_forbidden(detained):
    writer = User.objects.create(username="writer", is_system=True)
    _, secret = token_create(user=writer, name="w", scopes=["cases:write"])
    problem(Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(URL), 403, "forbidden")


def test_a_sealed_case_is_not_listed_to_a_token(api_reader, detained):
    sealed = detained[1]
    Case.objects.filter(pk=sealed.pk).update(confidentiality="sealed")
    assert sealed.nuid not in {i["case"] for i in listed(api_reader)["items"]}


# Issue 6: the list goes through the disclosure rules and logs its reads.


def _inserts_into_the_log(ctx):
    from expediente.access.access_log import AccessRecord

    table = AccessRecord._meta.db_table
    return sum(
        1
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith("INSERT") and table in q["sql"]
    )


def test_a_protected_person_is_named_by_pseudonym(api_reader, open_case, record, custody, at):
    case = open_case()
    record(
        case,
        "participant.added",
        {"role": "accused", "protected": True, "pseudonym": "Imputado X", "person": PERSON},
    )
    custody(case, "arrested", at(1, 8))
    custody(case, "pretrial_ordered", at(1))
    response = api_reader.get(URL)
    assert response.status_code == 200
    names = {i["person"]["name"] for i in response.json()["items"]}
    assert names == {"Imputado X"}
    assert "Pérez" not in response.content.decode()


def test_each_case_listed_is_one_log_line_written_in_one_insert(api_reader, detained):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from expediente.access.access_log import AccessRecord

    api_reader.get(URL)  # the token is looked up and remembered on the first request
    before = AccessRecord.objects.count()
    assert before == len({c.pk for c in detained})  # the first page's reads
    with CaptureQueriesContext(connection) as ctx:
        items = listed(api_reader)["items"]
    assert _inserts_into_the_log(ctx) == 1
    lines = AccessRecord.objects.order_by("id")[before:]
    assert sorted(r.case_id for r in lines) == sorted(c.pk for c in detained)
    assert {i["case"] for i in items} == {c.nuid for c in detained}
    for r in lines:
        assert (r.channel, r.audience, r.actor_label, r.classes) == (
            "api",
            "api",
            "system:api-reader",  # a system account's token
            ["names"],
        )


def test_a_sealed_case_is_not_listed_nor_logged(api_reader, detained):
    from expediente.access.access_log import AccessRecord

    sealed = detained[1]
    Case.objects.filter(pk=sealed.pk).update(confidentiality="sealed")
    items = listed(api_reader)["items"]
    assert sealed.nuid not in {i["case"] for i in items}
    assert not AccessRecord.objects.filter(case=sealed).exists()


def test_an_empty_page_writes_nothing(api_reader, court):
    from expediente.access.access_log import AccessRecord

    assert listed(api_reader)["items"] == []
    assert not AccessRecord.objects.exists()
