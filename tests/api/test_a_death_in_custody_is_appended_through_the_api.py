"""POST /api/v1/cases/{nuid}/events with ``custody.died``: recorded for a person held,
ending their custody period; refused with a 422 naming the field and the rule, nothing
written, for a person not held, an unknown or missing person, a place too long."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.custody.models import CustodyPeriod, Deadline
from expediente.docket.models import Event
from tests.api.helpers import fields, message, post_json, problem
from tests.conftest import NOW

pytestmark = pytest.mark.django_db

ARRESTED = (NOW - dt.timedelta(days=20)).isoformat()
DIED = (NOW - dt.timedelta(days=2)).isoformat()


@pytest.fixture
def url(case_url):
    return f"{case_url}/events"


def died(payload, when=DIED):
    return {"type": "custody.died", "occurred_at": when, "payload": payload}


def arrest(client, url):
    arrested = {"type": "custody.arrested", "occurred_at": ARRESTED, "payload": {"person": "P1"}}
    assert post_json(client, url, arrested).status_code == 201


def test_a_death_of_a_person_held_is_recorded_and_ends_the_period(api_clerk, accused_case, url):
    arrest(api_clerk, url)
    r = post_json(
        api_clerk,
        url,
        died({"person": "P1", "place": "CAI La Reforma", "reported_to": "Fiscalía de turno"}),
    )
    assert r.status_code == 201, r.content
    assert r.json()["type"] == "custody.died"
    period = CustodyPeriod.objects.get(case=accused_case)
    assert period.end_type == "custody.died"
    assert period.end_seq == r.json()["seq"]
    assert not Deadline.objects.filter(case=accused_case, open=True).exists()


def test_a_death_of_someone_not_held_is_refused_naming_the_person(api_clerk, accused_case, url):
    before = Event.objects.filter(case=accused_case).count()
    p = problem(post_json(api_clerk, url, died({"person": "P1"})), 422, "invalid")
    assert fields(p) == ["payload.person"]
    assert "is not in custody" in message(p, "payload.person")
    assert Event.objects.filter(case=accused_case).count() == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"person": "P9"}, "payload.person"),  # nobody of that id in the case
        ({"person": "P2"}, "payload.person"),  # the victim, not an accused
        ({}, "payload.person"),
        ({"person": "P1", "place": "x" * 201}, "payload.place"),
        ({"person": "P1", "reported_to": "x" * 201}, "payload.reported_to"),
    ],
)
def test_bad_input_is_refused_naming_the_field(api_clerk, accused_case, url, payload, field):
    arrest(api_clerk, url)
    before = Event.objects.filter(case=accused_case).count()
    p = problem(post_json(api_clerk, url, died(payload)), 422)
    assert field in fields(p)
    assert Event.objects.filter(case=accused_case).count() == before
    assert CustodyPeriod.objects.get(case=accused_case).ended_at is None


def test_a_release_after_the_death_is_refused(api_clerk, accused_case, url):
    arrest(api_clerk, url)
    assert post_json(api_clerk, url, died({"person": "P1"})).status_code == 201
    released = {
        "type": "custody.released",
        "occurred_at": (NOW - dt.timedelta(days=1)).isoformat(),
        "payload": {"person": "P1", "reason": "order_of_court"},
    }
    p = problem(post_json(api_clerk, url, released), 422, "invalid")
    assert fields(p) == ["payload.person"]
    assert "died in custody on" in message(p, "payload.person")


def test_a_correction_through_the_api_says_the_death_was_recorded_by_mistake(
    api_clerk, accused_case, url
):
    arrest(api_clerk, url)
    seq = post_json(api_clerk, url, died({"person": "P1"})).json()["seq"]
    p = problem(post_json(api_clerk, url, died({"person": "P1", "in_error": True})), 422)
    assert fields(p) == ["payload.in_error"]
    assert "only a correction of the entry" in message(p, "payload.in_error")
    fix = died({"person": "P1", "in_error": True}) | {
        "corrects": seq,
        "correction_reason": "Registered in the wrong case",
    }
    r = post_json(api_clerk, url, fix)
    assert r.status_code == 201, r.content
    assert CustodyPeriod.objects.get(case=accused_case).ended_at is None  # held again
    assert Deadline.objects.filter(case=accused_case, open=True).exists()
