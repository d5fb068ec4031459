"""QA: "hearing not held: the detained person was not brought" (reason
``transport_failed``) was accepted in a case where nobody was in custody, so the record
said someone was held who was not. The write path refuses it (the hearing projector's
``check``) when nobody in the case was in custody at the hearing's time or at the
entry's, naming ``payload.reason``; nothing is written. The event service, the API and
the clerk's form all say so."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from expediente.court.models import Sitting
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from tests.api.helpers import fields, message, post_json, problem
from tests.conftest import NOW
from tests.court.forms.helpers import events, field_error, record_url, submit, summary_links

HEARING_AT = NOW - dt.timedelta(days=5)
NOT_BROUGHT = {"hearing": "H1", "reason": "transport_failed"}


def ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


@pytest.fixture
def hearing(accused_case, record):
    payload = {"hearing": "H1", "kind": "preliminary", "starts_at": HEARING_AT.isoformat()}
    record(accused_case, "hearing.scheduled", payload, occurred_at=ago(20))
    return accused_case


def nothing_written(case, before: int) -> None:
    assert Event.objects.filter(case=case).count() == before
    assert Sitting.objects.get(case=case, hearing="H1").status == "scheduled"


def test_the_service_refuses_it_when_nobody_was_ever_held(hearing, record):
    before = Event.objects.filter(case=hearing).count()
    with pytest.raises(InvalidInput) as refused:
        record(hearing, "hearing.not_held", NOT_BROUGHT, occurred_at=HEARING_AT)
    assert [e["field"] for e in refused.value.errors] == ["payload.reason"]
    assert "nobody was at" in refused.value.errors[0]["message"]
    assert set(refused.value.words) == {"payload.reason"}
    nothing_written(hearing, before)


def test_the_service_refuses_it_for_someone_at_large(hearing, record):
    record(hearing, "custody.arrested", {"person": "P1"}, occurred_at=ago(15))
    record(hearing, "custody.escaped", {"person": "P1"}, occurred_at=ago(10))
    before = Event.objects.filter(case=hearing).count()
    with pytest.raises(InvalidInput):
        record(hearing, "hearing.not_held", NOT_BROUGHT, occurred_at=HEARING_AT)
    nothing_written(hearing, before)


def test_it_is_taken_while_someone_is_held(hearing, record):
    record(hearing, "custody.arrested", {"person": "P1"}, occurred_at=ago(15))
    record(hearing, "hearing.not_held", NOT_BROUGHT, occurred_at=HEARING_AT)
    assert Sitting.objects.get(case=hearing, hearing="H1").status == "not_held"


def test_it_is_taken_when_someone_was_held_at_the_hearing_and_released_since(hearing, record):
    record(hearing, "custody.arrested", {"person": "P1"}, occurred_at=ago(15))
    record(
        hearing,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        occurred_at=ago(4),
    )
    # the clerk records the adjournment after the release: the hearing's time counts
    record(hearing, "hearing.not_held", NOT_BROUGHT, occurred_at=ago(3))
    assert Sitting.objects.get(case=hearing, hearing="H1").status == "not_held"


def test_another_reason_is_taken_without_anyone_held(hearing, record):
    not_held = {"hearing": "H1", "reason": "judge_unavailable"}
    record(hearing, "hearing.not_held", not_held, occurred_at=HEARING_AT)
    assert Sitting.objects.get(case=hearing, hearing="H1").status == "not_held"


def test_the_api_answers_422_naming_the_field(hearing, api_clerk):
    before = Event.objects.filter(case=hearing).count()
    body = {
        "type": "hearing.not_held",
        "occurred_at": HEARING_AT.isoformat(),
        "payload": NOT_BROUGHT,
    }
    p = problem(post_json(api_clerk, f"/api/v1/cases/{hearing.nuid}/events", body), 422, "invalid")
    assert fields(p) == ["payload.reason"]
    assert "transport_failed" in message(p, "payload.reason") or "not brought" in message(
        p, "payload.reason"
    )
    nothing_written(hearing, before)


def test_the_clerk_s_form_shows_why_next_to_the_reason(hearing, staff_client):
    before = len(events(hearing))
    local = HEARING_AT.astimezone(ZoneInfo(hearing.court.timezone))
    response = submit(
        staff_client,
        record_url(hearing, "hearing.not_held"),
        {
            "hearing": "H1",
            "reason": "transport_failed",
            "occurred_at": local.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 200
    said = field_error(response, "reason")
    assert said.startswith("“The detained person was not brought” fits only a hearing where")
    # the summary names the field: the message quotes an option, not the field's label
    assert ("id_reason", f"Reason: {said}") in summary_links(response)
    assert len(events(hearing)) == before
