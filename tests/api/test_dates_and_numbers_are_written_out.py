"""A date is written as a date and a number as a number: pydantic would read 5 or
"1795900000" as seconds since 1970 (a case opened "5" was opened on 1 January 1970 and
numbered 69-…) and "5" or 5.0 as five hours. Each is refused naming the field and its
rule, and nothing is written."""

import pytest

from expediente.docket.models import Case, Event
from tests.api.helpers import API, PAST, fields, message, post_json, problem

NOT_A_MOMENT = [5, 1795900000.5, "1795900000", "5", True, "2026-03-01", None]


@pytest.mark.parametrize("occurred_at", NOT_A_MOMENT)
def test_a_case_is_not_opened_at_a_number(api_clerk, court, occurred_at):
    before = Case.objects.count()
    body = {"court": "sj-penal", "procedure": "adult", "occurred_at": occurred_at}
    p = problem(post_json(api_clerk, f"{API}/cases", body), 422, "invalid")
    assert fields(p) == ["occurred_at"]
    assert Case.objects.count() == before


@pytest.mark.parametrize("occurred_at", NOT_A_MOMENT)
def test_an_entry_is_not_dated_by_a_number(api_clerk, accused_case, occurred_at):
    before = Event.objects.filter(case=accused_case).count()
    body = {"type": "note.added", "occurred_at": occurred_at, "payload": {"text": "x"}}
    url = f"{API}/cases/{accused_case.nuid}/events"
    p = problem(post_json(api_clerk, url, body), 422, "invalid")
    assert fields(p) == ["occurred_at"]
    assert "2026-03-14T09:30:00-06:00" in message(p, "occurred_at") or occurred_at is None
    assert Event.objects.filter(case=accused_case).count() == before


@pytest.mark.parametrize("starts_at", [1795900000, "1795900000", 1795900000.0])
def test_a_hearing_is_not_set_at_a_number(api_clerk, accused_case, starts_at):
    payload = {"hearing": "H1", "kind": "trial", "starts_at": starts_at}
    body = {"type": "hearing.scheduled", "occurred_at": PAST, "payload": payload}
    url = f"{API}/cases/{accused_case.nuid}/events"
    p = problem(post_json(api_clerk, url, body), 422, "invalid")
    assert fields(p) == ["payload.starts_at"]


@pytest.mark.parametrize("born", [19900101, "19900101", "1990-01-01T00:00:00Z"])
def test_a_birth_date_is_a_date(api_clerk, accused_case, born):
    person = {"given_names": "Ana", "family_names": "Solís", "date_of_birth": born}
    body = {"role": "witness", "person": person, "occurred_at": PAST}
    url = f"{API}/cases/{accused_case.nuid}/participants"
    p = problem(post_json(api_clerk, url, body), 422, "invalid")
    assert fields(p) == ["person.date_of_birth"]
    assert "YYYY-MM-DD" in message(p, "person.date_of_birth")


@pytest.mark.parametrize("seq", ["5", 5.0, True])
def test_a_sequence_number_is_a_whole_number(api_clerk, accused_case, seq):
    body = {"type": "note.added", "occurred_at": PAST, "payload": {"text": "x"}}
    url = f"{API}/cases/{accused_case.nuid}/events"
    p = problem(post_json(api_clerk, url, {**body, "expected_seq": seq}), 422, "invalid")
    assert fields(p) == ["expected_seq"]


def test_written_out_dates_and_numbers_are_taken(api_clerk, accused_case):
    url = f"{API}/cases/{accused_case.nuid}/events"
    body = {"type": "note.added", "occurred_at": PAST, "payload": {"text": "x"}, "expected_seq": 5}
    assert post_json(api_clerk, url, body).status_code == 201
    person = {"given_names": "Ana", "family_names": "Solís", "date_of_birth": "1990-01-01"}
    participant = {"role": "witness", "person": person, "occurred_at": PAST}
    assert (
        post_json(
            api_clerk, f"{API}/cases/{accused_case.nuid}/participants", participant
        ).status_code
        == 201
    )


@pytest.mark.parametrize("hours", ["5", 5.0, True])
def test_hours_of_service_are_a_whole_number(hours):
    from expediente.rules.loader import load_pack
    from expediente.rules.payloads import PayloadError, validate_payload

    payload = {"measure": "M1", "hours": hours}
    with pytest.raises(PayloadError) as refused:
        validate_payload(load_pack("intl"), "measure.hours_logged", payload)
    assert [e["field"] for e in refused.value.errors] == ["payload.hours"]
    assert validate_payload(load_pack("intl"), "measure.hours_logged", {**payload, "hours": 5})
