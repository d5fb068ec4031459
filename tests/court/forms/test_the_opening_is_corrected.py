"""The case's opening entry is corrected like any other entry: its date, its police
report number and its summary; never its court, number, procedure or confidentiality.
The case follows the corrected values, a rebuild agrees, and the chain verifies."""

import datetime as dt
from io import StringIO

from django.core.management import call_command

from expediente.docket.models import Case
from expediente.integrity.verify import verify_cases
from tests.court.forms.helpers import drawn, events, field_error, last

URL = "/court/cases/{nuid}/events/1/correct/"
WHY = "The police report number was copied wrong"


def url(case):
    return URL.format(nuid=case.nuid)


def test_the_form_offers_what_can_be_corrected_and_shows_what_cannot(staff_client, case):
    html = staff_client.get(url(case)).content.decode()
    assert 'name="police_report"' in html
    assert 'name="summary"' in html
    assert 'name="occurred_at" value="2026-01-31T09:00"' in html  # on the court's clock
    assert 'name="procedure"' not in html
    assert 'name="number"' not in html
    assert f"<dt>Case number</dt><dd>{case.number}</dd>" in html
    assert "<dt>Procedure</dt><dd>Adult</dd>" in html
    assert "The court, the case number, the procedure and the confidentiality cannot" in html


def test_a_corrected_opening_moves_the_case_and_a_rebuild_agrees(staff_client, accused_case):
    page = staff_client.get(url(accused_case))
    values = drawn(page) | {
        "police_report": "OIJ-2026-0042",
        "summary": "Robo en una pulpería",
        "occurred_at": "2026-01-30T08:15",
        "correction_reason": WHY,
    }
    assert staff_client.post(url(accused_case), values).status_code == 302
    correction = last(accused_case)
    assert (correction.type, correction.corrects_seq) == ("case.opened", 1)
    assert correction.correction_reason == WHY
    assert correction.payload["number"] == accused_case.number  # kept from the opening
    case = Case.objects.get(pk=accused_case.pk)
    opened = dt.datetime(2026, 1, 30, 14, 15, tzinfo=dt.UTC)
    assert (case.police_report, case.summary, case.opened_at) == (
        "OIJ-2026-0042",
        "Robo en una pulpería",
        opened,
    )
    assert (case.stage, case.stage_since) == ("investigation", opened)  # never moves
    call_command("rebuild", "--check", stdout=StringIO())  # CommandError if they differ
    assert Case.objects.get(pk=case.pk).opened_at == opened
    assert verify_cases() == []


def test_an_opening_date_that_leaves_entries_too_early_is_refused(staff_client, accused_case):
    before = len(events(accused_case))
    values = drawn(staff_client.get(url(accused_case))) | {
        # the parties and the charge are dated 1 February: 37 days before
        "occurred_at": "2026-03-10T08:00",
        "correction_reason": WHY,
    }
    response = staff_client.post(url(accused_case), values)
    said = field_error(response, "occurred_at")
    assert "correct that entry first" in said, said
    assert len(events(accused_case)) == before


def test_a_closed_case_is_reopened_before_its_opening_is_corrected(
    staff_client, accused_case, record
):
    record(accused_case, "case.dismissed", {"reason": "insufficient_evidence"})
    response = staff_client.get(url(accused_case))
    assert response.status_code == 409
    assert "Reopen the case first." in response.content.decode()
