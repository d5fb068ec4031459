"""Weekday names read as each language writes them in running text: in lower case in
Portuguese, Spanish and French ("terça-feira, 15 de dezembro de 2026"). Django's
Portuguese catalogue capitalises them ("Terça-feira"), as it did the months; the
project's catalogue gives them in lower case (``month_names.WEEKDAYS``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import formats, translation

from tests.portal.conftest import hearing_day, text_of

DAY = dt.date(2026, 12, 15)  # a Tuesday


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "day"),
    [
        ("pt", "terça-feira, 15 de dezembro de 2026"),
        ("es", "martes, 15 de diciembre de 2026"),
        ("fr", "mardi, 15 décembre 2026"),
        ("en", "Tuesday, 15 December 2026"),
    ],
)
def test_the_public_calendar_writes_the_weekday_in_lower_case(court, language, day):  # type: ignore[no-untyped-def]
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(
        f"/public/calendar/{court.code}/", {"day": DAY.isoformat()}
    )
    assert day in text_of(response.content.decode())


@pytest.mark.parametrize("language", ["pt", "es", "fr"])
def test_the_next_hearing_writes_its_weekday_in_lower_case(detained_case, issue, language):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.post("/follow/", {"case_number": detained_case.nuid, "code": issue(detained_case, "P1")})
    text = text_of(client.get("/follow/case/").content.decode())
    with translation.override(language):
        weekday = formats.date_format(hearing_day(), "l")
        when = f"{weekday} {formats.date_format(hearing_day(), 'DATE_FORMAT')}, 09:30"
    assert weekday == weekday.lower()
    assert when in text
