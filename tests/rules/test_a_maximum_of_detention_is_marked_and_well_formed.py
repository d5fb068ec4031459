"""A deadline marked ``maximum: true`` is the longest a person may legally be held: the
family's detention panel reads it as "the maximum", the staff clock tags it and an
order's stated term is checked against it. Only a legal consequence counted once per
person can be one; the shipped packs mark the rules whose law says so, and nothing else
(a juvenile's 6 weeks of non-custodial measures limit measures, not detention)."""

import pytest

from expediente.rules.loader import load_pack
from tests.rules.conftest import edit

ALERT = "effect: alert"


def test_an_alert_cannot_be_a_maximum(refused):
    path, stderr = refused(edit(ALERT, f"{ALERT}\n    maximum: true"))
    assert f"{path}: deadlines[0]: " in stderr
    assert "maximum: the longest a person may be held is a legal consequence" in stderr


def test_a_maximum_is_not_a_yes_or_no_word(refused):
    _path, stderr = refused(edit(ALERT, "effect: legal_consequence\n    maximum: sometimes"))
    assert "deadlines[0].maximum: " in stderr


def test_a_legal_consequence_marked_maximum_loads(write_pack, rules_check):
    result = rules_check(write_pack(edit(ALERT, "effect: legal_consequence\n    maximum: true")))
    assert result.error is None, result.stderr


@pytest.mark.parametrize(
    ("pack", "maxima"),
    [
        ("intl", set()),
        ("cl", set()),
        ("co", {"co.custodial_measure_maximum"}),
        ("cr", {"cr.pretrial_maximum", "cr.juvenile.provisional_detention"}),
        (
            "br",
            {
                "br.eca.provisional_internment",
                "br.eca.internment_maximum",
                "br.eca.compulsory_release_at_21",
            },
        ),
    ],
)
def test_the_shipped_packs_mark_their_maximums_of_detention(pack, maxima):
    rules = load_pack(pack).deadlines
    assert {d.id for d in rules if d.maximum} == maxima
    # not every legal consequence is a maximum of detention
    assert "cr.juvenile.non_custodial_measures" not in maxima
