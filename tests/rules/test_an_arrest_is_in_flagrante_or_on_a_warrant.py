"""QA: an arrest was accepted as made both in flagrante and on a warrant. The pack says
how an arrest was made with two yes-or-no fields, ``flagrante`` and ``warrant``, and now
marks them ``one_of``: at most one may be true. The payload model refuses both,
naming the second field, for the API and the importer alike; either alone, or neither,
is fine. A pack's ``one_of`` is checked when the pack loads."""

from __future__ import annotations

import pytest

from expediente.rules.loader import load_pack, load_pack_file
from expediente.rules.payloads import PayloadError, validate_payload
from tests.rules.conftest import edit
from tests.rules.payload_helpers import clean, errors

ARREST = "custody.arrested"


@pytest.mark.parametrize("pack", ["intl", "cr", "br", "cl", "co"])
def test_both_are_refused_naming_the_second(pack):
    said = errors(load_pack(pack), {"person": "P1", "flagrante": True, "warrant": True}, ARREST)
    assert said == [
        {
            "field": "payload.warrant",
            "message": "cannot be true together with flagrante: at most one of flagrante, "
            "warrant can be true",
        }
    ]


def test_the_refusal_says_which_rule_it_broke():
    with pytest.raises(PayloadError) as refused:
        validate_payload(
            load_pack("cr"), ARREST, {"person": "P1", "flagrante": True, "warrant": True}
        )
    assert refused.value.broken == {
        "payload.warrant": ("one_of", {"group": "how", "others": ["flagrante"]})
    }


@pytest.mark.parametrize(
    "payload",
    [
        {"flagrante": True},
        {"warrant": True},
        {"flagrante": True, "warrant": False},
        {"flagrante": False, "warrant": True},
        {"flagrante": False, "warrant": False},
        {},
    ],
)
def test_one_or_neither_is_fine(payload):
    assert clean(load_pack("cr"), {"person": "P1", **payload}, ARREST) == {
        "person": "P1",
        **payload,
    }


ONE_OF = """\
      flagrante: {type: bool}
      warrant: {type: bool}
    one_of:
      how:
        label: {en: How was the person arrested?}
        fields: [flagrante, warrant]
"""
PLACE = "      place: {type: text, max_length: 20}\n"


def test_a_pack_may_say_that_fields_exclude_each_other(write_pack):
    mini = load_pack_file(write_pack(edit(PLACE, PLACE + ONE_OF)))
    assert list(mini.event_types[ARREST].one_of) == ["how"]
    with pytest.raises(PayloadError):
        validate_payload(mini, ARREST, {"person": "P1", "flagrante": True, "warrant": True})


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("fields: [flagrante, warrant]", "fields: [flagrante, handcuffed]", "handcuffed"),
        ("fields: [flagrante, warrant]", "fields: [flagrante]", "at least two"),
        ("fields: [flagrante, warrant]", "fields: [flagrante, place]", "yes-or-no"),
        ("      how:\n", "      place:\n", "the name of a field"),
    ],
    ids=["unknown-field", "one-field", "not-bool", "clashes-with-a-field"],
)
def test_a_malformed_one_of_is_refused_when_the_pack_loads(refused, old, new, says):  # type: ignore[no-untyped-def]
    _path, stderr = refused(edit(PLACE, PLACE + ONE_OF.replace(old, new)))
    assert "one_of" in stderr
    assert says in stderr
