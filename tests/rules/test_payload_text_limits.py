"""Text fields: length limits, trimming, no NUL characters."""

from expediente.rules.payloads import validate_payload
from tests.rules.payload_helpers import errors, fields


def test_text_longer_than_its_max_length_is_refused(payload_pack):
    validate_payload(payload_pack, "hearing.held", {"hearing": "x" * 10})
    assert errors(payload_pack, {"hearing": "x" * 11}) == [
        {"field": "payload.hearing", "message": "String should have at most 10 characters"}
    ]


def test_long_text_has_a_default_limit(payload_pack):
    validate_payload(payload_pack, "hearing.held", {"hearing": "H1", "summary": "x" * 20_000})
    assert fields(payload_pack, {"hearing": "H1", "summary": "x" * 20_001}) == ["payload.summary"]


def test_surrounding_whitespace_is_trimmed(payload_pack):
    clean = validate_payload(payload_pack, "hearing.held", {"hearing": "  H1 \n"})
    assert clean == {"hearing": "H1"}


def test_a_nul_character_is_refused(payload_pack):
    assert errors(payload_pack, {"hearing": "H1", "summary": "a\x00b"}) == [
        {"field": "payload.summary", "message": "text may not contain NUL characters"}
    ]
