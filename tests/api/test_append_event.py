"""POST /api/v1/cases/{nuid}/events"""

import pytest

from expediente.docket.models import Event
from tests.api.helpers import API, PAST, fields, future, message, post_json, problem

NOTE = {"text": "Se recibió el informe pericial"}


WHY = "A typing mistake in the report's name"


def body(type_name="note.added", payload=NOTE, **changes):
    return {"type": type_name, "occurred_at": PAST, "payload": payload, **changes}


@pytest.fixture
def url(case_url):
    return f"{case_url}/events"


def count(case):
    return Event.objects.filter(case=case).count()


def test_it_appends_the_event_to_the_chain_and_answers_201(api_clerk, accused_case, url):
    head = accused_case.head_hash
    r = post_json(api_clerk, url, body())
    assert r.status_code == 201
    event = r.json()
    assert (event["seq"], event["type"]) == (5, "note.added")
    assert event["payload"] == {"text": "Se recibió el informe pericial"}
    assert event["prev_hash"] == head
    assert event["occurred_at"] == "2026-03-01T15:00:00.000000Z"  # as the hash chain writes it
    assert count(accused_case) == 5


def test_an_event_that_moves_the_case_changes_its_stage(api_clerk, case_url, url):
    r = post_json(api_clerk, url, body("indictment.filed", {"accused": "P1"}))
    assert r.status_code == 201
    case = api_clerk.get(case_url).json()
    assert case["stage"]["id"] == "intermediate"
    assert "trial.committed" in case["allowed_event_types"]


def test_it_refuses_an_unknown_event_type_naming_the_field_type(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body("note.scribbled")), 422, "invalid")
    assert fields(p) == ["type"]
    assert "note.scribbled" in p["detail"]
    assert "note.added" in p["detail"]  # it says which types exist
    assert count(accused_case) == 4


def test_it_will_not_open_a_case_through_the_event_route(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body("case.opened", {})), 422, "invalid")
    assert fields(p) == ["type"]
    assert count(accused_case) == 4


def test_it_names_a_missing_payload_field(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body(payload={})), 422, "invalid")
    assert fields(p) == ["payload.text"]
    assert count(accused_case) == 4


@pytest.mark.parametrize(
    ("type_name", "payload", "field"),
    [
        ("custody.hearing_held", {"person": "P1", "outcome": "hanged"}, "payload.outcome"),
        ("custody.hearing_held", {"person": 1, "outcome": "released"}, "payload.person"),
        (
            "probation_suspension.granted",
            {"accused": "P1", "conditions": "firmar", "months": "six"},
            "payload.months",
        ),
        (
            "probation_suspension.granted",
            {"accused": "P1", "conditions": "firmar", "months": 61},
            "payload.months",
        ),
        (
            "hearing.scheduled",
            {"hearing": "H1", "kind": "trial", "starts_at": "2026-04-01T09:00:00"},
            "payload.starts_at",
        ),
        (
            "custody.pretrial_ordered",
            {"person": "P1", "until": "pronto", "grounds": "fuga"},
            "payload.until",
        ),
        ("note.added", {"text": ["a", "b"]}, "payload.text"),
        ("note.added", {"text": "a\x00b"}, "payload.text"),
        # the hearing's id is asked about before validation on PostgreSQL: a NUL in it
        # must still be refused by validation, naming it, not end in a 500
        (
            "hearing.scheduled",
            {"hearing": "H\x00", "kind": "trial", "starts_at": "2026-05-04T09:00:00-06:00"},
            "payload.hearing",
        ),
        ("hearing.held", {"hearing": "H\x00"}, "payload.hearing"),
        ("note.added", {"text": "x" * 20_001}, "payload.text"),
    ],
)
def test_it_refuses_a_payload_field_of_the_wrong_type(
    api_clerk, accused_case, url, type_name, payload, field
):
    p = problem(post_json(api_clerk, url, body(type_name, payload)), 422, "invalid")
    assert fields(p) == [field]
    assert count(accused_case) == 4


def test_it_refuses_an_unknown_payload_field(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body(payload={"text": "x", "mood": "sad"})), 422)
    assert fields(p) == ["payload.mood"]
    assert message(p, "payload.mood") == "is not a field of this event type"


def test_it_refuses_an_unknown_top_level_field(api_clerk, url):
    p = problem(post_json(api_clerk, url, body(priority="high")), 422, "invalid")
    assert fields(p) == ["priority"]


@pytest.mark.parametrize("payload", [[], "text", 3, None])
def test_it_refuses_a_payload_that_is_not_an_object(api_clerk, url, payload):
    p = problem(post_json(api_clerk, url, body(payload=payload)), 422, "invalid")
    assert fields(p) == ["payload"]


def test_it_refuses_a_participant_who_is_not_in_the_case(api_clerk, accused_case, url):
    payload = {"person": "P7", "outcome": "released"}
    p = problem(post_json(api_clerk, url, body("custody.hearing_held", payload)), 422)
    assert fields(p) == ["payload.person"]
    assert "P7" in message(p, "payload.person")


def test_it_refuses_a_participant_with_the_wrong_role(api_clerk, url):
    payload = {"person": "P2", "outcome": "released"}
    p = problem(post_json(api_clerk, url, body("custody.hearing_held", payload)), 422)
    assert fields(p) == ["payload.person"]


def test_an_event_not_allowed_in_the_current_stage_is_a_conflict(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body("trial.committed", {})), 409, "stage")
    assert fields(p) == ["type"]
    assert p["stage"] == "investigation"
    assert "investigation" in p["detail"]
    assert "intermediate" in p["detail"]
    assert count(accused_case) == 4


def test_a_closed_case_must_be_reopened_before_anything_else(api_clerk, accused_case, url):
    closing = body("case.dismissed", {"reason": "insufficient_evidence"})
    assert post_json(api_clerk, url, closing).status_code == 201
    p = problem(post_json(api_clerk, url, body()), 409, "stage")
    assert "reopen" in p["detail"]
    reopening = body("case.reopened", {"reason": "prueba nueva"})
    assert post_json(api_clerk, url, reopening).status_code == 201
    assert post_json(api_clerk, url, body()).status_code == 201


def test_it_refuses_a_date_in_the_future(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body(occurred_at=future())), 422, "invalid")
    assert fields(p) == ["occurred_at"]
    assert message(p, "occurred_at") == "may not be in the future"
    assert count(accused_case) == 4


def test_it_refuses_an_implausibly_old_date(api_clerk, url):
    p = problem(post_json(api_clerk, url, body(occurred_at="1900-01-01T00:00:00Z")), 422)
    assert fields(p) == ["occurred_at"]


def test_the_expected_sequence_number_is_accepted_when_it_is_next(api_clerk, url):
    r = post_json(api_clerk, url, body(expected_seq=5))
    assert r.status_code == 201
    assert r.json()["seq"] == 5


def test_a_stale_expected_sequence_number_is_a_conflict(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body(expected_seq=3)), 409, "sequence")
    assert fields(p) == ["expected_seq"]
    assert message(p, "expected_seq") == "the next seq is 5"
    assert count(accused_case) == 4


def test_an_expected_sequence_number_ahead_of_the_case_is_called_ahead(
    api_clerk, accused_case, url
):
    p = problem(post_json(api_clerk, url, body(expected_seq=9)), 409, "sequence")
    assert message(p, "expected_seq") == "the next seq is 5"
    assert p["next_seq"] == 5
    assert "ahead of the case" in p["detail"]
    assert "stale" not in p["detail"]
    behind = problem(post_json(api_clerk, url, body(expected_seq=3)), 409, "sequence")
    assert "stale" in behind["detail"]
    assert count(accused_case) == 4


def test_the_same_expected_sequence_number_twice_is_a_conflict(api_clerk, accused_case, url):
    assert post_json(api_clerk, url, body(expected_seq=5)).status_code == 201
    p = problem(post_json(api_clerk, url, body(expected_seq=5)), 409, "sequence")
    assert message(p, "expected_seq") == "the next seq is 6"
    assert count(accused_case) == 5
    # the client retries with the number the problem gives, and is recorded
    assert post_json(api_clerk, url, body(expected_seq=p["next_seq"])).json()["seq"] == 6


@pytest.mark.parametrize("value", [0, -1, 2**31, "five", 5.5])
def test_an_expected_sequence_number_that_cannot_be_one_is_invalid(api_clerk, url, value):
    p = problem(post_json(api_clerk, url, body(expected_seq=value)), 422, "invalid")
    assert fields(p) == ["expected_seq"]


def test_a_correction_restates_an_event_and_points_at_it(api_clerk, accused_case, url):
    post_json(api_clerk, url, body(payload={"text": "informe pericail"}))
    r = post_json(
        api_clerk,
        url,
        body(payload={"text": "informe pericial"}, corrects=5, correction_reason=WHY),
    )
    assert r.status_code == 201
    assert (r.json()["seq"], r.json()["corrects"]) == (6, 5)


def test_a_correction_of_an_event_that_does_not_exist_is_invalid(api_clerk, url):
    p = problem(post_json(api_clerk, url, body(corrects=99, correction_reason=WHY)), 422, "invalid")
    assert fields(p) == ["corrects"]


def test_a_correction_must_keep_the_type_it_corrects(api_clerk, url):
    p = problem(post_json(api_clerk, url, body(corrects=4, correction_reason=WHY)), 422, "invalid")
    assert fields(p) == ["corrects"]
    assert "charge.filed" in message(p, "corrects")


def test_a_retry_with_the_same_key_and_body_records_one_event(api_clerk, accused_case, url):
    first = post_json(api_clerk, url, body(), key="nota-1")
    again = post_json(api_clerk, url, body(), key="nota-1")
    assert first.status_code == 201
    assert "Idempotent-Replayed" not in first
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert count(accused_case) == 5


def test_the_same_key_with_another_body_is_a_conflict(api_clerk, accused_case, url):
    post_json(api_clerk, url, body(), key="nota-1")
    other = body(payload={"text": "otra cosa"})
    p = problem(post_json(api_clerk, url, other, key="nota-1"), 409, "idempotency")
    assert fields(p) == ["Idempotency-Key"]
    assert count(accused_case) == 5


def test_the_same_key_on_another_case_is_a_conflict(api_clerk, accused_case, open_case, url):
    other = open_case()
    post_json(api_clerk, url, body(), key="nota-1")
    r = post_json(api_clerk, f"{API}/cases/{other.nuid}/events", body(), key="nota-1")
    problem(r, 409, "idempotency")
    assert count(other) == 1


def test_an_unknown_case_is_not_found(api_clerk, court):
    url = f"{API}/cases/26-999999-0042-PE/events"
    problem(post_json(api_clerk, url, body()), 404, "not-found")


def test_a_caller_without_a_token_is_told_to_authenticate(anonymous, accused_case, url):
    problem(post_json(anonymous, url, body()), 401, "unauthenticated")
    assert count(accused_case) == 4


def test_a_read_only_token_may_not_record_events(api_reader, accused_case, url):
    p = problem(post_json(api_reader, url, body()), 403, "forbidden")
    assert "event.record" in p["detail"]
    assert count(accused_case) == 4


def test_a_case_in_a_court_outside_the_token_does_not_exist_for_it(api_outsider, accused_case, url):
    hidden = problem(post_json(api_outsider, url, body()), 404, "not-found")
    assert hidden["detail"] == f"no case {accused_case.nuid!r}"
    assert count(accused_case) == 4


def test_a_write_only_token_may_record_events_on_the_case_it_opened(api_writer, court):
    opened = post_json(
        api_writer, f"{API}/cases", {"court": "sj-penal", "procedure": "adult", "occurred_at": PAST}
    )
    assert opened.status_code == 201
    r = post_json(api_writer, f"{API}/cases/{opened.json()['nuid']}/events", body())
    assert r.status_code == 201


@pytest.mark.parametrize("starts_at", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"])
def test_a_datetime_at_the_edge_of_the_calendar_is_invalid_not_a_crash(api_clerk, url, starts_at):
    payload = {"hearing": "H1", "kind": "trial", "starts_at": starts_at}
    p = problem(post_json(api_clerk, url, body("hearing.scheduled", payload)), 422, "invalid")
    assert fields(p) == ["payload.starts_at"]
