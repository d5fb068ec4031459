"""The case row remembers its chain's head; a head that does not match is reported."""

from expediente.docket.models import Case


def test_a_head_hash_that_is_not_the_last_events_hash_is_reported(docket, verify):
    case, _ = docket
    Case.objects.filter(pk=case.pk).update(head_hash="f" * 64)
    result = verify()
    assert result.error is not None
    assert result.broken == [
        f"BROKEN case {case.nuid} seq 5: the case's head hash is not its last event's hash"
    ]


def test_a_case_claiming_more_events_than_the_log_holds_is_reported(docket, verify):
    _, other = docket
    Case.objects.filter(pk=other.pk).update(last_seq=3)
    result = verify()
    assert result.broken == [
        f"BROKEN case {other.nuid} seq 3: the case says it has 3 events, the log holds 2"
    ]
