"""A journalist finds an adult case after charges by its number: court, number, offence,
stage, next hearing, and the accused by initials until a conviction, hidden after an
acquittal. Court calendars list the day's public hearings the same way."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.portal.conftest import text_of
from tests.privacy.conftest import HEARING_DAY

pytestmark = pytest.mark.django_db


def lookup(case, number=None) -> tuple[int, str]:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/public/", {"court": case.court.code, "number": number or case.number})
    return response.status_code, text_of(response.content.decode())


def test_a_charged_case_shows_offence_stage_hearing_and_initials(cases):
    status, text = lookup(cases["charged"])
    assert status == 200
    assert "Juzgado Penal de San José" in text
    assert "2026-000002" in text
    assert "Theft" in text
    assert "Intermediate stage" in text
    assert "A. R." in text
    assert "ReoCharged" not in text
    assert "Sala 2" in text


def test_the_national_number_finds_the_case_too(cases):
    status, text = lookup(cases["charged"], cases["charged"].nuid)
    assert status == 200
    assert "Theft" in text


def test_the_number_typed_in_small_letters_finds_the_case(cases):
    # "26-000062-0042-pe" found nothing, where /follow/ and the court's search find it
    status, text = lookup(cases["charged"], f"  {cases['charged'].nuid.lower()} ")
    assert status == 200
    assert "Theft" in text


def test_after_a_conviction_the_accused_is_named(cases):
    assert "Aurelio ReoConvicted" in lookup(cases["convicted"])[1]


def test_after_an_acquittal_the_accused_is_hidden_again(cases):
    status, text = lookup(cases["acquitted"])
    assert status == 200
    assert "ReoAcquitted" not in text
    assert "A. R." not in text
    assert "Accused" not in text


def test_the_calendar_lists_the_days_public_hearings_only(cases):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/public/calendar/sj-penal/", {"day": HEARING_DAY.isoformat()})
    assert response.status_code == 200
    text = text_of(response.content.decode())
    listed = {tag for tag, case in cases.items() if case.number in text}
    assert listed == {"charged", "convicted", "acquitted", "sexual"}
    assert "09:00" in text


def test_a_bad_day_is_refused_naming_the_field(cases):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        "/public/calendar/sj-penal/", {"day": "15/12/2026"}
    )
    assert response.status_code == 400
    assert "day: give a date as YYYY-MM-DD" in text_of(response.content.decode())


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1949-12-31", "2200-01-01"])
def test_a_day_at_the_ends_of_the_calendar_is_refused_naming_the_field(cases, day):
    # Python's first and last days could not be turned into a court's day: a 500
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/public/calendar/sj-penal/", {"day": day})
    assert response.status_code == 400
    text = text_of(response.content.decode())
    assert "day: give a date between 1950-01-01 and 2199-12-31" in text


def test_an_unknown_court_calendar_is_a_404(db):
    assert Client().get("/public/calendar/nowhere/").status_code == 404


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"court": "", "number": "2026-000001"}, "court", "Choose the court that has the case."),
        ({"court": "sj-penal", "number": ""}, "number", "Enter the case number"),
        ({"court": "sj-penal", "number": "9" * 41}, "number", "at most 40 characters"),
    ],
)
def test_bad_input_names_the_field_and_counts_nothing(court, data, field, message):
    from expediente.access.models import CodeThrottle

    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/public/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert f'href="#id_{field}"' in body
    assert message in text_of(body)
    assert CodeThrottle.objects.count() == 0


def test_personal_pages_tell_search_engines_not_to_index_them(cases):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for response in (
        client.get("/public/"),
        client.get("/public/", {"court": "sj-penal", "number": cases["charged"].number}),
        client.get("/public/calendar/sj-penal/"),
    ):
        assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
        assert '<meta name="robots" content="noindex' in response.content.decode()
    assert '<meta name="robots"' not in client.get("/").content.decode()


def test_a_found_case_has_an_address_that_can_be_bookmarked_and_shared(cases):
    # the lookup answered only a POST: a result could not be bookmarked or sent to a
    # relative, and "back" asked to send the form again
    body = Client(HTTP_ACCEPT_LANGUAGE="en").get("/public/").content.decode()
    form = re.search(r'<form method="(\w+)" action="/public/"', body)
    assert form is not None
    assert form.group(1) == "get"
    number = cases["charged"].number
    address = f"/public/?court=sj-penal&number={number}"
    # someone else, on another phone, opens the shared address
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(address)
    assert response.status_code == 200
    assert "Theft" in text_of(response.content.decode())


def test_only_the_court_and_the_case_number_travel_in_the_address(cases):
    body = Client(HTTP_ACCEPT_LANGUAGE="en").get("/public/").content.decode()
    start = body.index('action="/public/"')
    form = body[start : body.index("</form>", start)]
    assert set(re.findall(r'name="([^"]+)"', form)) == {"court", "number"}
    # the answer's links carry no name either
    answer = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        "/public/", {"court": "sj-penal", "number": cases["convicted"].number}
    )
    hrefs = re.findall(r'href="([^"]+)"', answer.content.decode())
    assert not [h for h in hrefs if "Reo" in h or "Aurelio" in h]


def test_a_post_is_refused_and_looks_nothing_up(cases):
    from expediente.access.models import CodeThrottle

    response = Client().post("/public/", {"court": "sj-penal", "number": cases["charged"].number})
    assert response.status_code == 405
    assert CodeThrottle.objects.count() == 0
