"""The supervising judge's list puts breaches at the top; the reporting desk lists who
is expected and records a check-in with one button."""

from __future__ import annotations

import re
from types import SimpleNamespace

from expediente.court.measures import views
from expediente.measures.models import Measure
from tests.conftest import LATER


def _order(html: str, *names: str) -> list[int]:
    return [html.index(n) for n in names]


def test_the_judges_list_puts_a_breach_above_a_missed_check_in_and_a_compliant_one(
    accused_case, open_case, record, impose, comply, at, judge_client, monkeypatch
):
    # read at LATER whatever day it runs: a month before the community service's last day
    monkeypatch.setattr(views, "timezone", SimpleNamespace(now=lambda: LATER))
    impose(accused_case, "periodic_reporting", at(30), measure="M1")  # missed since
    impose(accused_case, "restraining_order", at(30), measure="M2")
    comply(accused_case, "device_event", at(1), measure="M2", device="DEV-1", kind="zone_breach")
    impose(accused_case, "community_service", at(2), measure="M3", hours=10, due_on="2026-12-31")
    html = judge_client.get("/court/measures/").content.decode()
    breach = html.index("M2 · Restraining order")
    missed = html.index("M1 · Reporting to the court")
    fine = html.index("M3 · Community service")
    assert breach < missed < fine
    assert "Breach awaiting a response" in html
    assert "Missed a deadline" in html


def test_another_courts_staff_see_no_measure_of_this_court(
    accused_case, impose, at, outsider_client
):
    impose(accused_case, "periodic_reporting", at(30))
    html = outsider_client.get("/court/measures/").content.decode()
    assert "Reporting to the court" not in html
    assert "No measure to supervise" in html


def test_the_desk_lists_who_is_expected_and_one_press_records_the_check_in(
    accused_case, impose, at, clerk_client
):
    impose(accused_case, "periodic_reporting", at(7))  # due today
    page = clerk_client.get("/court/measures/desk/").content.decode()
    assert "Record check-in: José Pérez Mora" in page
    key = re.search(r'name="key" value="(\w+)"', page).group(1)
    form = {"case": accused_case.nuid, "measure": "M1", "key": key}
    response = clerk_client.post("/court/measures/desk/check-in/", form, follow=True)
    assert "Check-in recorded" in response.content.decode()
    clerk_client.post("/court/measures/desk/check-in/", form)  # a double press
    assert Measure.objects.get(case=accused_case, uid="M1").check_ins == 1
    page = clerk_client.get("/court/measures/desk/").content.decode()
    assert "Record check-in" not in page
    assert "Checked in today" in page


def test_a_check_in_where_there_is_no_reporting_obligation_is_refused_clearly(
    accused_case, impose, at, clerk_client
):
    impose(accused_case, "travel_ban", at(7))
    form = {"case": accused_case.nuid, "measure": "M1", "key": "abc"}
    html = clerk_client.post("/court/measures/desk/check-in/", form, follow=True).content.decode()
    assert "Check-in not recorded" in html
    assert "has no reporting obligation" in html
    assert Measure.objects.get(case=accused_case, uid="M1").check_ins == 0


def test_the_desk_says_why_in_spanish(accused_case, impose, comply, at, clerk_client):
    # it read "No se registró la presentación: measure: no measure 'M9'…" in English
    impose(accused_case, "periodic_reporting", at(20))
    comply(accused_case, "ended", at(3), reason="lifted_by_court")
    form = {"case": accused_case.nuid, "measure": "M1", "key": "abc"}
    html = clerk_client.post(
        "/court/measures/desk/check-in/", form, follow=True, HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "No se registró la presentación: la medida M1 terminó el " in html
    assert "ya no se puede registrar nada en ella" in html
    assert "nothing more" not in html


def test_a_double_press_from_one_desk_page_records_once_and_says_so_in_spanish(
    accused_case, impose, at, clerk_client
):
    # the second press carried another moment, so the service refused the page's key as
    # used "for another request", in English, although the check-in was recorded
    impose(accused_case, "periodic_reporting", at(7))
    page = clerk_client.get("/court/measures/desk/").content.decode()
    key = re.search(r'name="key" value="(\w+)"', page).group(1)
    form = {"case": accused_case.nuid, "measure": "M1", "key": key}
    clerk_client.post("/court/measures/desk/check-in/", form)
    html = clerk_client.post(
        "/court/measures/desk/check-in/", form, follow=True, HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "Esta presentación ya se registró desde esta página" in html, html[:3000]
    assert "No se registró" not in html
    assert "already used" not in html
    assert Measure.objects.get(case=accused_case, uid="M1").check_ins == 1


def test_a_check_in_in_a_closed_case_says_why_in_spanish(accused_case, impose, at, clerk_client):
    # it read "'measure.checked_in' is not allowed in stage 'closed' (allowed in: …)"
    from expediente.docket.models import Case

    impose(accused_case, "periodic_reporting", at(7))
    Case.objects.filter(pk=accused_case.pk).update(stage="closed")
    form = {"case": accused_case.nuid, "measure": "M1", "key": "abc"}
    html = clerk_client.post(
        "/court/measures/desk/check-in/", form, follow=True, HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "No se registró la presentación: " in html, html[:3000]
    assert "not allowed in stage" not in html
    assert "Reabra el caso" in html or "etapa" in html, html[:3000]
    assert Measure.objects.get(case=accused_case, uid="M1").check_ins == 0
