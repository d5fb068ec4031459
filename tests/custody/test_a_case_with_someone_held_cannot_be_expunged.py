"""An expunction order takes the case, and the detainee's review, order-term and maximum
deadlines with it, from the clerks' pages and due lists for good. While anyone is held
in custody in the case it is refused (a product safeguard, docs/privacy.md), naming the
people held, through the service, the court's form and the API; nothing is written. A
sealing stays possible (it can be lifted, and judges keep the case and its clock). A
clerk whose order took the case from them lands on the case list, told so, not on a 404.
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.messages import get_messages

from expediente.access.models import Expunction
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from expediente.docket.services import event_record
from tests.api.helpers import PAST, post_json, problem
from tests.conftest import _client

BASIS = {"basis": "Ley de ejemplo, art. 1 (prueba)", "grounds": "Orden"}
HELD = "P1 (José Pérez Mora)"


@pytest.fixture
def held_case(accused_case, custody, at):  # type: ignore[no-untyped-def]
    custody(accused_case, "arrested", at(20))
    custody(accused_case, "pretrial_ordered", at(18))
    accused_case.refresh_from_db()
    return accused_case


def expunge(case, actor, at):  # type: ignore[no-untyped-def]
    return event_record(
        case=case, type="case.expunged", payload=BASIS, actor=actor, occurred_at=at(1)
    )


def test_the_service_refuses_it_naming_who_is_held_and_writes_nothing(
    held_case, judge_in_court, rows, at
):
    before = rows(held_case)
    with pytest.raises(InvalidInput) as exc:
        expunge(held_case, judge_in_court, at)
    [error] = exc.value.errors
    assert error["field"] == "type"
    assert "cannot be expunged while someone is held in custody" in error["message"]
    assert HELD in error["message"]
    assert "Record their release first" in error["message"]
    assert rows(held_case) == before
    assert not Expunction.objects.exists()
    held_case.refresh_from_db()
    assert held_case.confidentiality == "public"


def test_after_the_release_it_is_recorded(held_case, judge_in_court, custody, at):
    custody(held_case, "released", at(5))
    held_case.refresh_from_db()
    assert expunge(held_case, judge_in_court, at).created
    assert Expunction.objects.filter(case=held_case).exists()


def test_a_sealing_is_still_recorded_while_someone_is_held(held_case, judge_in_court, at):
    recorded = event_record(
        case=held_case,
        type="case.sealed",
        payload={"grounds": "Protección de una víctima menor de edad"},
        actor=judge_in_court,
        occurred_at=at(1),
    )
    assert recorded.created
    held_case.refresh_from_db()
    assert held_case.confidentiality == "sealed"


def form_post(client, case, language="en"):  # type: ignore[no-untyped-def]
    url = f"/court/cases/{case.nuid}/record/case.expunged/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    html = page.content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    data = {**hidden, **BASIS, "occurred_at": page.context["form"]["occurred_at"].value()}
    if not isinstance(data["occurred_at"], str):
        data["occurred_at"] = data["occurred_at"].strftime("%Y-%m-%dT%H:%M")
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Record their release first"),
        ("es", "Registre primero su liberación"),
        ("pt", "Registre primeiro a sua soltura"),
        ("fr", "Enregistrez d’abord leur libération"),
    ],
)
def test_the_clerks_form_says_so_and_records_nothing(held_case, clerk_client, language, words):
    before = Event.objects.filter(case=held_case).count()
    response = form_post(clerk_client, held_case, language)
    assert response.status_code == 200  # the form again, with the reason
    text = response.content.decode().replace("&#x27;", "’").replace("&quot;", '"')
    assert words in text
    assert HELD in text
    assert Event.objects.filter(case=held_case).count() == before
    assert not Expunction.objects.exists()


def test_a_clerk_who_expunges_lands_on_the_case_list_told_so(accused_case, clerk_client):
    response = form_post(clerk_client, accused_case)
    assert response.status_code == 302
    assert response["Location"] == "/court/cases/"
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Recorded: Case expunged" in said
    assert any(accused_case.nuid in m and "no longer shown to you" in m for m in said)
    assert clerk_client.get("/court/cases/").status_code == 200


def test_the_api_answers_422_naming_the_rule(held_case):
    client = _client("court-system", ["cases:read", "cases:write", "cases:seal"])
    body = {"type": "case.expunged", "occurred_at": PAST, "payload": BASIS}
    p = problem(post_json(client, f"/api/v1/cases/{held_case.nuid}/events", body), 422)
    [error] = p["errors"]
    assert error["field"] == "type"
    assert "while someone is held in custody" in error["message"]
    assert HELD in json.dumps(p, ensure_ascii=False)
    assert not Event.objects.filter(case=held_case, type="case.expunged").exists()


# QA: a person who escaped has no open custody period, so the order passed; someone at
# large is still under the criminal process.


def test_the_service_refuses_it_while_someone_is_at_large(
    held_case, judge_in_court, custody, rows, at
):
    custody(held_case, "escaped", at(10))
    held_case.refresh_from_db()
    before = rows(held_case)
    with pytest.raises(InvalidInput) as exc:
        expunge(held_case, judge_in_court, at)
    [error] = exc.value.errors
    assert error["field"] == "type"
    assert "while someone in it is at large" in error["message"]
    assert HELD in error["message"]
    assert "Record their recapture first" in error["message"]
    assert set(exc.value.words) == {"type"}
    assert rows(held_case) == before
    assert not Expunction.objects.exists()


def test_after_the_recapture_and_the_release_it_is_recorded(held_case, judge_in_court, custody, at):
    custody(held_case, "escaped", at(10))
    custody(held_case, "recaptured", at(8))
    custody(held_case, "released", at(5))
    held_case.refresh_from_db()
    assert expunge(held_case, judge_in_court, at).created


def test_the_api_answers_422_for_someone_at_large(held_case, custody, at):
    custody(held_case, "escaped", at(10))
    client = _client("court-system", ["cases:read", "cases:write", "cases:seal"])
    body = {"type": "case.expunged", "occurred_at": PAST, "payload": BASIS}
    p = problem(post_json(client, f"/api/v1/cases/{held_case.nuid}/events", body), 422)
    assert [e["field"] for e in p["errors"]] == ["type"]
    assert "at large" in p["errors"][0]["message"]
    assert not Event.objects.filter(case=held_case, type="case.expunged").exists()


# A detention order for someone not in custody holds nobody until the arrest (custody/
# periods.py), so no custody period stood in the way: the person is wanted, still under
# the criminal process.


def test_the_service_refuses_it_while_an_order_awaits_the_arrest(
    accused_case, judge_in_court, custody, rows, at
):
    custody(accused_case, "pretrial_ordered", at(20))
    accused_case.refresh_from_db()
    before = rows(accused_case)
    with pytest.raises(InvalidInput) as exc:
        expunge(accused_case, judge_in_court, at)
    [error] = exc.value.errors
    assert error["field"] == "type"
    assert "a detention order against someone in it awaits their arrest" in error["message"]
    assert HELD in error["message"]
    assert set(exc.value.words) == {"type"}
    assert rows(accused_case) == before
    assert not Expunction.objects.exists()
    custody(accused_case, "pretrial_lifted", at(5))  # the order lifted: nothing awaits
    accused_case.refresh_from_db()
    assert expunge(accused_case, judge_in_court, at).created
