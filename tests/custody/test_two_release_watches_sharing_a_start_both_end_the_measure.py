"""A pack's own entry ends the measure holding a person when it starts one of the pack's
release watches (``history.PackView.ground_ends``). Two such watches may share a start
type with different conditions (``starts_when``): the entry ends the measure when any
one of them is met, and a watch with no condition for that type makes every such entry
end it. Shown with a small synthetic pack: Brazil's, with a second watch added."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from expediente.custody import history, periods
from expediente.custody.periods import Step
from expediente.rules.loader import load_pack

REASSESSED = "custody.internment_reassessed"
WATCH = "br.eca.release_on_internment_end"
TZ = ZoneInfo("America/Sao_Paulo")


def _pack_with_a_second_watch(starts_when: dict):
    pack = load_pack("br")
    [first] = [r for r in pack.deadlines if r.id == WATCH]
    second = first.model_copy(update={"id": "test.second_watch", "starts_when": starts_when})
    return pack.model_copy(update={"deadlines": [*pack.deadlines, second]})


def _at(day: int) -> dt.datetime:
    return dt.datetime(2025, 3, day, 12, tzinfo=dt.UTC)


def _groundless_after(view: history.PackView, outcome: str) -> frozenset[int]:
    steps = [
        Step(1, "custody.arrested", _at(1), {"person": "P1"}),
        Step(2, "verdict.delivered", _at(2), {"accused": "P1", "outcome": "convicted"}),
        Step(3, "custody.sentence_started", _at(3), {"person": "P1"}),
        Step(4, REASSESSED, _at(4), {"person": "P1", "outcome": outcome}),
        Step(5, "custody.escaped", _at(5), {"person": "P1"}),
        Step(6, "custody.recaptured", _at(6), {"person": "P1"}),
    ]
    _, groundless = periods.read_held(steps, tz=TZ, ends=view.ground_ends)
    return groundless


def test_the_shipped_watch_alone_ends_the_measure_only_when_ended():
    view = history.pack_view(load_pack("br"), "juvenile")
    assert view.ground_ends[REASSESSED] == ({"outcome": ("ended",)},)
    assert _groundless_after(view, "ended") == {4, 6}
    assert _groundless_after(view, "maintained") == frozenset()


def test_either_watchs_condition_ends_the_measure():
    view = history.pack_view(
        _pack_with_a_second_watch({REASSESSED: {"outcome": ["progressed"]}}), "juvenile"
    )
    conditions = view.ground_ends[REASSESSED]
    assert {"outcome": ("ended",)} in conditions
    assert {"outcome": ("progressed",)} in conditions
    assert _groundless_after(view, "ended") == {4, 6}  # the first's, not lost to the last
    assert _groundless_after(view, "progressed") == {4, 6}
    assert _groundless_after(view, "maintained") == frozenset()


def test_a_watch_with_no_condition_makes_every_such_entry_end_it():
    view = history.pack_view(_pack_with_a_second_watch({}), "juvenile")
    assert {} in view.ground_ends[REASSESSED]
    assert _groundless_after(view, "maintained") == {4, 6}
