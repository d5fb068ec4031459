"""Required fields must be given; optional ones may be left out."""

import pytest

from expediente.rules.payloads import validate_payload
from tests.rules.payload_helpers import errors, fields


def test_a_required_field_must_be_given(payload_pack):
    assert errors(payload_pack, {}) == [{"field": "payload.hearing", "message": "Field required"}]


def test_optional_fields_may_be_left_out_and_are_not_stored(payload_pack):
    assert validate_payload(payload_pack, "hearing.held", {"hearing": "H1"}) == {"hearing": "H1"}
    clean = validate_payload(payload_pack, "hearing.held", {"hearing": "H1", "summary": None})
    assert clean == {"hearing": "H1"}


def test_every_problem_is_named_at_once(payload_pack):
    bad = {"hearing": "x" * 11, "minutes": -5, "next_at": "2026-03-14T09:30:00", "extra": 1}
    assert sorted(fields(payload_pack, bad)) == [
        "payload.extra",
        "payload.hearing",
        "payload.minutes",
        "payload.next_at",
    ]


def test_a_payload_that_is_not_an_object_is_refused(payload_pack):
    assert errors(payload_pack, ["H1"]) == [
        {"field": "payload", "message": "must be a JSON object"}
    ]


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_required_text_may_not_be_blank(payload_pack, blank):
    assert fields(payload_pack, {"hearing": blank}) == ["payload.hearing"]
