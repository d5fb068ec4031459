"""An entry the pack does not allow in the case's current stage: said plainly, nothing
written."""

from tests.court.forms.helpers import drawn, events, record_url, summary_text, to_trial

VERDICT = {"accused": "P1", "outcome": "convicted"}


def test_the_form_of_an_entry_not_allowed_now_explains_why(staff_client, accused_case):
    response = staff_client.get(record_url(accused_case, "verdict.delivered"))
    assert response.status_code == 409
    html = response.content.decode()
    assert (
        "“Verdict delivered” cannot be recorded now: the case is in the stage "
        "“Preliminary investigation”. It can be recorded in these stages: Trial, Judgment."
    ) in html
    assert "Nothing was recorded." in html
    assert '<form method="post" novalidate' not in html


def test_submitting_an_entry_not_allowed_now_shows_why_on_the_form(
    staff_client, accused_case, record
):
    url = record_url(accused_case, "verdict.delivered")
    to_trial(accused_case, record)
    page = staff_client.get(url)
    record(accused_case, "case.dismissed", {"reason": "withdrawn"})  # now closed
    before = len(events(accused_case))
    # the page was drawn before the case closed: first it is stale ...
    response = staff_client.post(url, drawn(page) | VERDICT)
    assert "This case changed since you opened this page" in summary_text(response)
    # ... then, submitted again, the stage rule refuses it
    response = staff_client.post(url, drawn(response) | VERDICT)
    assert response.status_code == 200
    assert "the case is in the stage “Closed”" in summary_text(response)
    assert len(events(accused_case)) == before


def test_a_charge_cannot_be_filed_after_the_verdict(staff_client, accused_case, record):
    to_trial(accused_case, record)
    record(accused_case, "verdict.delivered", VERDICT)
    response = staff_client.get(f"/court/cases/{accused_case.nuid}/charges/add/")
    assert response.status_code == 409
    assert "“Charge filed” cannot be recorded now" in response.content.decode()


def test_a_closed_case_must_be_reopened_first(staff_client, accused_case, record):
    record(accused_case, "case.dismissed", {"reason": "withdrawn"})
    response = staff_client.get(record_url(accused_case, "note.added"))
    assert response.status_code == 409
    assert "Reopen the case first." in response.content.decode()
