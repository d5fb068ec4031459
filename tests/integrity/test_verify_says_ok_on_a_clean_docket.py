"""`expediente verify` passes a docket nobody has tampered with."""

from expediente.integrity.verify import verify_cases


def test_verify_says_ok_when_every_chain_holds(docket, verify):
    result = verify()
    assert result.error is None
    assert result.stdout.splitlines() == [
        "ok: every case's hash chain holds",
        "ok: the log holds 0 entries; no checkpoint yet",
        "note: 7 entries recorded since the last `expediente checkpoint` are not in the log yet",
    ]
    assert result.broken == []


def test_verify_says_ok_on_an_empty_docket(db, verify):
    assert verify().error is None


def test_corrections_keep_the_chain_whole(docket, record, verify):
    case = docket[0]
    record(case, "note.added", {"text": "Primera nota, corregida"}, corrects_seq=5)
    assert verify().error is None
    assert verify_cases([case]) == []
