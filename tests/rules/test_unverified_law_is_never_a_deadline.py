"""A deadline whose legal source is unverified (flag U) must not be encoded as law."""

from tests.rules.conftest import edit


def test_a_deadline_with_law_flag_u_is_refused(refused):
    path, stderr = refused(edit('article: "1", flag: V}', 'article: "1", flag: U}'))
    assert stderr.startswith(f"{path}: deadlines[0].law: ")
    assert "unverified (flag U) must not be encoded as law" in stderr


def test_a_deadline_with_law_flag_p_is_accepted(write_pack, rules_check):
    result = rules_check(write_pack(edit('article: "1", flag: V}', 'article: "1", flag: P}')))
    assert result.error is None, result.stderr


def test_an_offence_citing_unverified_law_is_still_accepted(write_pack, rules_check):
    # offences are a catalogue, not a time limit: flag U is allowed and pointed out
    result = rules_check(write_pack(edit("flag: P}}", "flag: U}}")))
    assert result.error is None, result.stderr
    assert "note: 2 offence(s) cite law not yet checked (flag U)" in result.stdout


def test_a_law_flag_other_than_v_p_u_is_refused(refused):
    path, stderr = refused(edit('article: "1", flag: V}', 'article: "1", flag: X}'))
    assert stderr.startswith(f"{path}: deadlines[0].law.flag: ")
    assert "(got 'X')" in stderr
