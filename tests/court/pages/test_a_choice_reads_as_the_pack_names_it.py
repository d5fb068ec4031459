"""A choice recorded in an entry reads on the case page and on the family's page as the
pack names it in the reader's language: a measure's kind read "periodic reporting" (or
"Periodic reporting") in English on the Spanish timeline while the form that recorded it
said "Presentación periódica ante el despacho"."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from expediente.access.participant_codes import code_issue
from tests.conftest import NOW
from tests.court.pages.conftest import case_url

MEASURE = {
    "measure": "M1",
    "person": "P1",
    "kind": "periodic_reporting",
    "starts_on": "2026-02-05",
    "interval_days": 7,
    "report_place": "Despacho",
}


def test_the_measures_kind_reads_in_spanish_on_the_case_page(clerk_client, accused_case, record):
    record(accused_case, "measure.imposed", MEASURE, occurred_at=NOW - dt.timedelta(days=26))
    html = clerk_client.get(case_url(accused_case), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Presentación periódica ante el despacho" in html
    assert "eriodic reporting" not in html


def test_and_on_the_familys_page(accused_case, record, judge_in_court):
    record(accused_case, "measure.imposed", MEASURE, occurred_at=NOW - dt.timedelta(days=26))
    _, code = code_issue(case=accused_case, participant="P1", actor=judge_in_court, language="es")
    family = Client(HTTP_ACCEPT_LANGUAGE="es")
    family.post("/follow/", {"case_number": accused_case.nuid, "code": code})
    html = family.get("/follow/case/").content.decode()
    assert "Presentación periódica ante el despacho" in html
    assert "eriodic reporting" not in html
