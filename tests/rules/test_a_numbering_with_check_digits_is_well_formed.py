"""A pack's numbering with check digits names its scheme and has a place for them; an
unknown scheme or placeholder is refused, naming the field."""

import pytest

from tests.rules.conftest import edit

BEFORE = "initial_stage: open"


def numbering(*lines: str) -> str:
    return edit(BEFORE, "numbering:\n" + "".join(f"  {line}\n" for line in lines) + BEFORE)


@pytest.mark.parametrize(
    ("lines", "where", "says"),
    [
        (
            ['national_id: "{seq:07d}-{check}.{year}"'],
            "numbering",
            "has a {check} place: name the scheme",
        ),
        (
            ['national_id: "{seq:07d}.{year}"', "check: iso7064_mod97_10"],
            "numbering",
            "no format has a {check} place",
        ),
        (
            ['national_id: "{seq:07d}-{check}.{year}"', "check: luhn"],
            "numbering.check",
            "iso7064_mod97_10",
        ),
        (['national_id: "{seq:07d}-{dv}"'], "numbering.national_id", "unknown placeholder"),
        (["sequence: court", 'national_id: "{seq}"'], "numbering.sequence", "national"),
    ],
    ids=["check-place-without-scheme", "scheme-without-place", "unknown-scheme", "dv", "seq"],
)
def test_a_bad_numbering_is_refused(refused, lines, where, says):
    path, stderr = refused(numbering(*lines))
    assert stderr.startswith(f"{path}: {where}: "), stderr
    assert says in stderr


def test_a_numbering_with_check_digits_loads(write_pack, rules_check):
    text = numbering(
        "court_number: null",
        'national_id: "{seq:07d}-{check}.{year}.{matter}.{office}"',
        'matter: "8"',
        "check: iso7064_mod97_10",
        "sequence: office",
    )
    result = rules_check(write_pack(text))
    assert result.error is None, result.stderr
