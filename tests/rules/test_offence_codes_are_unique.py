"""Two offences with one code would make a charge ambiguous; the pack is refused."""

from tests.rules.conftest import edit


def test_two_offences_with_the_same_code_are_refused(refused):
    path, stderr = refused(edit("{code: X-2,", "{code: X-1,"))
    assert stderr.startswith(f"{path}: ")
    assert "offences[1].code: code 'X-1' is given twice in offences, at line " in stderr
