"""Every stage an event type or the pack names must be one of the pack's stages."""

from tests.rules.conftest import edit


def test_an_event_type_allowed_in_an_unknown_stage_is_refused(refused):
    path, stderr = refused(edit("[open, trial]\n    fields", "[open, trail]\n    fields"))
    assert stderr.startswith(f"{path}: ")
    assert "event_types.custody.arrested.stages[1]: unknown stage 'trail'" in stderr


def test_an_event_type_leading_to_an_unknown_stage_is_refused(refused):
    path, stderr = refused(edit("to_stage: trial", "to_stage: juicio"))
    assert stderr.startswith(f"{path}: ")
    assert "event_types.trial.committed.to_stage: unknown stage 'juicio'" in stderr


def test_an_unknown_initial_stage_is_refused(refused):
    path, stderr = refused(edit("initial_stage: open", "initial_stage: opened"))
    assert stderr.startswith(f"{path}: ")
    assert "initial_stage: 'opened' is not a stage" in stderr


def test_a_stage_given_twice_is_refused(refused):
    text = edit("  - id: trial\n", "  - id: open\n    label: {en: Again}\n  - id: trial\n")
    _, stderr = refused(text)
    assert "stages[1].id: id 'open' is given twice in stages, at line 10 (stages[0]) and " in (
        stderr
    )


def test_every_unknown_stage_is_reported_at_once(refused):
    text = edit("to_stage: trial", "to_stage: juicio")
    text = edit("to_stage: done", "to_stage: archived", text)
    _, stderr = refused(text)
    assert "unknown stage 'juicio'" in stderr
    assert "unknown stage 'archived'" in stderr
