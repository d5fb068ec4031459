"""A client that sends a nationality in small letters, a day the calendar does not have,
or a year far back is told, on the field, what to write instead, and nothing is written.
A court's IT person found pydantic's own words there: "String should match pattern
'^([A-Z]{2}|stateless)$'" for "cr" (while "XX" got a sentence), and "Input should be a
valid datetime or date, day value is outside expected range" for 2026-02-30, where a
bare date is refused anyway."""

from __future__ import annotations

from typing import Any

import pytest

from expediente.docket.core_payloads import NATIONALITY_RULE
from expediente.docket.models import Event
from expediente.rules.written_moments import EXAMPLE
from tests.api.helpers import API, PAST, fields, message, post_json, problem


def _refused(client: Any, case: Any, url: str, body: dict[str, Any], field: str) -> str:
    """The message on ``field``, the only field named, after checking nothing was written."""
    before = Event.objects.filter(case=case).count()
    p = problem(post_json(client, url, body), 422, "invalid")
    assert fields(p) == [field], p
    assert Event.objects.filter(case=case).count() == before
    return message(p, field)


def _participant(person: dict[str, Any]) -> dict[str, Any]:
    return {"role": "witness", "person": {"given_names": "Eva", **person}, "occurred_at": PAST}


@pytest.mark.parametrize(
    ("sent", "hint"),
    [
        ("cr", ": write 'CR', not 'cr'"),
        ("Ni", ": write 'NI', not 'Ni'"),
        ("Stateless", ": write 'stateless', not 'Stateless'"),
        ("Costa Rica", ""),
        ("CRI", ""),
        ("", ""),
    ],
)
def test_a_nationality_not_written_as_a_code_is_told_the_rule(
    api_clerk, accused_case, case_url, sent, hint
):
    says = _refused(
        api_clerk,
        accused_case,
        f"{case_url}/participants",
        _participant({"nationality": sent}),
        "person.nationality",
    )
    assert says == NATIONALITY_RULE + hint
    assert says.startswith(
        "must be a country code of two capital letters (ISO 3166-1 alpha-2, for example CR "
        "for Costa Rica), or 'stateless' for a person no State considers its national"
    )


def test_the_published_schema_still_carries_the_pattern(api_clerk, court):
    doc = api_clerk.get(f"{API}/openapi.json").json()
    nationality = doc["components"]["schemas"]["PersonData"]["properties"]["nationality"]
    assert "^([A-Z]{2}|stateless)$" in str(nationality)


@pytest.mark.parametrize(
    ("written", "fault"),
    [
        ("2026-02-30T09:30:00-06:00", "there is no day 2026-02-30 (2026-02 has 28 days)"),
        ("2024-02-30T09:30Z", "there is no day 2024-02-30 (2024-02 has 29 days)"),
        ("2026-13-01T09:30:00Z", "there is no day 2026-13-01 (no month 13)"),
        (
            "2026-03-14T24:00:00Z",
            "there is no time 24:00:00 (a day runs from 00:00:00 to 23:59:59)",
        ),
        ("2026-03-14T09:61-06:00", "there is no time 09:61 (a day runs from 00:00:00 to 23:59:59)"),
    ],
)
def test_a_moment_that_does_not_exist_is_told_so_with_the_form_expected(
    api_clerk, accused_case, case_url, written, fault
):
    expected = (
        f"is not a real date and time: {fault}; write one that exists, YYYY-MM-DDTHH:MM:SS "
        f"with its UTC offset, e.g. {EXAMPLE} (Z for UTC)"
    )
    events = f"{case_url}/events"
    note = {"type": "note.added", "occurred_at": written, "payload": {"text": "x"}}
    assert _refused(api_clerk, accused_case, events, note, "occurred_at") == expected
    hearing = {
        "type": "hearing.scheduled",
        "occurred_at": PAST,
        "payload": {"hearing": "H9", "kind": "trial", "starts_at": written},
    }
    assert _refused(api_clerk, accused_case, events, hearing, "payload.starts_at") == expected


def test_an_offset_pydantic_cannot_read_is_told_as_one_no_clock_keeps(
    api_clerk, accused_case, case_url
):
    body = {
        "type": "note.added",
        "occurred_at": "2026-03-01T10:00:00-25:00",
        "payload": {"text": "x"},
    }
    says = _refused(api_clerk, accused_case, f"{case_url}/events", body, "occurred_at")
    assert says == (
        "has the UTC offset -25:00, which no clock keeps: offsets run from -12:00 to +14:00"
    )


def test_a_date_that_does_not_exist_is_told_so(api_clerk, accused_case, case_url):
    says = _refused(
        api_clerk,
        accused_case,
        f"{case_url}/participants",
        _participant({"date_of_birth": "1990-02-29"}),
        "person.date_of_birth",
    )
    assert says == (
        "is not a real date: there is no day 1990-02-29 (1990-02 has 28 days); write one that "
        "exists, YYYY-MM-DD, e.g. 2026-03-14"
    )


def test_a_year_far_back_is_told_the_first_year_of_its_rule(api_clerk, accused_case, case_url):
    # docs/api.md: an entry's occurred_at is in 1950 or later (expediente/days.py); the
    # dates and times of a payload lie between the years 1900 and 2200
    events = f"{case_url}/events"
    note = {"type": "note.added", "occurred_at": "0026-03-01T10:00:00Z", "payload": {"text": "x"}}
    assert "1950" in _refused(api_clerk, accused_case, events, note, "occurred_at")
    hearing = {
        "type": "hearing.scheduled",
        "occurred_at": PAST,
        "payload": {"hearing": "H9", "kind": "trial", "starts_at": "0026-03-01T10:00:00Z"},
    }
    assert _refused(api_clerk, accused_case, events, hearing, "payload.starts_at") == (
        "must be a date between the years 1900 and 2200"
    )
    born = _participant({"date_of_birth": "0026-03-01"})
    says = _refused(
        api_clerk, accused_case, f"{case_url}/participants", born, "person.date_of_birth"
    )
    assert says == "must be a date between the years 1900 and 2200"
