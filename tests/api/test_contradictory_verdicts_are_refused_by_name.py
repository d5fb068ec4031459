"""Over the API, a verdict that contradicts itself or the record, and a correction that
changes nothing, are 422 problems naming the field, and nothing is written."""

import datetime as dt
import json

from expediente.docket.models import Event
from tests.conftest import NOW

DELIVERED = NOW - dt.timedelta(days=10)


def to_trial(case, record):
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=NOW - dt.timedelta(days=20))
    record(case, "trial.committed", {}, occurred_at=NOW - dt.timedelta(days=19))


def post(client, case, payload, when=DELIVERED, **extra):
    body = {"type": "verdict.delivered", "occurred_at": when.isoformat(), "payload": payload}
    return client.post(
        f"/api/v1/cases/{case.nuid}/events",
        data=json.dumps(body | extra),
        content_type="application/json",
    )


def problem(response, case, before):
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert Event.objects.filter(case=case).count() == before
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_an_acquittal_with_a_prison_sentence(api_clerk, accused_case, record):
    to_trial(accused_case, record)
    before = Event.objects.filter(case=accused_case).count()
    payload = {"accused": "P1", "outcome": "acquitted", "custodial": True, "sentence_months": 24}
    errors = problem(post(api_clerk, accused_case, payload), accused_case, before)
    assert set(errors) == {"payload.custodial", "payload.sentence_months"}
    assert errors["payload.custodial"].startswith("only applies when outcome is convicted")


def test_a_prison_sentence_of_no_months(api_clerk, accused_case, record):
    to_trial(accused_case, record)
    before = Event.objects.filter(case=accused_case).count()
    payload = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 0}
    assert list(problem(post(api_clerk, accused_case, payload), accused_case, before)) == [
        "payload.sentence_months"
    ]


def test_a_second_verdict_for_the_same_accused(api_clerk, accused_case, record):
    to_trial(accused_case, record)
    payload = {"accused": "P1", "outcome": "convicted"}
    assert post(api_clerk, accused_case, payload).status_code == 201
    before = Event.objects.filter(case=accused_case).count()
    again = post(api_clerk, accused_case, payload, when=DELIVERED + dt.timedelta(days=1))
    assert "already on the record" in problem(again, accused_case, before)["payload.accused"]


def test_a_verdict_before_the_trial(api_clerk, accused_case, record):
    to_trial(accused_case, record)
    before = Event.objects.filter(case=accused_case).count()
    early = post(
        api_clerk,
        accused_case,
        {"accused": "P1", "outcome": "acquitted"},
        when=NOW - dt.timedelta(days=25),
    )
    assert list(problem(early, accused_case, before)) == ["occurred_at"]


def test_a_correction_that_changes_nothing(api_clerk, accused_case, record):
    to_trial(accused_case, record)
    payload = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 24}
    seq = post(api_clerk, accused_case, payload).json()["seq"]
    before = Event.objects.filter(case=accused_case).count()
    same = post(
        api_clerk, accused_case, payload, corrects=seq, correction_reason="It says the same"
    )
    errors = problem(same, accused_case, before)
    assert errors["payload"].startswith("the correction changes nothing")
