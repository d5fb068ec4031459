"""Every offence maps to a real ICCS v1.0 code, so statistics can be compared."""

from tests.rules.conftest import edit


def test_a_code_that_is_not_in_iccs_is_refused(refused):
    path, stderr = refused(edit('iccs: "0502"', 'iccs: "0999"'))
    assert stderr.startswith(f"{path}: ")
    assert "offences[0].iccs: '0999' is not an ICCS v1.0 code (offence X-1)" in stderr


def test_a_code_that_is_not_even_shaped_like_iccs_is_refused(refused):
    path, stderr = refused(edit('iccs: "0502"', 'iccs: "theft"'))
    assert stderr.startswith(f"{path}: offences[0].iccs: ")
    assert "(got 'theft')" in stderr


def test_an_iccs_code_given_as_a_yaml_number_is_refused(refused):
    # unquoted 0502 is the integer 502 in YAML: the leading zero, and the section, are lost
    path, stderr = refused(edit('iccs: "0502"', "iccs: 0502"))
    assert stderr.startswith(f"{path}: offences[0].iccs: ")


def test_every_level_of_iccs_is_accepted(write_pack, rules_check):
    # section 05, division 0502, group 05021 (theft of a motor vehicle)
    for code in ("05", "0502", "05021"):
        result = rules_check(write_pack(edit('iccs: "0502"', f'iccs: "{code}"')))
        assert result.error is None, (code, result.stderr)
