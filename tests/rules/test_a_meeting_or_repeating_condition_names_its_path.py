"""A deadline may be met only by the entries whose fields hold given values
(``satisfied_when``: a habeas corpus is met by a ruling, not by a referral) and count a
new term only from the ``repeats_from`` entries whose fields do (``repeats_when``: a
reassessment that ends an internment calls for no next one). A condition on a type
that does not meet the rule, on a field the type does not have, on a value the field
cannot hold, or ``repeats_when`` without ``repeats_from``, is refused by `rules check`,
naming the path and the rule."""

from __future__ import annotations

import pytest

from tests.rules.conftest import edit
from tests.rules.test_a_start_condition_names_a_start_and_its_values import WITH_FIELDS


def with_rule(lines: str) -> str:
    return edit("    counting: continuous\n", f"    counting: continuous\n{lines}", WITH_FIELDS)


def test_conditions_on_a_meeting_and_a_repeating_entry_are_accepted(write_pack, rules_check):
    text = edit(
        "    satisfied_by: [case.finished]\n",
        "",
        with_rule(
            "    satisfied_by: [case.finished, custody.arrested]\n"
            "    satisfied_when: {custody.arrested: {how: [warrant]}}\n"
            "    repeats_from: custody.arrested\n"
            "    repeats_when: {armed: [true]}\n"
        ),
    )
    result = rules_check(write_pack(text))
    assert result.error is None, result.stderr


@pytest.mark.parametrize(
    ("lines", "where", "message"),
    [
        (
            "    satisfied_when: {note.added: {text: [x]}}\n",
            "satisfied_when.note.added",
            "'note.added' is not among the rule's satisfied_by ['case.finished']",
        ),
        (
            "    repeats_when: {how: [caught]}\n",
            "repeats_when",
            "repeats_when needs repeats_from",
        ),
        (
            "    repeats_from: custody.arrested\n    repeats_when: {how: [flying]}\n",
            "repeats_when.how",
            "['flying'] are not values of 'how': its options are ['caught', 'warrant']",
        ),
        (
            "    repeats_from: custody.arrested\n    repeats_when: {place: [home]}\n",
            "repeats_when.place",
            "custody.arrested has no choice or bool field 'place'",
        ),
    ],
    ids=["meets-not-a-satisfying-type", "repeats-without-from", "bad-option", "text-field"],
)
def test_a_bad_condition_is_refused_naming_its_path(refused, lines, where, message):
    path, stderr = refused(with_rule(lines))
    assert stderr.startswith(f"{path}: deadlines[0].{where}: "), stderr
    assert f"{message} (deadline mini.presentation)" in stderr


def without_satisfied(text: str) -> str:
    """The mini pack's own ``satisfied_by`` line taken out (the rule gives its own)."""
    return edit("    satisfied_by: [case.finished]\n", "", text)


def test_a_type_may_meet_and_stop_only_when_a_condition_says_which_meets(
    refused, write_pack, rules_check
):  # type: ignore[no-untyped-def]
    both = "    satisfied_by: [case.finished, custody.arrested]\n    stops_at: [custody.arrested]\n"
    _path, stderr = refused(without_satisfied(with_rule(both)))
    assert "['custody.arrested'] cannot both satisfy and stop the deadline" in stderr
    with_condition = both + "    satisfied_when: {custody.arrested: {how: [warrant]}}\n"
    result = rules_check(write_pack(without_satisfied(with_rule(with_condition))))
    assert result.error is None, result.stderr
