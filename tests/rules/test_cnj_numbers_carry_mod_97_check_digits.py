"""Brazil's CNJ unique case number (Resolução CNJ 65/2008): NNNNNNN-DD.AAAA.J.TR.OOOO,
with check digits DD computed by ISO 7064 MOD 97-10 over the other 18 digits.

The algorithm is checked against numbers published by others:
- ``0000002-65.2005.4.05.8100``: the TJBA's explanation of the conversion of old federal
  numbers to the unique number (quoted at sistemaperitum.com.br/?p=654);
- ``0058967-77.2016.8.19.0000``: the example of the Business::BR::CNJ library
  (metacpan.org/pod/Business::BR::CNJ), a TJRJ number.
A typed number with one digit changed, or two adjacent digits swapped, is refused."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.loader import load_pack
from expediente.rules.numbering import (
    BadNumber,
    NumberParts,
    check_number,
    format_number,
    mod97_check,
    mod97_valid,
)

PUBLISHED = [
    ("0000002-65.2005.4.05.8100", NumberParts(year=2005, seq=2, office="05.8100", matter="4")),
    ("0058967-77.2016.8.19.0000", NumberParts(year=2016, seq=58967, office="19.0000", matter="8")),
]
CNJ = "{seq:07d}-{check}.{year}.{matter}.{office}"
SCHEME = "iso7064_mod97_10"
HOME = NumberParts(year=2026, seq=1, office="26.0050", matter="8")  # a TJSP court


@pytest.mark.parametrize(("number", "parts"), PUBLISHED, ids=[n for n, _ in PUBLISHED])
def test_published_numbers_get_their_published_check_digits(number, parts):
    assert format_number(CNJ, parts, SCHEME) == number
    check_number(number, CNJ, parts, SCHEME)  # accepted as typed


def test_the_brazilian_pack_numbers_cases_this_way():
    numbering = load_pack("br").numbering
    assert (numbering.national_id, numbering.check, numbering.matter) == (CNJ, SCHEME, "8")
    assert numbering.court_number is None  # every court uses the CNJ number
    assert numbering.sequence == "office"  # NNNNNNN counts per unit of origin (art. 1 §1)


def test_the_check_is_98_minus_the_rest_times_100_modulo_97():
    assert mod97_check("005896720168190000") == "77"
    assert mod97_valid("005896720168190000", "77")
    assert not mod97_valid("005896720168190000", "78")
    assert mod97_check("000000000000000000") == "98"  # two digits, never fewer


def _digit_positions(number: str) -> list[int]:
    return [i for i, ch in enumerate(number) if ch.isdigit()]


numbers = st.builds(
    NumberParts,
    year=st.integers(1990, 2099),
    seq=st.integers(1, 9_999_999),
    office=st.builds(
        lambda tr, oooo: f"{tr:02d}.{oooo:04d}", st.integers(0, 99), st.integers(0, 9999)
    ),
    matter=st.sampled_from("123456789"),
)


@given(parts=numbers)
def test_every_number_made_is_accepted_when_typed_back(parts):
    number = format_number(CNJ, parts, SCHEME)
    assert len(number) == 25
    assert len(_digit_positions(number)) == 20
    check_number(number, CNJ, HOME, SCHEME)


@given(parts=numbers, data=st.data())
def test_one_digit_changed_anywhere_is_refused(parts, data):
    number = format_number(CNJ, parts, SCHEME)
    at = data.draw(st.sampled_from(_digit_positions(number)))
    other = data.draw(st.sampled_from([d for d in "0123456789" if d != number[at]]))
    typo = number[:at] + other + number[at + 1 :]

    with pytest.raises(BadNumber) as refused:
        check_number(typo, CNJ, HOME, SCHEME)
    assert refused.value.rule == "check_digits"


@given(parts=numbers, data=st.data())
def test_two_adjacent_digits_swapped_are_refused(parts, data):
    number = format_number(CNJ, parts, SCHEME)
    positions = _digit_positions(number)
    pairs = [(a, b) for a, b in itertools.pairwise(positions) if number[a] != number[b]]
    if not pairs:
        return  # every digit the same: no swap changes anything
    a, b = data.draw(st.sampled_from(pairs))
    chars = list(number)
    chars[a], chars[b] = chars[b], chars[a]

    with pytest.raises(BadNumber) as refused:
        check_number("".join(chars), CNJ, HOME, SCHEME)
    assert refused.value.rule == "check_digits"


@pytest.mark.parametrize(
    "typed",
    [
        "0058967772016819000",  # no separators
        "58967-77.2016.8.19.0000",  # leading zeros left out
        "0058967-77.2016.8.19.000",  # unit of origin one digit short
        "0058967-77.2016.8.19.0000 ",  # trailing space
        "0058967-7X.2016.8.19.0000",  # a letter
    ],
)
def test_a_number_of_another_shape_is_refused_with_an_example(typed):
    with pytest.raises(BadNumber) as refused:
        check_number(typed, CNJ, HOME, SCHEME)
    assert refused.value.rule == "format"
    assert "0000001-" in str(refused.value)
    assert ".2026.8.26.0050" in str(refused.value)


def test_formats_without_check_digits_take_any_number():
    check_number("whatever-123", "{year}-{seq:06d}", HOME, None)
