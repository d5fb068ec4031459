"""On the portal case page, the person under supervision sees their obligations, their
next check-in and their record; the protected person sees the measure that protects
them and its breaches; neither sees the other's conditions or whereabouts."""

from __future__ import annotations

from django.test import Client

from expediente.access.models import User
from expediente.access.participant_codes import code_issue
from expediente.access.policy import Actor
from tests.portal.conftest import make_clerk, text_of


def _page(case, participant: str) -> str:
    return text_of(_page_html(case, participant))


def _page_html(case, participant: str) -> str:
    known = User.objects.filter(username="ana.clerk").first()
    clerk: Actor = Actor.staff(known) if known else make_clerk(case.court)
    _, code = code_issue(case=case, participant=participant, actor=clerk, language="en")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/follow/", {"case_number": case.nuid, "code": code})
    return client.get("/follow/case/").content.decode()


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
    # check-ins are counted only where he must report (not under the restraining order)
    assert text.count("Your record:") == 1


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
    # the number to call, not "the emergency number": a Costa Rican court's pack gives it
    assert "If you are in danger, call 911 (9-1-1 Emergency System)." in text


def test_the_protected_person_is_given_the_number_to_call_as_a_link(accused_case, impose, at):
    impose(accused_case, "restraining_order", at(20), measure="M2")
    victim = _page_html(accused_case, "P2")
    assert '<a href="tel:911">911</a>' in victim
    # the accused is not told to call for help against himself
    accused = _page_html(accused_case, "P1")
    assert "tel:911" not in accused
    assert "If you are in danger" not in accused


def test_a_court_whose_pack_gives_no_number_says_the_emergency_number(accused_case, impose, at):
    accused_case.court.rule_pack = "intl"
    accused_case.court.save(update_fields=["rule_pack"])
    impose(accused_case, "restraining_order", at(20), measure="M2")
    text = _page(accused_case, "P2")
    assert "If you are in danger, call the emergency number." in text
    assert "tel:" not in _page_html(accused_case, "P2")


def test_the_history_keeps_a_measure_s_later_entries_to_those_it_binds_or_protects(
    accused_case, impose, comply, at
):
    """Check-ins, changes, device events, breaches and the end of the accused's reporting
    duty are his business and the court's: the victim's history names none of their
    details, as her measures panel does not; those of the order that protects her, she
    reads."""
    impose(accused_case, "periodic_reporting", at(20), report_place="Oficina de presentaciones")
    impose(accused_case, "restraining_order", at(20), measure="M2", protected="P2")
    comply(accused_case, "violation_reported", at(6), source="reporting_desk")
    comply(accused_case, "violation_responded", at(5), response="warning")
    comply(accused_case, "modified", at(4), due_on="2031-03-17", reason="nuevo plazo")
    comply(accused_case, "ended", at(3), reason="complied")
    comply(accused_case, "device_event", at(2), measure="M2", device="DEV-1", kind="zone_breach")

    comply(accused_case, "violation_reported", at(1), measure="M2", source="victim")

    victim = _page(accused_case, "P2")
    for detail in ("Reporting desk", "Warning", "2031", "Complied with in full"):
        assert detail not in victim, detail
    assert "Zone breach" in victim  # the order protecting her

    accused = _page(accused_case, "P1")
    for detail in ("Warning", "2031", "Complied with in full", "Zone breach"):
        assert detail in accused, detail
    # who reported a breach is not his to read: here, the victim herself
    entries = accused.split("Breach reported")
    assert len(entries) == 3  # his two breaches
    assert all("Victim" not in e[:200] and "Reporting desk" not in e[:200] for e in entries[1:])


def test_the_defence_and_a_guardian_read_the_accuseds_obligations(
    accused_case, impose, comply, at, record
):
    """They help him comply: the obligations, when he must next report, his record, as
    he reads them, named for him; no "this measure protects you", no number to call."""
    for role, name in (("defence", "Rosa"), ("guardian", "Marta")):
        person = {"given_names": name, "family_names": "Mora"}
        record(accused_case, "participant.added", {"role": role, "person": person})
    impose(accused_case, "periodic_reporting", at(20), report_place="Oficina de presentaciones")
    comply(accused_case, "checked_in", at(13))
    accused = accused_case.participations.get(uid="P1").person.display_name
    for uid in ("P3", "P4"):
        text = _page(accused_case, uid)
        assert f"What {accused} must do:" in text
        assert "Report to the court every 7 days: Oficina de presentaciones" in text
        assert "Record: 1 check-in." in text
        assert "Your record" not in text
        assert "This measure protects you" not in text
        assert "If you are in danger" not in text


def test_a_witness_reads_no_measures(accused_case, impose, at, record):
    record(
        accused_case,
        "participant.added",
        {"role": "witness", "person": {"given_names": "Iván", "family_names": "Soto"}},
    )
    impose(accused_case, "periodic_reporting", at(20), report_place="Oficina")
    assert "Measures ordered by the court" not in _page(accused_case, "P3")


def test_the_accused_is_told_the_banned_places_are_in_the_order(accused_case, impose, at):
    """The portal never shows the place banned (it may be where the victim works), but
    he must obey it: his panel says the order names it and where to get a copy, instead
    of a bare "Ban on places or activities"."""
    impose(accused_case, "place_or_activity_ban", at(20))
    impose(accused_case, "community_service", at(20), measure="M2", due_on="2027-03-01")
    text = _page(accused_case, "P1")
    assert "Bares del centro" not in text
    assert "The court's order also sets conditions in its own words" in text
    assert text.count("conditions in its own words") == 1  # not for the service hours
    # a date in words, not 2027-03-01
    assert "All of them by 1 March 2027." in text
    assert "the defence or the court office can give a copy" in text
    victim = _page(accused_case, "P2")
    assert "conditions in its own words" not in victim


def test_his_lawyer_is_told_where_to_get_the_order_not_to_ask_the_defence(
    accused_case, impose, at, record
):
    person = {"given_names": "Rosa", "family_names": "Mora"}
    record(accused_case, "participant.added", {"role": "defence", "person": person})
    impose(accused_case, "place_or_activity_ban", at(20))
    text = _page(accused_case, "P3")
    assert "The order names them: the court office can give a copy." in text
    assert "the defence or the court office" not in text
