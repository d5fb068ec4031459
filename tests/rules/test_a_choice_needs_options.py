"""A choice field without options could never be filled in, so the pack is refused."""

import pytest

from tests.rules.conftest import edit


@pytest.mark.parametrize("options", ["", ", options: []"], ids=["missing", "empty"])
def test_a_choice_without_options_is_refused(refused, options):
    text = edit(
        "place: {type: text, max_length: 20}", f"outcome: {{type: choice, required: true{options}}}"
    )
    path, stderr = refused(text)
    assert stderr.strip() == (
        f"{path}: event_types.custody.arrested.fields.outcome: a choice field needs 'options'"
    )


def test_options_on_a_field_that_is_not_a_choice_are_refused(refused):
    text = edit("place: {type: text, max_length: 20}", "place: {type: text, options: [a, b]}")
    path, stderr = refused(text)
    assert stderr.strip() == (
        f"{path}: event_types.custody.arrested.fields.place: 'options' is only for choice fields"
    )
