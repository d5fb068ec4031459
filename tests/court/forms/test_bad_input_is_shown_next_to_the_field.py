"""Each kind of bad input: the message next to the field, a summary at the top linking
to it, the form still filled in, and nothing written."""

import datetime as dt

import pytest

from tests.court.forms.helpers import (
    drawn,
    events,
    field_error,
    record_url,
    submit,
    summary_links,
    summary_names,
    summary_text,
    to_trial,
)

HEARING = {"hearing": "H1", "kind": "trial", "starts_at": "2026-12-10T09:30"}


def refused(client, case, type_name, data, field):
    """Submit, check the refusal is shown on the form with nothing written; the message."""
    before = len(events(case))
    response = submit(client, record_url(case, type_name), data)
    assert response.status_code == 200
    assert len(events(case)) == before, "nothing may be written"
    message = field_error(response, field)
    assert message, f"no message next to {field}"
    assert summary_names(response, field, message), summary_links(response)
    return message


def test_a_missing_field_says_what_to_fill_in(staff_client, accused_case):
    message = refused(
        staff_client, accused_case, "hearing.scheduled", HEARING | {"kind": ""}, "kind"
    )
    assert message == "Choose an option for “Kind of hearing”."


def test_missing_text_says_what_to_fill_in(staff_client, accused_case):
    message = refused(
        staff_client, accused_case, "hearing.scheduled", HEARING | {"hearing": "  "}, "hearing"
    )
    assert message == "Fill in “Hearing”."


def test_a_date_and_time_in_the_wrong_format_shows_an_example(staff_client, accused_case):
    message = refused(
        staff_client,
        accused_case,
        "hearing.scheduled",
        HEARING | {"starts_at": "next tuesday"},
        "starts_at",
    )
    assert message.startswith("Enter a real date and time, for example ")


def test_a_date_in_the_wrong_format_shows_an_example(staff_client, accused_case):
    data = {"person": "P1", "until": "31/31/2027", "grounds": "Risk of flight"}
    message = refused(staff_client, accused_case, "custody.pretrial_ordered", data, "until")
    assert message.startswith("Enter a real date, for example ")


def test_a_date_out_of_range_is_refused(staff_client, accused_case):
    data = {"person": "P1", "until": "1850-01-01", "grounds": "Risk of flight"}
    message = refused(staff_client, accused_case, "custody.pretrial_ordered", data, "until")
    assert message == "Enter a date between the years 1900 and 2200."


def test_a_number_out_of_range_says_the_range(staff_client, accused_case, record):
    to_trial(accused_case, record)
    data = {"accused": "P1", "outcome": "convicted", "sentence_months": "5000"}
    message = refused(staff_client, accused_case, "verdict.delivered", data, "sentence_months")
    assert message == "Enter a whole number from 1 to 1200."


def test_a_number_with_letters_is_refused(staff_client, accused_case, record):
    to_trial(accused_case, record)
    data = {"accused": "P1", "outcome": "convicted", "sentence_months": "three"}
    message = refused(staff_client, accused_case, "verdict.delivered", data, "sentence_months")
    assert message == "Enter a whole number, using digits only."


def test_something_that_has_not_happened_yet_is_refused(staff_client, accused_case):
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    message = refused(
        staff_client,
        accused_case,
        "note.added",
        {"text": "Seen.", "occurred_at": tomorrow},
        "occurred_at",
    )
    assert message == "This cannot be in the future: record what has happened."


def test_something_too_long_ago_is_refused(staff_client, accused_case):
    message = refused(
        staff_client,
        accused_case,
        "note.added",
        {"text": "Seen.", "occurred_at": "1949-12-31T10:00"},
        "occurred_at",
    )
    assert message == "Enter a date after the year 1950."


def test_a_participant_of_the_wrong_role_is_refused(staff_client, accused_case):
    message = refused(staff_client, accused_case, "custody.arrested", {"person": "P2"}, "person")
    assert message == "Choose someone listed: only a person with the role Accused fits here."


def test_text_too_long_says_how_long_it_may_be(staff_client, accused_case):
    message = refused(
        staff_client,
        accused_case,
        "hearing.scheduled",
        HEARING | {"courtroom": "x" * 101},
        "courtroom",
    )
    assert message == "Use at most 100 characters (you typed 101)."


def test_an_option_not_on_the_list_is_refused(staff_client, accused_case):
    message = refused(staff_client, accused_case, "hearing.not_held", {"reason": "tired"}, "reason")
    assert message == "Choose one of the options listed."


def test_several_mistakes_are_all_listed_at_the_top_in_order(staff_client, accused_case):
    response = submit(
        staff_client,
        record_url(accused_case, "hearing.scheduled"),
        {"hearing": "", "kind": "", "starts_at": "soon"},
    )
    anchors = [anchor for anchor, _ in summary_links(response)]
    assert anchors == ["id_hearing", "id_kind", "id_starts_at"]
    assert "There is a problem" in response.content.decode()


def test_the_form_keeps_what_was_typed(staff_client, accused_case):
    response = submit(
        staff_client,
        record_url(accused_case, "hearing.scheduled"),
        HEARING | {"kind": "", "courtroom": "Sala 3"},
    )
    html = response.content.decode()
    assert 'value="Sala 3"' in html
    assert 'value="2026-12-10T09:30"' in html


def test_a_field_in_error_is_marked_for_assistive_technology(staff_client, accused_case):
    response = submit(
        staff_client, record_url(accused_case, "hearing.scheduled"), HEARING | {"kind": ""}
    )
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_kind_error"' in html


@pytest.mark.parametrize("broken", [{"idempotency_key": ""}, {"expected_seq": "x"}])
def test_a_page_without_its_hidden_fields_is_refused_and_redrawn(
    staff_client, accused_case, broken
):
    url = record_url(accused_case, "note.added")
    before = len(events(accused_case))
    response = submit(staff_client, url, {"text": "Seen."} | broken)
    assert len(events(accused_case)) == before
    assert "This page is out of date" in summary_text(response)
    again = staff_client.post(url, drawn(response))
    assert again.status_code == 302
    assert len(events(accused_case)) == before + 1


def test_an_empty_submission_lists_what_is_missing(staff_client, accused_case):
    before = len(events(accused_case))
    response = staff_client.post(record_url(accused_case, "hearing.scheduled"), {})
    assert response.status_code == 200
    assert "This page is out of date" in summary_text(response)
    anchors = [anchor for anchor, _ in summary_links(response)]
    assert anchors == ["id_hearing", "id_kind", "id_starts_at", "id_occurred_at"]
    assert len(events(accused_case)) == before
