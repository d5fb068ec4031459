"""The case's opening entry is corrected like any other entry: its date, its police
report number, its summary and its procedure; never its court, number or
confidentiality. The case follows the corrected values, a rebuild agrees, and the chain
verifies."""

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
    assert 'name="procedure"' in html
    assert 'name="number"' not in html
    assert 'name="confidentiality"' not in html
    assert f"<dt>Case number</dt><dd>{case.number}</dd>" in html
    assert "<dt>Procedure</dt><dd>Adult</dd>" in html
    assert "<dt>Confidentiality</dt><dd>Public</dd>" in html
    assert "The court, the case number and the confidentiality cannot" in html


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


def test_a_child_s_case_is_moved_to_the_juvenile_procedure_and_the_clerk_is_told(
    staff_client, accused_case
):
    values = drawn(staff_client.get(url(accused_case))) | {
        "procedure": "juvenile",
        "correction_reason": "The accused is 16: opened under the adult procedure by mistake",
    }
    response = staff_client.post(url(accused_case), values, follow=True)
    case = Case.objects.get(pk=accused_case.pk)
    assert (case.procedure, case.confidentiality) == ("juvenile", "restricted")
    said = response.content.decode()
    assert "The case is now a juvenile case: it is closed to the public" in said
    call_command("rebuild", "--check", stdout=StringIO())

    values = drawn(staff_client.get(URL.format(nuid=case.nuid).replace("/1/", "/5/"))) | {
        "procedure": "adult",
        "correction_reason": "The date of birth was wrong: the accused is an adult",
    }
    response = staff_client.post(
        URL.format(nuid=case.nuid).replace("/1/", "/5/"), values, follow=True
    )
    case = Case.objects.get(pk=accused_case.pk)
    assert (case.procedure, case.confidentiality) == ("adult", "restricted")
    assert "It stays closed to the public" in response.content.decode()


def test_a_procedure_the_court_does_not_hear_is_not_offered_and_refused_if_sent(
    staff_client, accused_case, court
):
    court.procedures = ["adult"]
    court.save()
    page = staff_client.get(url(accused_case))
    assert 'value="juvenile"' not in page.content.decode()
    before = len(events(accused_case))
    values = drawn(page) | {"procedure": "juvenile", "correction_reason": WHY}
    response = staff_client.post(url(accused_case), values)
    assert response.status_code == 200
    assert field_error(response, "procedure") == "Choose a procedure this court handles."
    assert len(events(accused_case)) == before


def test_a_refusal_of_the_service_lands_on_the_procedure(
    staff_client, open_case, record, judge_in_court
):
    case = open_case("juvenile")
    record(case, "case.sealed", {"grounds": "Protección"}, actor=judge_in_court)
    unsealed = {"confidentiality": "public", "grounds": "Ya no hace falta"}
    record(case, "case.unsealed", unsealed, actor=judge_in_court)
    before = len(events(case))
    values = drawn(staff_client.get(url(case))) | {"procedure": "adult", "correction_reason": WHY}
    response = staff_client.post(url(case), values)
    said = field_error(response, "procedure")
    assert said.startswith("Entry 3, an order of the court, left this case public"), said
    assert len(events(case)) == before
