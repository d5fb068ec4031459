"""A hearing's id names it once: scheduling the same id again silently moved the hearing
(the old date left the calendar) and told the family "Hearing scheduled" each time; it is
refused, pointing to hearing.rescheduled. A hearing typed for 2099 became the case's next
hearing: a date more than five years ahead is refused, naming the field and the last day
taken. Nothing is written either time."""

import datetime as dt

import pytest
from django.utils import timezone

from expediente.court.models import Sitting
from expediente.docket.models import Event
from tests.api.helpers import PAST, fields, message, post_json, problem


def _at(days: int) -> str:
    return (timezone.now() + dt.timedelta(days=days)).replace(microsecond=0).isoformat()


def _schedule(client, url, hearing="H1", starts_at=None):
    payload = {"hearing": hearing, "kind": "trial", "starts_at": starts_at or _at(30)}
    return post_json(
        client, url, {"type": "hearing.scheduled", "occurred_at": PAST, "payload": payload}
    )


@pytest.fixture
def url(case_url):
    return f"{case_url}/events"


def test_an_id_already_scheduled_is_refused_and_rescheduling_moves_it(api_clerk, accused_case, url):
    assert _schedule(api_clerk, url).status_code == 201
    before = Event.objects.filter(case=accused_case).count()
    p = problem(_schedule(api_clerk, url, starts_at=_at(60)), 422, "invalid")
    assert fields(p) == ["payload.hearing"]
    assert "hearing.rescheduled" in message(p, "payload.hearing")
    assert Event.objects.filter(case=accused_case).count() == before
    assert Sitting.objects.filter(case=accused_case, hearing="H1").count() == 1

    moved = {"hearing": "H1", "starts_at": _at(60), "reason": "agenda del tribunal"}
    body = {"type": "hearing.rescheduled", "occurred_at": PAST, "payload": moved}
    assert post_json(api_clerk, url, body).status_code == 201
    assert _schedule(api_clerk, url, hearing="H2").status_code == 201


@pytest.mark.parametrize("years", [6, 73])
def test_a_hearing_years_ahead_is_refused(api_clerk, accused_case, url, years):
    before = Event.objects.filter(case=accused_case).count()
    p = problem(_schedule(api_clerk, url, starts_at=_at(years * 366)), 422, "invalid")
    assert fields(p) == ["payload.starts_at"]
    assert "check the year" in message(p, "payload.starts_at")
    assert Event.objects.filter(case=accused_case).count() == before


def test_a_hearing_four_years_ahead_is_taken(api_clerk, url):
    assert _schedule(api_clerk, url, starts_at=_at(4 * 365)).status_code == 201


def test_a_correction_may_not_take_another_hearing_s_id(api_clerk, accused_case, url):
    assert _schedule(api_clerk, url, hearing="H1").status_code == 201
    second = _schedule(api_clerk, url, hearing="H2")
    assert second.status_code == 201
    seq = second.json()["seq"]
    payload = {"hearing": "H1", "kind": "trial", "starts_at": _at(40)}
    body = {
        "type": "hearing.scheduled",
        "occurred_at": PAST,
        "payload": payload,
        "corrects": seq,
        "correction_reason": "The hearing id was typed wrong",
    }
    p = problem(post_json(api_clerk, url, body), 422, "invalid")
    assert fields(p) == ["payload.hearing"]
    # restating its own id, with a new date, is a correction like any other
    body["payload"] = {**payload, "hearing": "H2"}
    assert post_json(api_clerk, url, body).status_code == 201


@pytest.mark.parametrize(
    ("type_name", "payload"),
    [
        ("hearing.held", {"hearing": "H9"}),
        ("hearing.not_held", {"hearing": "H9", "reason": "judge_unavailable"}),
        ("hearing.rescheduled", {"hearing": "H9", "starts_at": _at(20), "reason": "agenda"}),
    ],
)
def test_a_hearing_never_scheduled_cannot_be_held_or_moved(
    api_clerk, accused_case, url, type_name, payload
):
    # "held" of an id never scheduled was recorded and told to the family; no calendar
    # showed that hearing (H1 sat yesterday: it is held on its day)
    assert _schedule(api_clerk, url, starts_at=PAST).status_code == 201
    before = Event.objects.filter(case=accused_case).count()
    body = {"type": type_name, "occurred_at": PAST, "payload": payload}
    p = problem(post_json(api_clerk, url, body), 422, "invalid")
    assert fields(p) == ["payload.hearing"]
    assert "no hearing 'H9' is scheduled" in p["detail"]
    assert "record hearing.scheduled first" in message(p, "payload.hearing")
    assert Event.objects.filter(case=accused_case).count() == before
    assert list(Sitting.objects.filter(case=accused_case).values_list("hearing", flat=True)) == [
        "H1"
    ]
    held = {"type": "hearing.held", "occurred_at": PAST, "payload": {"hearing": "H1"}}
    assert post_json(api_clerk, url, held).status_code == 201
