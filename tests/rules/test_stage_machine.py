"""The stage machine: which event types a case may record in its stage and procedure."""

import pytest

from expediente.rules.loader import load_pack, load_pack_file
from expediente.rules.stages import StageError, allowed_types, check_allowed, next_stage
from tests.rules.conftest import MINI


@pytest.fixture
def mini(write_pack):
    return load_pack_file(write_pack(MINI))


def test_an_event_type_is_allowed_only_in_its_stages(mini):
    check_allowed(mini, "trial.committed", stage="open", procedure="adult")
    with pytest.raises(StageError) as exc:
        check_allowed(mini, "trial.committed", stage="trial", procedure="adult")
    assert str(exc.value) == "'trial.committed' is not allowed in stage 'trial' (allowed in: open)"


def test_an_event_type_of_one_procedure_is_refused_in_the_other(mini):
    check_allowed(mini, "guardian.heard", stage="open", procedure="juvenile")
    with pytest.raises(StageError) as exc:
        check_allowed(mini, "guardian.heard", stage="open", procedure="adult")
    assert str(exc.value) == (
        "'guardian.heard' is not part of the adult procedure (allowed in: juvenile)"
    )


def test_the_allowed_types_depend_on_stage_and_procedure(mini):
    assert allowed_types(mini, stage="open", procedure="adult") == [
        "case.finished",
        "custody.arrested",
        "note.added",
        "trial.committed",
    ]
    assert "guardian.heard" in allowed_types(mini, stage="open", procedure="juvenile")
    assert allowed_types(mini, stage="trial", procedure="adult") == [
        "case.finished",
        "custody.arrested",
        "note.added",
    ]


def test_core_types_are_never_offered_as_choices(mini):
    for stage in ("open", "trial", "done"):
        assert "case.opened" not in allowed_types(mini, stage=stage, procedure="adult")


def test_a_final_stage_accepts_only_reopening(mini):
    assert allowed_types(mini, stage="done", procedure="adult") == ["case.reopened"]
    with pytest.raises(StageError, match="final stage 'done'; reopen it first"):
        check_allowed(mini, "note.added", stage="done", procedure="adult")


def test_an_unknown_event_type_lists_the_known_ones(mini):
    with pytest.raises(StageError) as exc:
        check_allowed(mini, "custody.escaped", stage="open", procedure="adult")
    message = str(exc.value)
    assert message.startswith("unknown event type 'custody.escaped' in rule pack 'mini'")
    assert "custody.arrested" in message
    assert "case.opened" not in message


def test_an_event_moves_the_case_to_its_stage_or_leaves_it(mini):
    assert next_stage(mini, "trial.committed", stage="open") == "trial"
    assert next_stage(mini, "case.finished", stage="trial") == "done"
    assert next_stage(mini, "case.reopened", stage="done") == "open"
    assert next_stage(mini, "note.added", stage="trial") == "trial"


def test_in_cr_a_case_walks_from_investigation_to_closed():
    cr = load_pack("cr")
    path = [
        ("indictment.filed", "intermediate"),
        ("trial.committed", "trial"),
        ("verdict.delivered", "judgment"),
        ("appeal.filed", "appeal"),
        ("appeal.decided", "judgment"),
        ("judgment.final", "enforcement"),
        ("case.closed", "closed"),
    ]
    stage = cr.initial_stage
    for type_name, expected in path:
        check_allowed(cr, type_name, stage=stage, procedure="adult")
        stage = next_stage(cr, type_name, stage=stage)
        assert stage == expected, type_name


def test_in_cr_a_release_can_be_recorded_after_the_case_has_ended():
    cr = load_pack("cr")
    assert "custody.released" in allowed_types(cr, stage="closed", procedure="adult")
    assert "note.added" not in allowed_types(cr, stage="closed", procedure="adult")


def test_in_cr_a_trial_cannot_start_before_the_indictment():
    cr = load_pack("cr")
    assert "trial.committed" not in allowed_types(cr, stage="investigation", procedure="adult")
    assert "verdict.delivered" not in allowed_types(cr, stage="intermediate", procedure="adult")
