"""A time field takes no settings of text or numbers, and a choice's option labels name
its options, every one, in known languages; `rules check` names the file and path."""

import pytest

from tests.rules.conftest import edit

PLACE = "place: {type: text, max_length: 20}"
FIELD = "event_types.custody.arrested.fields"


def test_a_time_field_is_accepted(write_pack, rules_check):
    result = rules_check(write_pack(edit(PLACE, "at: {type: time, required: true}")))
    assert result.error is None, result.stderr


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        (
            "max_length: 5",
            "'max_length' is only for text and long_text fields: a time is always HH:MM",
        ),
        ("min: 0", "'min' and 'max' are only for int fields"),
        ("max: 2359", "'min' and 'max' are only for int fields"),
        ("options: ['20:00']", "'options' is only for choice fields"),
        ("not_future: true", "'not_future' is only for date and datetime fields"),
    ],
)
def test_a_time_field_with_a_setting_that_does_not_fit_is_refused(refused, setting, says):
    path, stderr = refused(edit(PLACE, f"curfew_from: {{type: time, {setting}}}"))
    assert stderr.strip() == f"{path}: {FIELD}.curfew_from: {says}"


def test_a_misspelt_type_names_time_among_the_types(refused):
    path, stderr = refused(edit(PLACE, "curfew_from: {type: hour}"))
    assert stderr.startswith(f"{path}: {FIELD}.curfew_from.type: ")
    assert "'time'" in stderr


CHOICE = "outcome: {type: choice, options: [held, moved], option_labels: %s}"


def test_option_labels_in_every_language_are_accepted(write_pack, rules_check):
    labels = "{held: {es: Celebrada, en: Held}, moved: {es: Trasladada, en: Moved, pt: Movida}}"
    result = rules_check(write_pack(edit(PLACE, CHOICE % labels)))
    assert result.error is None, result.stderr


@pytest.mark.parametrize(
    ("labels", "says"),
    [
        (
            "{held: {en: Held}, moved: {en: Moved}, gone: {en: Gone}}",
            "['gone'] not among the field's options ['held', 'moved']",
        ),
        ("{held: {en: Held}}", "give a label for every option; missing: ['moved']"),
        (
            "{held: {en: Held}, moved: {de: Verlegt}}",
            "moved: unknown language(s) ['de']; use ['es', 'en', 'pt', 'fr']",
        ),
        ("{held: {en: Held}, moved: {}}", "moved: give the text in at least one language"),
    ],
)
def test_option_labels_that_do_not_fit_the_options_are_refused(refused, labels, says):
    path, stderr = refused(edit(PLACE, CHOICE % labels))
    assert stderr.strip() == f"{path}: {FIELD}.outcome.option_labels: {says}"


def test_option_labels_on_a_field_that_is_not_a_choice_are_refused(refused):
    path, stderr = refused(edit(PLACE, "place: {type: text, option_labels: {a: {en: A}}}"))
    assert stderr.strip() == f"{path}: {FIELD}.place: 'option_labels' is only for choice fields"
