"""Datetimes carry an offset and are stored in UTC; not_future fields refuse the future."""

import datetime as dt

from expediente.rules.payloads import validate_payload
from expediente.rules.written_moments import NO_OFFSET
from tests.rules.payload_helpers import errors


def test_a_datetime_without_an_offset_is_refused(payload_pack):
    assert errors(payload_pack, {"hearing": "H1", "next_at": "2026-03-14T09:30:00"}) == [
        {
            "field": "payload.next_at",
            "message": NO_OFFSET,
        }
    ]


def test_a_datetime_from_python_needs_its_offset_too(payload_pack):
    naive = dt.datetime(2026, 3, 14, 9, 30)  # the mistake under test
    assert errors(payload_pack, {"hearing": "H1", "next_at": naive}) == [
        {"field": "payload.next_at", "message": NO_OFFSET}
    ]


def test_a_datetime_with_an_offset_is_stored_in_utc(payload_pack):
    clean = validate_payload(
        payload_pack, "hearing.held", {"hearing": "H1", "next_at": "2026-03-14T09:30:00-06:00"}
    )
    assert clean["next_at"] == "2026-03-14T15:30:00Z"


def test_a_not_future_datetime_in_the_future_is_refused(payload_pack):
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    assert errors(payload_pack, {"hearing": "H1", "held_at": later}) == [
        {"field": "payload.held_at", "message": "may not be in the future"}
    ]


def test_a_not_future_datetime_in_the_past_or_within_clock_skew_is_accepted(payload_pack):
    for delta in (dt.timedelta(days=-400), dt.timedelta(minutes=2)):
        held = (dt.datetime.now(dt.UTC) + delta).isoformat()
        validate_payload(payload_pack, "hearing.held", {"hearing": "H1", "held_at": held})


def test_a_future_datetime_is_fine_where_the_field_allows_it(payload_pack):
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).isoformat()
    validate_payload(payload_pack, "hearing.held", {"hearing": "H1", "next_at": later})


def test_a_not_future_date_next_week_is_refused(payload_pack):
    next_week = (dt.datetime.now(dt.UTC) + dt.timedelta(days=7)).date().isoformat()
    assert errors(payload_pack, {"hearing": "H1", "decided_on": next_week}) == [
        {"field": "payload.decided_on", "message": "may not be in the future"}
    ]
