"""A participant field may only require roles the pack defines."""

from tests.rules.conftest import edit


def test_a_participant_field_with_an_unknown_role_is_refused(refused):
    path, stderr = refused(edit("role: [accused]", "role: [acused]"))
    assert stderr.startswith(f"{path}: ")
    assert "event_types.custody.arrested.fields.person.role: unknown role 'acused'" in stderr


def test_a_role_on_a_field_that_is_not_a_participant_is_refused(refused):
    text = edit("place: {type: text, max_length: 20}", "place: {type: text, role: [accused]}")
    path, stderr = refused(text)
    assert stderr.strip() == (
        f"{path}: event_types.custody.arrested.fields.place: 'role' is only for participant fields"
    )


def test_a_deadline_alerting_an_unknown_role_is_refused(refused):
    _, stderr = refused(edit("alert: {who: [prosecutor]", "alert: {who: [prosecuter]"))
    assert "deadlines[0]" in stderr
    assert "prosecuter" in stderr
