"""QA as a clerk of two courts: the calendar opened on Cartago ("No hearing is
scheduled") while San José had a trial that day, with no "all my courts"; its rows named
no accused and did not say who is in custody (whom the prison must bring); and clerks
were offered the judges' "Only hearings of cases that name me as the judge"."""

import datetime as dt

import pytest

from expediente.access.models import Membership
from expediente.docket.services import case_open
from tests.conftest import NOW, PERSON
from tests.court.pages.conftest import case_url, signed_in, staff

DAY = "2026-02-20"
NINE_THIRTY = "2026-02-20T15:30:00+00:00"  # 09:30 in San José
BEFORE = dt.datetime(2026, 2, 10, tzinfo=dt.UTC)


def schedule(record, case, courtroom="Sala 2", starts_at=NINE_THIRTY):
    payload = {"hearing": "H1", "kind": "trial", "starts_at": starts_at, "courtroom": courtroom}
    record(case, "hearing.scheduled", payload, occurred_at=BEFORE)


@pytest.fixture
def two_courts_clerk(court, other_court):
    user = staff("laura.clerk", other_court, "clerk", "Laura Quesada Mora")  # Cartago first
    Membership.objects.create(user=user, court=court, role="clerk")
    return signed_in("laura.clerk")


@pytest.fixture
def cartago_case(other_court, clerk, record):
    case = case_open(
        court=other_court, actor=clerk, procedure="adult", occurred_at=NOW - dt.timedelta(days=30)
    ).event.case
    person = {"given_names": "Luis", "family_names": "Solano Rojas"}
    record(case, "participant.added", {"role": "accused", "person": person})
    return case


def test_a_clerk_of_two_courts_sees_both_by_default_each_row_naming_its_court(
    two_courts_clerk, page, accused_case, cartago_case, record
):
    schedule(record, accused_case)  # San José's trial; Cartago's hearing is later
    schedule(record, cartago_case, starts_at="2026-02-20T19:00:00+00:00")
    html = page(two_courts_clerk, "/court/calendar/", date=DAY)
    assert "All my courts: Friday" in html
    assert case_url(accused_case) in html
    assert case_url(cartago_case) in html
    assert "Juzgado Penal de San José · Sala 2" in html
    assert '<span class="hint court-name">Juzgado Penal de Cartago</span>' in html
    # one court chosen: that court only, the day's links keep the choice
    one = page(two_courts_clerk, "/court/calendar/", date=DAY, court="cartago-penal")
    assert case_url(cartago_case) in one
    assert case_url(accused_case) not in one
    assert "court=cartago-penal" in one
    assert "court-name" not in one


def test_each_row_names_the_accused_and_says_who_is_in_custody(
    clerk_client, page, accused_case, open_case, record, court
):
    free = open_case()
    record(
        free,
        "participant.added",
        {"role": "accused", "person": {"given_names": "Ana", "family_names": "Mora"}},
    )
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=BEFORE)
    schedule(record, accused_case)
    schedule(record, free, courtroom="Sala 3")
    html = page(clerk_client, "/court/calendar/", court=court.code, date=DAY)
    held_row = html[
        html.index(case_url(accused_case)) : html.index("</tr>", html.index(case_url(accused_case)))
    ]
    free_row = html[html.index(case_url(free)) : html.index("</tr>", html.index(case_url(free)))]
    assert PERSON["given_names"] in held_row
    assert "in custody" in held_row
    # a past day's calendar: the mark is the custody of now, and says so
    assert "in custody now" in held_row
    assert "Ana Mora" in free_row
    assert "in custody" not in free_row
    assert "Ana Rojas Vargas" not in held_row  # the victim is not listed as accused


def test_the_rows_cost_no_query_each(clerk_client, accused_case, open_case, record, court):
    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as seen:
            clerk_client.get("/court/calendar/", {"court": court.code, "date": DAY})
        return len(seen)

    schedule(record, accused_case)
    one = queries()
    for i in range(5):
        case = open_case()
        record(case, "participant.added", {"role": "accused", "person": PERSON})
        record(case, "custody.arrested", {"person": "P1"}, occurred_at=BEFORE)
        schedule(record, case, courtroom=f"Sala {i}")
    assert queries() == one


def test_only_judges_are_offered_the_cases_that_name_them(clerk_client, judge_client, page, court):
    option = "Only hearings of cases that name me as the judge"
    assert option not in page(clerk_client, "/court/calendar/", date=DAY)
    assert option in page(judge_client, "/court/calendar/", date=DAY)
    # a clerk who asks for it anyway gets the whole day, not an error
    assert "(today)" not in page(clerk_client, "/court/calendar/", date=DAY, mine="on")


def test_a_judge_of_one_court_gets_that_court(judge_client, page, court, accused_case, record):
    schedule(record, accused_case)
    html = page(judge_client, "/court/calendar/", date=DAY)
    assert "Juzgado Penal de San José: Friday" in html
    assert "All my courts" not in html
