"""The canonical form of an event does not depend on how its dicts happen to be ordered."""

import dataclasses
import datetime as dt
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from expediente.integrity.chain import canonical_json
from tests.integrity.strategies import aware_datetimes, events, json_values, payloads


def _reordered(value, rnd):
    if isinstance(value, dict):
        keys = list(value)
        rnd.shuffle(keys)
        return {k: _reordered(value[k], rnd) for k in keys}
    if isinstance(value, list):
        return [_reordered(v, rnd) for v in value]
    return value


@settings(deadline=None)
@given(json_values, st.randoms(use_true_random=False))
def test_any_json_value_serialises_the_same_in_any_key_order(value, rnd):
    assert canonical_json(_reordered(value, rnd)) == canonical_json(value)


@settings(deadline=None)
@given(events(), payloads, st.randoms(use_true_random=False))
def test_an_events_hash_does_not_depend_on_payload_key_order(event, payload, rnd):
    one = dataclasses.replace(event, payload=payload)
    other = dataclasses.replace(event, payload=_reordered(payload, rnd))
    assert one.canonical() == other.canonical()
    assert one.hash() == other.hash()


@settings(deadline=None)
@given(events())
def test_the_canonical_form_can_be_read_back_by_an_auditor(event):
    raw = event.canonical()
    decoded = json.loads(raw.decode("utf-8"))
    assert list(decoded) == sorted(decoded)
    assert b"\n" not in raw
    assert decoded["payload"] == event.payload
    for field in ("occurred_at", "recorded_at"):
        written = decoded[field]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", written)
        assert dt.datetime.fromisoformat(written) == getattr(event, field)


@settings(deadline=None)
@given(events(), aware_datetimes, st.integers(-14 * 60, 14 * 60))
def test_the_same_instant_written_in_another_offset_hashes_the_same(event, when, minutes):
    elsewhere = when.astimezone(dt.timezone(dt.timedelta(minutes=minutes)))
    one = dataclasses.replace(event, occurred_at=when)
    other = dataclasses.replace(event, occurred_at=elsewhere)
    assert one.hash() == other.hash()
