"""Choices come from their options; references look like ids."""

from expediente.rules.payloads import validate_payload
from tests.rules.payload_helpers import fields


def test_a_choice_outside_its_options_is_refused(payload_pack):
    assert fields(payload_pack, {"hearing": "H1", "kind": "party"}) == ["payload.kind"]
    assert validate_payload(payload_pack, "hearing.held", {"hearing": "H1", "kind": "review"})


def test_a_participant_reference_must_look_like_an_id(payload_pack):
    assert fields(payload_pack, {"hearing": "H1", "person": "P 1; drop"}) == ["payload.person"]
