"""A participant's code is printed once and never stored in a readable form."""

from expediente.access.models import ParticipantCode
from expediente.access.participant_codes import ALPHABET, LENGTH, _digest, code_verify


def test_the_code_is_twelve_unambiguous_symbols_in_groups_of_four(detained_case, issue):
    code = issue(detained_case, "P1")
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4]
    assert all(c in ALPHABET for c in "".join(groups))
    assert len("".join(groups)) == LENGTH
    assert not set("01OIL") & set(code)


def test_nothing_stored_contains_the_code(detained_case, issue):
    code = issue(detained_case, "P1")
    row = ParticipantCode.objects.get(case=detained_case, participant="P1")
    stored = " ".join(
        str(v) for v in ParticipantCode.objects.filter(pk=row.pk).values().first().values()
    )
    plain = code.replace("-", "")
    assert plain not in stored
    assert code not in stored
    assert row.digest == _digest(detained_case.nuid, plain)


def test_the_digest_depends_on_the_server_secret(detained_case, issue, settings):
    code = issue(detained_case, "P1").replace("-", "")
    before = _digest(detained_case.nuid, code)
    settings.SECRET_KEY = "another-secret-entirely-for-this-test"
    assert _digest(detained_case.nuid, code) != before


def test_the_same_code_in_another_case_opens_nothing(detained_case, issue, open_case):
    code = issue(detained_case, "P1")
    other = open_case()
    assert _digest(detained_case.nuid, code.replace("-", "")) != _digest(
        other.nuid, code.replace("-", "")
    )
    import pytest

    from expediente.access.participant_codes import CodeRefused

    with pytest.raises(CodeRefused):
        code_verify(case_number=other.nuid, code=code, client_ip="10.0.0.1")
