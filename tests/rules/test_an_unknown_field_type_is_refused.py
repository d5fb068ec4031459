"""A field type the system does not know is refused, naming the field's full path."""

from tests.rules.conftest import edit


def test_an_unknown_field_type_names_the_path_and_the_allowed_types(refused):
    path, stderr = refused(edit("type: participant", "type: persona"))
    assert stderr.startswith(f"{path}: event_types.custody.arrested.fields.person.type: ")
    assert "'text', 'long_text', 'bool', 'int', 'date', 'datetime', 'choice'" in stderr
    assert "(got 'persona')" in stderr


def test_an_unknown_field_option_is_refused(refused):
    path, stderr = refused(edit("max_length: 20}", "max_length: 20, maxlen: 30}"))
    assert stderr.startswith(f"{path}: event_types.custody.arrested.fields.place.maxlen: ")
    assert "Extra inputs are not permitted" in stderr


def test_a_field_name_that_is_not_an_identifier_is_refused(refused):
    path, stderr = refused(edit("      place: {type: text", "      Place of arrest: {type: text"))
    assert stderr.startswith(f"{path}: event_types.custody.arrested.fields.Place of arrest")


def test_an_option_that_does_not_fit_the_field_type_is_refused(refused):
    text = edit(
        "text: {type: long_text, required: true}", "text: {type: long_text, not_future: true}"
    )
    path, stderr = refused(text)
    assert stderr.strip() == (
        f"{path}: event_types.note.added.fields.text: "
        "'not_future' is only for date and datetime fields"
    )
