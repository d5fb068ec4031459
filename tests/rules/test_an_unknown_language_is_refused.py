"""Texts are given in the region's languages (es, en, pt, fr); any other key is a mistake."""

import pytest

from tests.rules.conftest import edit


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("name: {en: Mini court,", "name: {de: Kleines Gericht, en: Mini court,", "name"),
        ("label: {en: Open, es: Abierto}", "label: {en: Open, sp: Abierto}", "stages[0].label"),
        (
            "explain: {en: The case is being investigated.}",
            "explain: {EN: The case is being investigated.}",
            "stages[0].explain",
        ),
        ("label: {en: Arrest}", "label: {en: Arrest, xx: Y}", "event_types.custody.arrested.label"),
        ("label: {en: Robbery}", "label: {en: Robbery, es_CR: Robo}", "offences[1].label"),
    ],
    ids=["pack name", "stage label", "stage explanation", "event label", "offence label"],
)
def test_an_unknown_language_key_names_where_it_is(refused, old, new, where):
    path, stderr = refused(edit(old, new))
    assert stderr.startswith(f"{path}: {where}: unknown language(s) ")
    assert "use ['es', 'en', 'pt', 'fr']" in stderr


def test_a_text_with_no_language_at_all_is_refused(refused):
    path, stderr = refused(edit("label: {en: Trial}", "label: {}"))
    assert stderr.strip() == f"{path}: stages[1].label: give the text in at least one language"
