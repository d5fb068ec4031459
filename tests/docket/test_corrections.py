import pytest

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event, Participation


def test_a_correction_is_a_new_event_that_points_at_the_original(accused_case, record):
    fixed = {
        "role": "accused",
        "person": {"given_names": "José", "family_names": "Pérez Mora", "id_number": "1-0234-0568"},
    }
    recorded = record(accused_case, "participant.added", fixed, corrects_seq=2)
    assert recorded.event.corrects_seq == 2
    original = Event.objects.get(case=accused_case, seq=2)
    assert original.payload["person"]["id_number"] == "1-0234-0567"  # untouched
    person = Participation.objects.get(case=accused_case, uid="P1").person
    assert person.id_number == "1-0234-0568"
    assert Participation.objects.filter(case=accused_case).count() == 2


def test_a_correction_must_keep_the_type_it_corrects(accused_case, record):
    with pytest.raises(InvalidInput) as exc:
        record(accused_case, "note.added", {"text": "x"}, corrects_seq=2)
    assert exc.value.errors[0]["field"] == "corrects"


def test_a_correction_must_point_at_an_existing_event(accused_case, record):
    with pytest.raises(InvalidInput, match="no event 99"):
        record(accused_case, "note.added", {"text": "x"}, corrects_seq=99)
