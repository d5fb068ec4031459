"""A pack may give the number a person in danger calls (shown to the people a measure
protects); it must be a number one can dial, and `rules check` says when its source was
not checked."""

import pytest

from tests.rules.conftest import edit

EMERGENCY = """procedures: [adult, juvenile]
emergency:
  phone: "{phone}"
  name: {{en: Emergency service, es: Servicio de emergencias}}
  note: not checked against the law
"""


def _with(phone: str) -> str:
    return edit("procedures: [adult, juvenile]\n", EMERGENCY.format(phone=phone))


def test_a_pack_with_an_emergency_number_loads_and_says_it_is_unchecked(write_pack, rules_check):
    result = rules_check(write_pack(_with("9-1-1")))
    assert result.error is None, result.stderr
    assert "note: emergency number 9-1-1: not checked against the law" in result.stdout


@pytest.mark.parametrize("phone", ["", "911a", "+1 911", "1", "0800 123 456 789 012", "1\n2"])
def test_a_number_one_cannot_dial_is_refused_naming_the_field(refused, phone):
    path, stderr = refused(_with(phone.replace("\n", "\\n")))
    assert stderr.startswith(f"{path}: emergency.phone: ")


def test_the_shipped_national_packs_give_their_country_s_number():
    from expediente.rules.loader import load_pack

    cr, br = load_pack("cr").emergency, load_pack("br").emergency
    assert cr is not None
    assert cr.phone == "911"
    assert cr.law is not None
    assert cr.law.flag == "U"  # as commonly cited, not checked against SCIJ: said so
    assert br is not None
    assert br.phone == "190"
    assert br.law is None
    assert br.note
    assert load_pack("intl").emergency is None  # no number is the whole region's
