"""Int fields stay within their bounds; other kinds of value are not ints."""

import pytest

from expediente.rules.payloads import validate_payload
from tests.rules.payload_helpers import fields


@pytest.mark.parametrize(("value", "ok"), [(0, True), (600, True), (-1, False), (601, False)])
def test_an_int_must_lie_within_its_bounds(payload_pack, value, ok):
    payload = {"hearing": "H1", "minutes": value}
    if ok:
        assert validate_payload(payload_pack, "hearing.held", payload)["minutes"] == value
    else:
        assert fields(payload_pack, payload) == ["payload.minutes"]


def test_an_int_without_bounds_is_still_kept_within_json_safe_integers(payload_pack):
    validate_payload(payload_pack, "hearing.held", {"hearing": "H1", "count": 2**53})
    assert fields(payload_pack, {"hearing": "H1", "count": 2**53 + 1}) == ["payload.count"]


def test_a_fraction_is_not_an_int(payload_pack):
    assert fields(payload_pack, {"hearing": "H1", "minutes": 1.5}) == ["payload.minutes"]


def test_a_boolean_is_not_an_int(payload_pack):
    assert fields(payload_pack, {"hearing": "H1", "minutes": True}) == ["payload.minutes"]
