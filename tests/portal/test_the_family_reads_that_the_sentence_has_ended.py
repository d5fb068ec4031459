"""The family's page says plainly when the sentence ends, as the court computed it, and,
once that day has passed with the person still recorded as held, that the sentence
ended on that day and the record still shows them held. The release ends that line."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.conftest import NOW
from tests.portal.conftest import days_ago, make_clerk, make_issuer, text_of

pytestmark = pytest.mark.django_db

CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 12}


def serving(case, record, ends_on: dt.date):
    p1 = {"person": "P1"}
    record(case, "custody.arrested", p1, occurred_at=days_ago(25, 8))
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=days_ago(22))
    record(case, "trial.committed", {}, occurred_at=days_ago(21))
    record(case, "verdict.delivered", CONVICTED, occurred_at=days_ago(18))
    record(case, "judgment.final", {}, occurred_at=days_ago(16))
    record(
        case,
        "sentence.computed",
        {**p1, "ends_on": ends_on.isoformat(), "credited_days": 25},
        occurred_at=days_ago(15),
    )


def family_page(case, court, language="en") -> str:
    family = Client(HTTP_ACCEPT_LANGUAGE=language)
    code = make_issuer(make_clerk(court))(case, "P1", language=language)
    family.post("/follow/", {"case_number": case.nuid, "code": code})
    return " ".join(text_of(family.get("/follow/case/").content.decode()).split())


def test_the_day_the_sentence_ends_reads_first(accused_case, record, court):
    serving(accused_case, record, dt.date(2099, 5, 4))
    page = family_page(accused_case, court)
    assert (
        "The sentence ends on 4 May 2099. The person must be released by the end of that day."
        in page
    )
    assert "still shows" not in page


def test_a_sentence_ended_with_the_person_still_held_is_said_plainly(accused_case, record, court):
    ended = (NOW + dt.timedelta(days=5)).date()  # passed whatever day the suite runs
    serving(accused_case, record, ended)
    page = family_page(accused_case, court)
    day = f"{ended.day} {ended:%B} {ended.year}"
    assert (
        f"The sentence ended on {day}, as the court computed it. The court's record still "
        "shows José Pérez Mora (Accused) as held."
    ) in page
    assert page.count("The sentence ends on") == 1  # one line, not also as an order's term


def test_the_family_reads_it_in_spanish(accused_case, record, court):
    ended = (NOW + dt.timedelta(days=5)).date()
    serving(accused_case, record, ended)
    page = family_page(accused_case, court, language="es")
    assert "La pena terminó el" in page
    assert "registro del tribunal todavía indica que José Pérez Mora (Persona imputada)" in page


def test_the_release_ends_it(accused_case, record, court):
    serving(accused_case, record, (NOW + dt.timedelta(days=5)).date())
    record(
        accused_case,
        "custody.released",
        {"person": "P1", "reason": "sentence_served"},
        occurred_at=days_ago(1),
    )
    assert "still shows" not in family_page(accused_case, court)
