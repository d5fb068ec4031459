"""A field the event type does not have is refused, not silently kept."""

from tests.rules.payload_helpers import errors


def test_a_field_the_event_type_does_not_have_is_refused(payload_pack):
    assert errors(payload_pack, {"hearing": "H1", "handcuffed": True}) == [
        {"field": "payload.handcuffed", "message": "is not a field of this event type"}
    ]
