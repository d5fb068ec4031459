"""Changing anything the hash covers, even by a microsecond or a space, changes the hash."""

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expediente.integrity.chain import ChainedEvent
from tests.integrity.strategies import MUTATIONS, events, mutate


@settings(deadline=None)
@given(events(), st.sampled_from(sorted(MUTATIONS)))
def test_changing_any_field_changes_the_hash(event, field):
    changed = mutate(event, field)
    assert getattr(changed, field) != getattr(event, field)
    assert changed.hash() != event.hash()


@settings(deadline=None)
@given(events(), st.text(min_size=1, max_size=5), st.text(max_size=5))
def test_changing_a_payload_value_changes_the_hash(event, key, value):
    payload = {**event.payload, key: value}
    altered = {**payload, key: value + "."}
    one = dataclasses.replace(event, payload=payload)
    other = dataclasses.replace(event, payload=altered)
    assert one.hash() != other.hash()


@settings(deadline=None)
@given(events())
def test_a_hash_is_64_lowercase_hex_digits_and_stable(event):
    digest = event.hash()
    assert len(digest) == 64
    assert set(digest) <= set("0123456789abcdef")
    assert event.hash() == digest


def test_a_naive_timestamp_cannot_be_hashed():
    event = ChainedEvent(
        case="26-000001-0042-PE",
        seq=1,
        type="case.opened",
        schema_version=1,
        occurred_at=dt.datetime(2026, 3, 2, 9, 0),
        recorded_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC),
        actor="clerk",
        payload={},
        corrects=None,
        prev_hash="0" * 64,
    )
    with pytest.raises(ValueError, match="timezone-aware"):
        event.hash()
