"""On the portal case page, the person under supervision sees their obligations, their
next check-in and their record; the protected person sees the measure that protects
them and its breaches; neither sees the other's conditions or whereabouts."""

from __future__ import annotations

from django.test import Client

from expediente.access.participant_codes import code_issue
from expediente.access.policy import Actor
from tests.portal.conftest import make_clerk, text_of


def _page(case, participant: str) -> str:
    clerk: Actor = make_clerk(case.court)
    _, code = code_issue(case=case, participant=participant, actor=clerk, language="en")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/follow/", {"case_number": case.nuid, "code": code})
    return text_of(client.get("/follow/case/").content.decode())


def test_the_accused_sees_obligations_next_check_in_and_record(accused_case, impose, comply, at):
    impose(accused_case, "periodic_reporting", at(20), report_place="Oficina de presentaciones")
    impose(accused_case, "restraining_order", at(20), measure="M2")
    comply(accused_case, "checked_in", at(13))
    text = _page(accused_case, "P1")
    assert "Measures ordered by the court" in text
    assert "Report to the court every 7 days: Oficina de presentaciones" in text
    assert "You should have reported by" in text or "Next time due" in text
    assert "Your record: 1 check-in." in text
    assert "Stay at least 200 metres away" in text


def test_the_victim_sees_the_protection_and_its_breaches_but_no_reporting_duties(
    accused_case, impose, comply, at
):
    impose(accused_case, "periodic_reporting", at(20), report_place="Oficina de presentaciones")
    impose(accused_case, "restraining_order", at(20), measure="M2")
    comply(accused_case, "device_event", at(2), measure="M2", device="DEV-1", kind="zone_breach")
    text = _page(accused_case, "P2")
    assert "This measure protects you" in text
    assert "The accused must stay at least 200 metres away from you" in text
    assert "1 breach was reported" in text
    assert "Oficina de presentaciones" not in text
    assert "Reporting to the court" not in text
    # nor in the history: the entry that imposed it said "periodic reporting" to her
    assert "eriodic reporting" not in text
    assert "DEV-1" not in text
