"""An event deleted from the log leaves a gap that `expediente verify` names."""

from expediente.docket.models import Event


def test_a_deleted_event_in_the_middle_is_reported_as_a_gap(docket, tamper, verify):
    case, _ = docket
    with tamper():
        Event.objects.filter(case=case, seq=2).delete()
    result = verify()
    assert result.error is not None
    assert result.broken == [f"BROKEN case {case.nuid} seq 3: sequence gap: expected seq 2"]


def test_a_deleted_last_event_is_reported_against_the_case_row(docket, tamper, verify):
    case, _ = docket
    with tamper():
        Event.objects.filter(case=case, seq=5).delete()
    result = verify()
    assert result.broken == [
        f"BROKEN case {case.nuid} seq 5: the case says it has 5 events, the log holds 4"
    ]


def test_a_case_whose_whole_log_is_deleted_is_reported(docket, tamper, verify):
    _, other = docket
    with tamper():
        Event.objects.filter(case=other).delete()
    result = verify()
    assert result.broken == [
        f"BROKEN case {other.nuid} seq 1: the case says it has 2 events, the log has none"
    ]
