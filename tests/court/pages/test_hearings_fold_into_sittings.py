"""The pure fold of hearing events: no database."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from expediente.court.pages.hearings import (
    awaiting_outcome,
    hearing_sittings,
    hearing_states,
    next_sitting,
)

MAR_10 = "2026-03-10T15:00:00Z"
MAR_20 = "2026-03-20T15:00:00Z"


@dataclass
class E:
    seq: int
    type: str
    payload: dict[str, Any] = field(default_factory=dict)
    corrects_seq: int | None = None


def when(text):
    return dt.datetime.fromisoformat(text)


def test_a_scheduled_hearing_is_one_sitting_waiting_to_happen():
    [s] = hearing_sittings(
        [
            E(
                1,
                "hearing.scheduled",
                {"hearing": "H1", "kind": "trial", "starts_at": MAR_10, "courtroom": "Sala 1"},
            )
        ]
    )
    assert (s.hearing, s.kind, s.starts_at, s.courtroom, s.status) == (
        "H1",
        "trial",
        when(MAR_10),
        "Sala 1",
        "scheduled",
    )


def test_held_and_not_held_close_the_sitting():
    events = [
        E(1, "hearing.scheduled", {"hearing": "H1", "kind": "trial", "starts_at": MAR_10}),
        E(2, "hearing.scheduled", {"hearing": "H2", "kind": "review", "starts_at": MAR_10}),
        E(3, "hearing.held", {"hearing": "H1"}),
        E(4, "hearing.not_held", {"hearing": "H2", "reason": "defence_absent"}),
    ]
    states = hearing_states(events)
    assert states["H1"].status == "held"
    assert (states["H2"].status, states["H2"].reason) == ("not_held", "defence_absent")


def test_rescheduling_a_pending_sitting_moves_it():
    events = [
        E(
            1,
            "hearing.scheduled",
            {"hearing": "H1", "kind": "trial", "starts_at": MAR_10, "courtroom": "Sala 1"},
        ),
        E(2, "hearing.rescheduled", {"hearing": "H1", "starts_at": MAR_20, "reason": "x"}),
    ]
    first, second = hearing_sittings(events)
    assert (first.status, first.closed_by_seq) == ("moved", 2)
    assert (second.status, second.starts_at, second.kind, second.courtroom) == (
        "scheduled",
        when(MAR_20),
        "trial",
        "Sala 1",
    )


def test_rescheduling_after_not_held_keeps_the_record_of_that_day():
    events = [
        E(1, "hearing.scheduled", {"hearing": "H1", "kind": "trial", "starts_at": MAR_10}),
        E(2, "hearing.not_held", {"hearing": "H1", "reason": "witness_absent"}),
        E(3, "hearing.rescheduled", {"hearing": "H1", "starts_at": MAR_20, "reason": "x"}),
        E(4, "hearing.held", {"hearing": "H1"}),
    ]
    assert [s.status for s in hearing_sittings(events)] == ["not_held", "held"]


def test_a_correction_replaces_what_the_original_said():
    events = [
        E(1, "hearing.scheduled", {"hearing": "H1", "kind": "trial", "starts_at": MAR_10}),
        E(
            2,
            "hearing.scheduled",
            {"hearing": "H1", "kind": "trial", "starts_at": MAR_20},
            corrects_seq=1,
        ),
    ]
    [s] = hearing_sittings(events)
    assert s.starts_at == when(MAR_20)


def test_the_next_sitting_is_the_earliest_still_to_come():
    events = [
        E(1, "hearing.scheduled", {"hearing": "H1", "kind": "trial", "starts_at": MAR_20}),
        E(2, "hearing.scheduled", {"hearing": "H2", "kind": "review", "starts_at": MAR_10}),
    ]
    sittings = hearing_sittings(events)
    assert next_sitting(sittings, when("2026-03-01T00:00:00Z")).hearing == "H2"
    assert next_sitting(sittings, when("2026-03-15T00:00:00Z")).hearing == "H1"
    assert [s.hearing for s in awaiting_outcome(sittings, when("2026-03-15T00:00:00Z"))] == ["H2"]
    assert next_sitting(sittings, when("2026-04-01T00:00:00Z")) is None


def test_events_for_an_unknown_hearing_are_ignored():
    assert hearing_sittings([E(1, "hearing.held", {"hearing": "H9"})]) == []


def test_a_correction_of_a_correction_restates_the_original_again():
    events = [
        E(1, "hearing.scheduled", {"hearing": "H1", "kind": "trial", "starts_at": MAR_10}),
        E(2, "hearing.scheduled", {"hearing": "H1", "kind": "trial", "starts_at": MAR_20}, 1),
        E(3, "hearing.scheduled", {"hearing": "H1", "kind": "review", "starts_at": MAR_20}, 2),
    ]
    [s] = hearing_sittings(events)
    assert (s.kind, s.starts_at) == ("review", when(MAR_20))
