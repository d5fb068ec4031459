"""Each generated form records exactly one event with the payload the pack defines."""

from tests.court.forms.helpers import (
    case_url,
    events,
    last,
    messages_of,
    record_url,
    submit,
    to_trial,
)


def test_scheduling_a_hearing_records_one_event_and_returns_to_the_case(staff_client, accused_case):
    before = len(events(accused_case))
    response = submit(
        staff_client,
        record_url(accused_case, "hearing.scheduled"),
        {
            "hearing": "H1",
            "kind": "preliminary",
            "starts_at": "2026-12-10T09:30",
            "courtroom": "Sala 3",
            "occurred_at": "2026-11-20T10:00",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == case_url(accused_case)
    assert len(events(accused_case)) == before + 1
    event = last(accused_case)
    assert event.type == "hearing.scheduled"
    assert event.payload == {
        "hearing": "H1",
        "kind": "preliminary",
        "starts_at": "2026-12-10T15:30:00Z",
        "courtroom": "Sala 3",
    }
    assert event.actor.username == "maria.clerk"
    assert event.corrects_seq is None


def test_success_is_announced_with_the_event_type(staff_client, accused_case):
    response = submit(
        staff_client,
        record_url(accused_case, "hearing.scheduled"),
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-12-10T09:30"},
    )
    assert messages_of(response) == ["Recorded: Hearing scheduled"]


def test_an_optional_field_left_empty_is_left_out_of_the_payload(staff_client, accused_case):
    submit(
        staff_client,
        record_url(accused_case, "hearing.scheduled"),
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-12-10T09:30", "courtroom": ""},
    )
    assert "courtroom" not in last(accused_case).payload


def test_a_hearing_is_rescheduled_with_a_reason(staff_client, accused_case, record):
    record(
        accused_case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-12-10T15:30:00Z"},
    )
    submit(
        staff_client,
        record_url(accused_case, "hearing.rescheduled"),
        {"hearing": "H1", "starts_at": "2026-12-17T14:00", "reason": "The judge is ill"},
    )
    event = last(accused_case)
    assert event.type == "hearing.rescheduled"
    assert event.payload == {
        "hearing": "H1",
        "starts_at": "2026-12-17T20:00:00Z",
        "reason": "The judge is ill",
    }


def schedule_h1(case, record):  # type: ignore[no-untyped-def]
    record(
        case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-03-20T09:00:00-06:00"},
    )


def test_a_hearing_held_is_recorded_with_its_summary(staff_client, accused_case, record):
    schedule_h1(accused_case, record)
    submit(
        staff_client,
        record_url(accused_case, "hearing.held"),
        {"hearing": "H1", "summary": "Both parties heard.\nNext step agreed."},
    )
    assert last(accused_case).payload == {
        "hearing": "H1",
        "summary": "Both parties heard.\nNext step agreed.",
    }


def test_a_hearing_not_held_is_recorded_with_why(staff_client, accused_case, record):
    schedule_h1(accused_case, record)
    # "not brought" needs someone held (court/hearing_projection.py)
    record(accused_case, "custody.arrested", {"person": "P1"})
    submit(
        staff_client,
        record_url(accused_case, "hearing.not_held"),
        {"hearing": "H1", "reason": "transport_failed", "details": "No van available"},
    )
    event = last(accused_case)
    assert event.type == "hearing.not_held"
    assert event.payload == {
        "hearing": "H1",
        "reason": "transport_failed",
        "details": "No van available",
    }


def test_a_detention_order_names_the_accused_and_the_date(staff_client, accused_case):
    submit(
        staff_client,
        record_url(accused_case, "custody.pretrial_ordered"),
        {
            "person": "P1",
            "until": "2027-02-28",
            "grounds": "Risk of flight",
            "occurred_at": "2026-11-20T10:00",  # before the last day, whatever day it runs
        },
    )
    assert last(accused_case).payload == {
        "person": "P1",
        "until": "2027-02-28",
        "grounds": "Risk of flight",
    }


def test_an_arrest_records_the_answer_chosen_and_the_one_not(staff_client, accused_case):
    submit(
        staff_client,
        record_url(accused_case, "custody.arrested"),
        {"person": "P1", "place": "Barrio Amón", "how": "flagrante"},
    )
    assert last(accused_case).payload == {
        "person": "P1",
        "place": "Barrio Amón",
        "flagrante": True,
        "warrant": False,
    }


def test_a_verdict_records_a_whole_number(staff_client, accused_case, record):
    to_trial(accused_case, record)
    submit(
        staff_client,
        record_url(accused_case, "verdict.delivered"),
        {"accused": "P1", "outcome": "convicted", "custodial": "on", "sentence_months": "36"},
    )
    assert last(accused_case).payload == {
        "accused": "P1",
        "outcome": "convicted",
        "custodial": True,
        "sentence_months": 36,
    }


def test_an_event_that_moves_the_stage_moves_it(staff_client, accused_case):
    submit(staff_client, record_url(accused_case, "indictment.filed"), {"accused": "P1"})
    accused_case.refresh_from_db()
    assert accused_case.stage == "intermediate"


def test_a_judge_records_too(judge_client, accused_case):
    response = submit(judge_client, record_url(accused_case, "note.added"), {"text": "Seen."})
    assert response.status_code == 302
    assert last(accused_case).actor.username == "jorge.judge"


def test_the_dedicated_forms_handle_parties_and_charges(staff_client, accused_case):
    nuid = accused_case.nuid
    response = staff_client.get(record_url(accused_case, "participant.added"))
    assert response["Location"] == f"/court/cases/{nuid}/participants/add/"
    response = staff_client.get(record_url(accused_case, "charge.filed"))
    assert response["Location"] == f"/court/cases/{nuid}/charges/add/"


def test_an_unknown_event_type_is_not_found(staff_client, accused_case):
    assert staff_client.get(record_url(accused_case, "party.thrown")).status_code == 404
    assert staff_client.get(record_url(accused_case, "case.opened")).status_code == 404
