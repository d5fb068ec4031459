"""The warnings an entry's recorder confirmed (an order past the legal maximum, CPP art.
257) are part of what was recorded: the hash covers them, so removing, changing or adding
them behind the application's back is found; every entry without one keeps the hash it
had (no ``confirmed`` key in its canonical form), and `expediente verify` and
`rebuild --check` stay clean."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from expediente.docket.models import Case, Event
from expediente.integrity.chain import ChainedEvent

CR = ZoneInfo("America/Costa_Rica")
ORDERED_AT = dt.datetime(2026, 2, 20, 10, tzinfo=CR)  # twelve months: to 20 February 2027


@pytest.fixture
def ordered(docket: list[Case], record: Any) -> Case:
    """The first case of the docket with an arrest (entry 6) and an order past the
    maximum, confirmed (entry 7)."""
    case = docket[0]
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=ORDERED_AT)
    payload = {"person": "P1", "until": "2027-05-20", "grounds": "Peligro de fuga"}
    record(case, "custody.pretrial_ordered", payload, occurred_at=ORDERED_AT)
    return case


def test_verify_and_rebuild_check_are_clean(ordered: Case, verify: Any) -> None:
    assert Event.objects.get(case=ordered, seq=7).confirmed == ["order_past_maximum"]
    assert Event.objects.get(case=ordered, seq=6).confirmed is None
    assert verify().error is None
    call_command("rebuild", "--check", stdout=io.StringIO())  # CommandError if they differ


@pytest.mark.parametrize("forged", [None, [], ["extension_past_limit"], "order_past_maximum"])
def test_a_removed_or_changed_confirmation_is_found(
    ordered: Case, tamper: Any, verify: Any, forged: Any
) -> None:
    with tamper():
        Event.objects.filter(case=ordered, seq=7).update(confirmed=forged)
    assert verify().broken == [
        f"BROKEN case {ordered.nuid} seq 7: stored hash does not match the event's content"
    ]


def test_a_confirmation_added_to_an_entry_that_had_none_is_found(
    ordered: Case, tamper: Any, verify: Any
) -> None:
    with tamper():
        Event.objects.filter(case=ordered, seq=6).update(confirmed=["order_past_maximum"])
    assert verify().broken == [
        f"BROKEN case {ordered.nuid} seq 6: stored hash does not match the event's content"
    ]


def chained(**more: Any) -> ChainedEvent:
    at = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    return ChainedEvent(
        case="26-000001-0042-PE",
        seq=7,
        type="custody.pretrial_ordered",
        schema_version=1,
        occurred_at=at,
        recorded_at=at,
        actor="maria.clerk",
        payload={"person": "P1", "until": "2027-05-20"},
        corrects=None,
        prev_hash="0" * 64,
        **more,
    )


def test_an_entry_without_one_has_no_such_key_and_one_with_them_sorted() -> None:
    assert "confirmed" not in json.loads(chained().canonical())
    both = chained(confirmed=("order_past_maximum", "extension_past_limit"))
    assert json.loads(both.canonical())["confirmed"] == [
        "extension_past_limit",
        "order_past_maximum",
    ]
    assert both.hash() != chained().hash()
