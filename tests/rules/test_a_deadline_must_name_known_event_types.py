"""What starts, restarts, extends or satisfies a deadline must be an event type of the pack."""

import pytest

from tests.rules.conftest import edit


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("starts: custody.arrested", "starts: custody.arested"),
        ("satisfied_by: [case.finished]", "satisfied_by: [case.finished, custody.arested]"),
        ("counting: continuous", "counting: continuous\n    repeats_from: custody.arested"),
        ("counting: continuous", "counting: continuous\n    extended_by: [custody.arested]"),
    ],
    ids=["starts", "satisfied_by[1]", "repeats_from", "extended_by[0]"],
)
def test_an_unknown_event_type_in_a_deadline_is_refused(refused, old, new, request):
    where = request.node.callspec.id
    path, stderr = refused(edit(old, new))
    assert stderr.startswith(f"{path}: deadlines[0].{where}: ")
    assert "unknown event type 'custody.arested' (deadline mini.presentation)" in stderr


def test_a_deadline_nothing_can_satisfy_is_refused(refused):
    path, stderr = refused(edit("satisfied_by: [case.finished]", "satisfied_by: []"))
    assert stderr.startswith(f"{path}: deadlines[0].satisfied_by: ")


def test_a_last_day_taken_from_an_order_needs_a_date_on_that_order(refused):
    # the mini pack's arrest has no `until`: the deadline would silently count its
    # duration instead of the day an order fixed
    path, stderr = refused(
        edit("counting: continuous", "counting: continuous\n    until_from: until")
    )
    assert stderr.startswith(f"{path}: deadlines[0].until_from: ")
    assert "custody.arrested has no date field 'until' (deadline mini.presentation)" in stderr
