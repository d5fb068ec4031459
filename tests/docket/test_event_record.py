import datetime as dt
import itertools

import pytest

from expediente.docket.errors import (
    InvalidInput,
    NotAllowedInStage,
    PermissionDenied,
    SequenceConflict,
)
from expediente.docket.models import Charge, Event, Participation, Person
from expediente.integrity.chain import GENESIS
from tests.conftest import NOW, PERSON


def _count(case):
    return Event.objects.filter(case=case).count()


def test_events_get_consecutive_numbers_and_chain_their_hashes(accused_case):
    events = list(Event.objects.filter(case=accused_case).order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert events[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    assert accused_case.head_hash == events[-1].hash


def test_participants_and_charges_are_projected(accused_case):
    accused = Participation.objects.get(case=accused_case, uid="P1")
    assert accused.role == "accused"
    assert accused.person.display_name == "José Pérez Mora"
    assert accused.person.search_name == "jose perez mora"
    charge = Charge.objects.get(case=accused_case)
    assert (charge.offence_code, charge.iccs, charge.accused_id) == ("CP-208", "0502", accused.pk)
    assert charge.offence_label == "Hurto simple"


def test_catalogue_flags_are_set_on_the_charge(accused_case, record):
    record(accused_case, "charge.filed", {"accused": "P1", "offence": "L7530-88"})
    assert Charge.objects.get(case=accused_case, uid="C2").firearm is True


def test_a_procedural_event_moves_the_stage(accused_case, record):
    record(accused_case, "indictment.filed", {"accused": "P1"})
    accused_case.refresh_from_db()
    assert accused_case.stage == "intermediate"
    assert accused_case.stage_since == NOW - dt.timedelta(days=29)


def test_an_event_not_allowed_in_the_stage_is_refused_and_nothing_is_written(accused_case, record):
    before = _count(accused_case)
    with pytest.raises(NotAllowedInStage, match="not allowed in stage 'investigation'"):
        record(accused_case, "verdict.delivered", {"accused": "P1", "outcome": "convicted"})
    assert _count(accused_case) == before


def test_an_unknown_event_type_is_refused(accused_case, record):
    with pytest.raises(InvalidInput) as exc:
        record(accused_case, "custody.teleported", {})
    assert exc.value.errors[0]["field"] == "type"
    assert "unknown event type" in exc.value.message


def test_a_missing_field_is_named(accused_case, record):
    with pytest.raises(InvalidInput) as exc:
        record(accused_case, "custody.pretrial_ordered", {"person": "P1", "grounds": "riesgo"})
    assert {"field": "payload.until", "message": "Field required"} in exc.value.errors


def test_a_field_of_the_wrong_type_is_named(accused_case, record):
    with pytest.raises(InvalidInput) as exc:
        record(
            accused_case,
            "custody.pretrial_ordered",
            {"person": "P1", "grounds": "riesgo", "until": "next spring"},
        )
    assert exc.value.errors[0]["field"] == "payload.until"


def test_an_unknown_field_is_named(accused_case, record):
    with pytest.raises(InvalidInput) as exc:
        record(accused_case, "custody.arrested", {"person": "P1", "handcuffed": True})
    assert exc.value.errors == [
        {"field": "payload.handcuffed", "message": "is not a field of this event type"}
    ]


def test_a_choice_outside_its_options_is_refused(accused_case, record):
    with pytest.raises(InvalidInput) as exc:
        record(accused_case, "custody.pretrial_reviewed", {"person": "P1", "outcome": "maybe"})
    assert exc.value.errors[0]["field"] == "payload.outcome"


def test_a_participant_must_exist_and_have_the_right_role(accused_case, record):
    with pytest.raises(InvalidInput, match="no participant 'P9'"):
        record(accused_case, "custody.arrested", {"person": "P9"})
    with pytest.raises(InvalidInput, match="is a victim"):
        record(accused_case, "custody.arrested", {"person": "P2"})


def test_an_offence_outside_the_catalogue_is_refused(accused_case, record):
    with pytest.raises(InvalidInput) as exc:
        record(accused_case, "charge.filed", {"accused": "P1", "offence": "CP-999"})
    assert exc.value.errors[0]["field"] == "payload.offence"


def test_an_event_in_the_future_is_refused(accused_case, record):
    with pytest.raises(InvalidInput) as exc:
        record(
            accused_case,
            "custody.arrested",
            {"person": "P1"},
            occurred_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=3),
        )
    assert exc.value.errors[0]["field"] == "occurred_at"


def test_a_date_of_birth_in_the_future_is_refused(case, record):
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).date().isoformat()
    with pytest.raises(InvalidInput) as exc:
        record(
            case,
            "participant.added",
            {"role": "accused", "person": {**PERSON, "date_of_birth": future}},
        )
    assert exc.value.errors[0]["field"] == "payload.person.date_of_birth"
    assert not Person.objects.exists()


def test_text_with_a_nul_character_is_refused(accused_case, record):
    with pytest.raises(InvalidInput):
        record(accused_case, "note.added", {"text": "a\x00b"})


def test_a_stale_expected_seq_is_a_conflict(accused_case, record):
    with pytest.raises(SequenceConflict, match=r"the next event of case .* is number 5"):
        record(accused_case, "note.added", {"text": "late"}, expected_seq=3)
    record(accused_case, "note.added", {"text": "on time"}, expected_seq=5)
    assert accused_case.last_seq == 5


def test_a_reader_cannot_record(accused_case, record, reader):
    with pytest.raises(PermissionDenied):
        record(accused_case, "note.added", {"text": "x"}, actor=reader)


def test_a_closed_case_accepts_only_reopening(accused_case, record):
    record(accused_case, "case.dismissed", {"reason": "withdrawn"})
    assert accused_case.stage == "closed"
    with pytest.raises(NotAllowedInStage):
        record(accused_case, "note.added", {"text": "after closing"})
    record(accused_case, "case.reopened", {"reason": "new evidence"})
    assert accused_case.stage == "investigation"


def test_recording_case_opened_directly_is_refused(case, record):
    with pytest.raises(InvalidInput, match="open a case with case_open"):
        record(case, "case.opened", {})


def test_odd_json_values_are_refused_not_a_crash(accused_case, record):
    for odd in (float("nan"), float("inf"), "\ud800"):
        with pytest.raises(InvalidInput):
            record(accused_case, "note.added", {"text": odd}, idempotency_key=f"odd-{odd!r}")
    assert _count(accused_case) == 4


def test_a_nul_in_a_case_number_is_refused_before_any_query(court, clerk):
    from expediente.docket.services import case_open

    with pytest.raises(InvalidInput) as exc:
        case_open(court=court, actor=clerk, procedure="adult", occurred_at=NOW, number="A\x00")
    assert exc.value.errors[0]["field"] == "number"


def test_a_person_uid_can_link_only_by_restating_the_person(accused_case, open_case, record):
    uid = Participation.objects.get(case=accused_case, uid="P1").person.uid
    other = open_case()
    with pytest.raises(InvalidInput) as exc:
        record(
            other,
            "participant.added",
            {"role": "accused", "person": {"uid": uid, "given_names": "Mallory"}},
        )
    assert exc.value.errors[0]["field"] == "payload.person.uid"
    record(other, "participant.added", {"role": "accused", "person": {**PERSON, "uid": uid}})
    assert Person.objects.get(uid=uid).participations.count() == 2
    assert Person.objects.get(uid=uid).given_names == "José"
