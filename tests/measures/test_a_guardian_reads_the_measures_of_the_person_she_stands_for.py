"""A guardian reads the measures of the side of the person the docket records she
stands for: a child victim's mother reads the order that protects her child, its
breaches and whom to call in danger, never the accused's obligations; a young accused's
mother reads his obligations, as before. A guardian recorded for nobody keeps what she
read before the record existed (the accused's obligations)."""

from __future__ import annotations

from tests.measures.test_the_portal_shows_each_person_their_measures import _page

MOTHER = {"given_names": "María", "family_names": "Rojas Vargas", "sex": "female"}


def _with_guardian(case, record, *, stands_for: str | None) -> None:
    record(case, "participant.added", {"role": "guardian", "person": MOTHER})  # P3
    if stands_for:
        record(case, "participant.stands_for", {"guardian": "P3", "stands_for": stands_for})


def test_the_victims_mother_reads_the_protection_not_his_obligations(
    accused_case, impose, comply, at, record
):
    _with_guardian(accused_case, record, stands_for="P2")
    impose(accused_case, "periodic_reporting", at(20), report_place="Oficina de presentaciones")
    impose(accused_case, "restraining_order", at(20), measure="M2")
    comply(accused_case, "device_event", at(2), measure="M2", device="DEV-1", kind="zone_breach")
    text = _page(accused_case, "P3")
    assert "This measure protects Ana Rojas Vargas." in text
    assert "The accused must stay at least 200 metres away from Ana Rojas Vargas." in text
    assert "1 breach was reported" in text
    assert "If you are in danger, call 911 (9-1-1 Emergency System)." in text
    assert "Oficina de presentaciones" not in text
    assert "must do:" not in text
    assert "Record: " not in text


def test_the_accuseds_mother_reads_his_obligations_and_no_number_to_call(
    accused_case, impose, comply, at, record
):
    _with_guardian(accused_case, record, stands_for="P1")
    impose(accused_case, "periodic_reporting", at(20), report_place="Oficina de presentaciones")
    impose(accused_case, "restraining_order", at(20), measure="M2")
    text = _page(accused_case, "P3")
    assert "Report to the court every 7 days: Oficina de presentaciones" in text
    assert "This measure protects" not in text
    assert "If you are in danger" not in text


def test_a_guardian_recorded_for_nobody_reads_as_before(accused_case, impose, at, record):
    _with_guardian(accused_case, record, stands_for=None)
    impose(accused_case, "periodic_reporting", at(20), report_place="Oficina de presentaciones")
    text = _page(accused_case, "P3")
    assert "Report to the court every 7 days: Oficina de presentaciones" in text
