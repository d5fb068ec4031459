"""The running worker takes new entries into the log and signs a checkpoint, first when
it starts (under `make run`, the demo's entries are signed within seconds of the start)
and then on a schedule, with no cron job. A large backlog is taken in over several
turns, each signing what it took, so messages keep leaving meanwhile; a setting that
cannot sign stops its checkpoints, said once, and delivery goes on."""

from __future__ import annotations

from expediente.integrity import log as integrity_log
from expediente.integrity.models import Checkpoint, Leaf
from expediente.notify import worker
from expediente.notify.worker import run


def _until(lines: list[str], text: str, turns: int = 50):  # type: ignore[no-untyped-def]
    seen = {"n": 0}

    def stop() -> bool:
        seen["n"] += 1
        return any(text in line for line in lines) or seen["n"] > turns * 10

    return stop


def test_the_worker_signs_the_docket_at_its_first_turn(docket):
    lines: list[str] = []
    run(stop=_until(lines, "checkpoint 7"), poll=0.01, checkpoint_every=300, log=lines.append)
    assert Checkpoint.objects.get().size == 7
    assert any("7 entries taken into the log; checkpoint 7" in line for line in lines)


def test_a_backlog_is_taken_in_over_several_turns(docket, monkeypatch):
    monkeypatch.setattr(integrity_log, "BATCH", 2)
    monkeypatch.setattr(worker, "CHECKPOINT_TURN", 0.0)
    lines: list[str] = []
    run(stop=_until(lines, "checkpoint 7"), poll=0.01, checkpoint_every=300, log=lines.append)
    assert list(Checkpoint.objects.values_list("size", flat=True)) == [2, 4, 6, 7]


def test_a_setting_that_cannot_sign_stops_checkpoints_said_once(docket, settings):
    settings.EXPEDIENTE_LOG_ORIGIN = "two words"
    lines: list[str] = []
    turns = {"n": 0}

    def stop() -> bool:
        turns["n"] += 1
        return turns["n"] > 6

    run(stop=stop, poll=0.01, checkpoint_every=0.001, log=lines.append)
    said = [line for line in lines if "checkpoints stopped" in line]
    assert len(said) == 1
    assert "EXPEDIENTE_LOG_ORIGIN" in said[0]
    assert not Leaf.objects.exists()


def test_without_a_schedule_the_worker_signs_nothing(docket):
    run(once=True)
    assert not Checkpoint.objects.exists()
