"""A deadline's ``restarted_by`` (a fact that starts its count again, as a request does
under Costa Rica's CPP art. 253) names event types of the pack, is not also what starts,
meets, repeats or stops it, and ``restart_after`` comes only with it."""

import pytest

from tests.rules.conftest import edit

COUNTING = "counting: continuous"


def test_an_unknown_event_type_that_restarts_a_deadline_is_refused(refused):
    path, stderr = refused(edit(COUNTING, f"{COUNTING}\n    restarted_by: [custody.arested]"))
    assert stderr.startswith(f"{path}: deadlines[0].restarted_by[0]: ")
    assert "unknown event type 'custody.arested' (deadline mini.presentation)" in stderr


@pytest.mark.parametrize("twice", ["case.finished", "custody.arrested"])
def test_what_meets_or_starts_a_deadline_cannot_also_restart_it(refused, twice):
    path, stderr = refused(edit(COUNTING, f"{COUNTING}\n    restarted_by: [{twice}]"))
    assert f"{path}: deadlines[0]: " in stderr
    assert f"restarted_by: ['{twice}'] already start, meet, repeat or stop" in stderr


def test_restart_after_without_a_restarting_fact_is_refused(refused):
    _path, stderr = refused(edit(COUNTING, f"{COUNTING}\n    restart_after: {{hours: 12}}"))
    assert "restart_after needs restarted_by" in stderr


def test_restart_after_is_a_length_of_time(refused):
    text = edit(
        COUNTING,
        f"{COUNTING}\n    restarted_by: [note.added]\n    restart_after: {{age: 18}}",
    )
    _path, stderr = refused(text)
    assert "restart_after: give a length of time" in stderr


def test_a_well_formed_restart_loads(write_pack, rules_check):
    text = edit(
        COUNTING, f"{COUNTING}\n    restarted_by: [note.added]\n    restart_after: {{hours: 12}}"
    )
    result = rules_check(write_pack(text))
    assert result.error is None, result.stderr
