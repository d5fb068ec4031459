"""Sealing, unsealing and expunging a case take it out of every view outside the court,
or put it back: only the court's staff (a judge, or the clerk recording the judge's
order) and a token given the ``cases:seal`` scope on purpose may record those orders.
A prosecution office's or a prison's system with ``cases:write`` records its entries
but cannot seal, unseal or expunge a case, through the API or the service."""

import datetime as dt

import pytest

from expediente.access.models import Membership, User
from expediente.access.policy import Actor
from expediente.docket.errors import PermissionDenied
from expediente.docket.models import Case, Court, Event
from expediente.docket.services import event_record
from tests.api.helpers import PAST, post_json, problem
from tests.conftest import NOW

ORDERS = {
    "case.sealed": {"grounds": "Orden del juez: protección de la víctima"},
    "case.expunged": {"basis": "Ley de ejemplo, art. 1 (prueba)", "grounds": "Orden"},
}


def staff(court: Court, role: str) -> Actor:
    user = User.objects.create(username=f"staff-{role}")
    Membership.objects.create(user=user, court=court, role=role, active=True)
    return Actor.staff(user)


def events_of(case: Case) -> int:
    return Event.objects.filter(case=case).count()


@pytest.mark.parametrize("order", sorted(ORDERS))
def test_a_cases_write_token_is_refused_and_nothing_is_written(
    api_clerk, accused_case, case_url, order
):
    before = events_of(accused_case)
    body = {"type": order, "occurred_at": PAST, "payload": ORDERS[order]}
    p = problem(post_json(api_clerk, f"{case_url}/events", body), 403, "forbidden")
    assert order in p["detail"]
    assert "cases:seal" in p["detail"]
    assert events_of(accused_case) == before
    accused_case.refresh_from_db()
    assert accused_case.confidentiality == "public"


def test_unsealing_is_refused_to_it_too(api_clerk, accused_case, case_url, court, record):
    record(accused_case, "case.sealed", ORDERS["case.sealed"], actor=staff(court, "judge"))
    before = events_of(accused_case)
    body = {
        "type": "case.unsealed",
        "occurred_at": PAST,
        "payload": {"confidentiality": "public", "grounds": "Orden"},
    }
    # a sealed case does not exist for a token at all: refused before the order is read
    problem(post_json(api_clerk, f"{case_url}/events", body), 404, "not-found")
    assert events_of(accused_case) == before


def test_a_token_with_the_sealing_scope_seals_the_case(make_client, accused_case, case_url):
    client, _ = make_client(["cases:read", "cases:write", "cases:seal"], user="court-system")
    body = {"type": "case.sealed", "occurred_at": PAST, "payload": ORDERS["case.sealed"]}
    assert post_json(client, f"{case_url}/events", body).status_code == 201
    accused_case.refresh_from_db()
    assert accused_case.confidentiality == "sealed"


def test_the_same_token_without_it_still_records_its_other_entries(api_clerk, case_url):
    body = {"type": "note.added", "occurred_at": PAST, "payload": {"text": "Oficio recibido"}}
    assert post_json(api_clerk, f"{case_url}/events", body).status_code == 201


@pytest.mark.parametrize("role", ["clerk", "judge"])
def test_the_courts_clerk_and_judge_record_the_order(accused_case, court, role):
    recorded = event_record(
        case=accused_case,
        type="case.sealed",
        payload=ORDERS["case.sealed"],
        actor=staff(court, role),
        occurred_at=NOW - dt.timedelta(days=1),
    )
    assert recorded.created
    accused_case.refresh_from_db()
    assert accused_case.confidentiality == "sealed"


def test_the_service_refuses_a_scope_actor_without_it(accused_case, clerk):
    with pytest.raises(PermissionDenied, match="cases:seal"):
        event_record(
            case=accused_case,
            type="case.expunged",
            payload=ORDERS["case.expunged"],
            actor=clerk,
            occurred_at=NOW - dt.timedelta(days=1),
        )
    assert not Event.objects.filter(case=accused_case, type="case.expunged").exists()


OPEN_SEALED = {
    "court": "sj-penal",
    "procedure": "adult",
    "occurred_at": PAST,
    "confidentiality": "sealed",
}


def test_opening_a_case_sealed_needs_the_sealing_scope(api_clerk, court):
    # It was opened, then answered 404: the caller thought it had failed, and each retry
    # opened another case hidden from it.
    body = problem(post_json(api_clerk, "/api/v1/cases", OPEN_SEALED, key="s-1"), 403, "forbidden")
    assert "cases:seal" in body["detail"]
    assert [e["field"] for e in body["errors"]] == ["confidentiality"]
    assert not Case.objects.exists()


def test_a_sealing_token_opens_it_and_is_told_what_identifies_it(make_client, court):
    client, _ = make_client(["cases:read", "cases:write", "cases:seal"], user="court-system")
    response = post_json(client, "/api/v1/cases", OPEN_SEALED, key="s-2")
    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get()
    assert case.confidentiality == "sealed"
    assert body["nuid"] == case.nuid
    assert body["confidentiality"] == "sealed"
    assert "participants" not in body  # nothing the case holds
    again = post_json(client, "/api/v1/cases", OPEN_SEALED, key="s-2")
    assert again.status_code == 200
    assert again.json()["nuid"] == case.nuid
    assert Case.objects.count() == 1
