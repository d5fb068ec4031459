"""A witness told to come at 09:00 reads the court's public calendar that morning.

The clerk recorded, that morning, that the hearing would not be held (the detained man
was not brought), or moved another hearing to another date ahead of its day. The
calendar listed a hearing not held as if it would go ahead, and dropped a moved one
without a word. Now both stay on their day, marked, and the reason (which here says a
person is detained) and the new date are not shown. (A hearing is found not held on its
day, not before: court/hearing_rules.py.)"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from expediente.docket.services import event_record
from tests.portal.conftest import text_of
from tests.privacy.conftest import CR, HEARING_DAY

pytestmark = pytest.mark.django_db


def calendar(language: str = "en", day: dt.date = HEARING_DAY) -> str:
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(
        "/public/calendar/sj-penal/", {"day": day.isoformat()}
    )
    assert response.status_code == 200
    return response.content.decode()


def row_of(html: str, number: str) -> str:
    rows = [r for r in html.split("<tr") if number in r]
    assert len(rows) == 1, f"{number} is listed {len(rows)} times"
    return text_of("<tr" + rows[0])


def test_a_hearing_not_held_or_moved_stays_on_its_day_marked(cases, clerk):
    at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)  # moved ahead of its day
    # the charged case's hearing of yesterday morning: the van did not come
    day = (at.astimezone(CR) - dt.timedelta(days=1)).date()
    morning = dt.datetime.combine(day, dt.time(9, 0), tzinfo=CR)
    event_record(  # "not brought" needs someone held (court/hearing_projection.py)
        case=cases["charged"],
        type="custody.arrested",
        payload={"person": "P1"},
        actor=clerk,
        occurred_at=morning - dt.timedelta(days=2),
    )
    event_record(
        case=cases["charged"],
        type="hearing.scheduled",
        payload={"hearing": "H2", "kind": "preliminary", "starts_at": morning.isoformat()},
        actor=clerk,
        occurred_at=morning - dt.timedelta(days=1),
    )
    event_record(  # that morning, before the hour: a hearing is found not held on its day
        case=cases["charged"],
        type="hearing.not_held",
        payload={"hearing": "H2", "reason": "transport_failed", "details": "Traslado falló"},
        actor=clerk,
        occurred_at=morning - dt.timedelta(hours=1),
    )
    later = dt.datetime.combine(HEARING_DAY + dt.timedelta(days=21), dt.time(14, 0), tzinfo=CR)
    event_record(
        case=cases["convicted"],
        type="hearing.rescheduled",
        payload={"hearing": "H1", "starts_at": later.isoformat(), "reason": "Agenda"},
        actor=clerk,
        occurred_at=at,
    )
    not_held = row_of(calendar(day=day), cases["charged"].number)
    assert "09:00" in not_held
    assert "Not held" in not_held
    html = calendar()
    moved = row_of(html, cases["convicted"].number)
    assert "Moved to another date" in moved
    assert "14:00" not in moved
    going_ahead = row_of(html, cases["acquitted"].number)
    assert "Not held" not in going_ahead
    assert "Moved" not in going_ahead
    text = text_of(html) + text_of(calendar(day=day))
    assert "Traslado" not in text
    assert "transport" not in text.lower()
    assert "Agenda" not in text
    es = text_of(calendar("es", day=day))
    assert "No realizada" in es or "No se realizó" in es


def test_a_hearing_moved_within_its_day_says_to_what_time(cases, clerk):
    at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    afternoon = dt.datetime.combine(HEARING_DAY, dt.time(14, 0), tzinfo=CR)
    event_record(
        case=cases["charged"],
        type="hearing.rescheduled",
        payload={"hearing": "H1", "starts_at": afternoon.isoformat(), "reason": "Sala"},
        actor=clerk,
        occurred_at=at,
    )
    html = calendar()
    rows = [r for r in html.split("<tr") if cases["charged"].number in r]
    assert len(rows) == 2  # 09:00, moved; 14:00, the hearing itself
    morning = text_of("<tr" + rows[0])
    assert "09:00" in morning
    assert "Moved to 14:00" in morning
    assert "another date" not in morning
    later = text_of("<tr" + rows[1])
    assert "14:00" in later
    assert "Moved" not in later
