"""Over the API, a case whose appeal overturned the verdict is not closed as finally
acquitted (nor for another reason that reads the judgment as final) until the appeal
court's verdict is recorded: a 422 problem naming ``payload.reason`` and the accused,
nothing written. With the verdict recorded it closes; closing for ``other`` stays open;
a correction of a closing into a final acquittal is refused the same way."""

import datetime as dt

import pytest

from expediente.docket.models import Event
from expediente.docket.verdicts import VERDICT
from tests.api.helpers import fields, post_json, problem
from tests.conftest import NOW

DELIVERED, FILED, DECIDED = (NOW - dt.timedelta(days=d) for d in (15, 12, 5))
ON_APPEAL = (NOW - dt.timedelta(days=3)).isoformat()
CLOSING = (NOW - dt.timedelta(days=2)).isoformat()
WHY = "The reason was chosen wrong"


@pytest.fixture
def url(case_url):
    return f"{case_url}/events"


@pytest.fixture
def overturned(accused_case, record):
    record(accused_case, "indictment.filed", {"accused": "P1"}, occurred_at=DELIVERED)
    record(accused_case, "trial.committed", {}, occurred_at=DELIVERED)
    record(accused_case, VERDICT, {"accused": "P1", "outcome": "convicted"}, occurred_at=DELIVERED)
    record(accused_case, "appeal.filed", {"appellant": "P1"}, occurred_at=FILED)
    record(accused_case, "appeal.decided", {"outcome": "overturned"}, occurred_at=DECIDED)
    return accused_case


def closing(reason, **extra):
    return {"type": "case.closed", "occurred_at": CLOSING, "payload": {"reason": reason}} | extra


def count(case):
    return Event.objects.filter(case=case).count()


def test_closing_as_finally_acquitted_waits_for_the_appeal_courts_verdict(
    api_clerk, overturned, url
):
    before = count(overturned)
    p = problem(post_json(api_clerk, url, closing("acquittal_final")), 422, "invalid")
    assert fields(p) == ["payload.reason"]
    said = p["errors"][0]["message"]
    assert "the appeal court's verdict is not recorded for José Pérez Mora (P1)" in said
    assert "record it before closing the case for this reason" in said
    assert count(overturned) == before
    assert api_clerk.get(url.removesuffix("/events")).json()["stage"]["id"] == "judgment"

    acquitted = {"accused": "P1", "outcome": "acquitted"}
    body = {"type": VERDICT, "occurred_at": ON_APPEAL, "payload": acquitted}
    assert post_json(api_clerk, url, body).status_code == 201
    assert post_json(api_clerk, url, closing("acquittal_final")).status_code == 201
    assert api_clerk.get(url.removesuffix("/events")).json()["stage"]["id"] == "closed"


def test_closing_for_another_reason_is_recorded(api_clerk, overturned, url):
    assert post_json(api_clerk, url, closing("other")).status_code == 201


def test_a_closing_is_not_corrected_into_a_final_acquittal(api_clerk, overturned, url, record):
    closed = post_json(api_clerk, url, closing("other")).json()["seq"]
    reopen = {"type": "case.reopened", "occurred_at": CLOSING, "payload": {"reason": "Revisión"}}
    assert post_json(api_clerk, url, reopen).status_code == 201
    before = count(overturned)
    body = closing("acquittal_final", corrects=closed, correction_reason=WHY)
    p = problem(post_json(api_clerk, url, body), 422, "invalid")
    assert fields(p) == ["payload.reason"]
    assert "before this closing" in p["errors"][0]["message"]
    assert count(overturned) == before
