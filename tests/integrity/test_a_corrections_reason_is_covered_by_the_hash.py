"""A correction's reason is part of what was recorded: the hash covers it, so giving,
changing or removing it behind the application's back is found; entries without one
(corrections recorded before reasons were asked for among them) keep their hashes, and
`expediente verify` and `rebuild --check` stay clean."""

import io

import pytest
from django.core.management import call_command

from expediente.docket.models import Event


@pytest.fixture
def corrected(docket, record):
    case = docket[0]
    record(
        case,
        "note.added",
        {"text": "Primera nota, corregida"},
        corrects_seq=5,
        correction_reason="The note was typed in a hurry",
    )
    record(  # the opening too
        case,
        "case.opened",
        {"summary": "Hurto de un teléfono"},
        occurred_at=Event.objects.get(case=case, seq=1).occurred_at,
        corrects_seq=1,
        correction_reason="The summary was left out",
    )
    return case


def test_verify_and_rebuild_check_are_clean_after_corrections_with_reasons(corrected, verify):
    assert Event.objects.get(case=corrected, seq=6).correction_reason == (
        "The note was typed in a hurry"
    )
    assert verify().error is None
    call_command("rebuild", "--check", stdout=io.StringIO())  # CommandError if they differ


@pytest.mark.parametrize("forged", ["Another reason", None])
def test_a_changed_or_removed_reason_is_found(corrected, tamper, verify, forged):
    with tamper():
        Event.objects.filter(case=corrected, seq=6).update(correction_reason=forged)
    assert verify().broken == [
        f"BROKEN case {corrected.nuid} seq 6: stored hash does not match the event's content"
    ]


def test_a_reason_added_to_an_entry_that_had_none_is_found(docket, tamper, verify):
    case = docket[0]
    with tamper():
        Event.objects.filter(case=case, seq=5).update(correction_reason="added later")
    assert verify().broken == [
        f"BROKEN case {case.nuid} seq 5: stored hash does not match the event's content"
    ]
