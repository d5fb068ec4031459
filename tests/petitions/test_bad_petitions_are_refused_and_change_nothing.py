"""Bad input to ``petition_file`` and ``petition_decide`` is refused with the field and
the rule named, and records nothing: no event, no petition, no deadline."""

from __future__ import annotations

import pytest

from expediente.custody.models import Deadline
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from expediente.petitions.models import Petition


def snapshot(case):  # type: ignore[no-untyped-def]
    return (
        Event.objects.filter(case=case).count(),
        list(Petition.objects.values_list("filed_seq", "status")),
        Deadline.objects.filter(rule_id="intl.petition_answer").count(),
    )


@pytest.mark.parametrize(
    ("fields", "field", "rule"),
    [
        ({"text": ""}, "payload.text", "at least 1 character"),
        ({"text": "   "}, "payload.text", "at least 1 character"),
        ({"text": "x" * 2001}, "payload.text", "at most 2000 characters"),
        ({"kind": "pardon"}, "payload.kind", "Input should be"),
        ({"filed_via": "fax"}, "payload.filed_via", "Input should be"),
        ({"petitioner": "P9"}, "payload.petitioner", "no participant 'P9'"),
    ],
)
def test_a_bad_filing_names_the_field_and_files_nothing(detained, file, fields, field, rule):  # type: ignore[no-untyped-def]
    before = snapshot(detained)
    with pytest.raises(InvalidInput) as refused:
        file(detained, ago=1, **fields)
    [error] = [e for e in refused.value.errors if e["field"] == field]
    assert rule in error["message"]
    assert snapshot(detained) == before


def test_a_text_of_exactly_2000_characters_is_filed(detained, file):  # type: ignore[no-untyped-def]
    assert file(detained, ago=1, text="x" * 2000).created


@pytest.mark.parametrize(
    ("number", "rule"),
    [
        (99, "there is no petition with entry number 99 in this case"),
        (1, "there is no petition with entry number 1 in this case"),  # case.opened
    ],
)
def test_a_decision_for_no_petition_is_refused(detained, decide, number, rule):  # type: ignore[no-untyped-def]
    before = snapshot(detained)
    with pytest.raises(InvalidInput) as refused:
        decide(detained, petition=number, ago=1)
    assert refused.value.errors == [{"field": "payload.petition", "message": rule}]
    assert snapshot(detained) == before


def test_a_second_decision_of_the_same_petition_is_refused(detained, file, decide):  # type: ignore[no-untyped-def]
    filed = file(detained, ago=10)
    first = decide(detained, petition=filed.event.seq, ago=5)
    before = snapshot(detained)
    with pytest.raises(InvalidInput) as refused:
        decide(detained, petition=filed.event.seq, ago=4, outcome="granted")
    [error] = refused.value.errors
    assert error["field"] == "payload.petition"
    assert f"already decided (entry {first.seq})" in error["message"]
    assert snapshot(detained) == before


def test_a_decision_dated_before_the_petition_is_refused(detained, file, decide):  # type: ignore[no-untyped-def]
    filed = file(detained, ago=10)
    before = snapshot(detained)
    with pytest.raises(InvalidInput) as refused:
        decide(detained, petition=filed.event.seq, ago=11)
    assert refused.value.errors[0]["field"] == "occurred_at"
    assert snapshot(detained) == before


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"outcome": "maybe"}, "payload.outcome"), ({"reasons": ""}, "payload.reasons")],
)
def test_a_bad_decision_names_the_field(detained, file, decide, fields, field):  # type: ignore[no-untyped-def]
    filed = file(detained, ago=10)
    before = snapshot(detained)
    with pytest.raises(InvalidInput) as refused:
        decide(detained, petition=filed.event.seq, ago=1, **fields)
    assert field in [e["field"] for e in refused.value.errors]
    assert snapshot(detained) == before


def test_a_decision_in_the_minute_of_the_filing_is_accepted_and_meets_it(detained, file, clerk):  # type: ignore[no-untyped-def]
    # forms give minutes: 10:15:00 answers a petition filed at 10:15:41
    import datetime as dt

    from expediente.petitions.services import petition_decide
    from tests.conftest import NOW

    filed_at = NOW.replace(second=41) - dt.timedelta(hours=2)
    filed = file(detained, ago=(NOW - filed_at).total_seconds() / 3600)
    petition_decide(
        case=detained,
        petition=filed.event.seq,
        outcome="answered",
        reasons="Se informa la fecha de la audiencia.",
        actor=clerk,
        occurred_at=filed_at.replace(second=0),
    )
    deadline = Deadline.objects.get(rule_id="intl.petition_answer")
    assert not deadline.open
    assert deadline.satisfied_type == "petition.decided"
