"""A page drawn before someone else recorded an entry in the case is refused: the
clerk sees what changed, with the form still filled in, and nothing is written."""

from tests.court.forms.helpers import drawn, events, hidden, last, record_url, summary_text

NOTE = {"text": "Interpreter needed."}
STALE = "This case changed since you opened this page: review the latest entries and submit again."


def stale_submission(client, case, record):
    url = record_url(case, "note.added")
    page = client.get(url)
    record(case, "custody.arrested", {"person": "P1"})  # someone else, meanwhile
    return url, page, client.post(url, drawn(page) | NOTE)


def test_a_stale_page_is_refused_with_a_message(staff_client, accused_case, record):
    _, _, response = stale_submission(staff_client, accused_case, record)
    assert response.status_code == 200
    assert STALE in summary_text(response)
    assert last(accused_case).type == "custody.arrested"


def test_the_refused_page_keeps_what_was_typed_and_shows_what_changed(
    staff_client, accused_case, record
):
    _, _, response = stale_submission(staff_client, accused_case, record)
    html = response.content.decode()
    assert "Interpreter needed.</textarea>" in html
    assert "Recorded since you opened this page" in html
    assert '<li value="5">Arrest · ' in html


def test_submitted_again_after_review_it_is_recorded(staff_client, accused_case, record):
    url, page, response = stale_submission(staff_client, accused_case, record)
    assert hidden(response)["expected_seq"] == "6"
    assert hidden(response)["idempotency_key"] == hidden(page)["idempotency_key"]
    before = len(events(accused_case))
    assert staff_client.post(url, drawn(response)).status_code == 302
    assert len(events(accused_case)) == before + 1
    assert last(accused_case).payload == NOTE


def test_a_stale_party_form_is_refused_too(staff_client, accused_case, record):
    url = f"/court/cases/{accused_case.nuid}/participants/add/"
    page = staff_client.get(url)
    record(accused_case, "note.added", {"text": "Meanwhile."})
    before = len(events(accused_case))
    data = {"role": "witness", "given_names": "Rosa"}
    response = staff_client.post(url, drawn(page) | data)
    assert STALE in summary_text(response)
    assert len(events(accused_case)) == before
