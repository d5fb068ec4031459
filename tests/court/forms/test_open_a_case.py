"""Opening a case: in one of the clerk's courts, through case_open, then to its page."""

import datetime as dt

from expediente.docket.models import Case, Event
from tests.court.forms.conftest import member
from tests.court.forms.helpers import field_error, messages_of, submit

URL = "/court/cases/new/"


def test_a_clerk_opens_a_case_and_lands_on_its_page(staff_client, court):
    response = submit(
        staff_client,
        URL,
        {
            "court": court.code,
            "procedure": "adult",
            "police_report": "OIJ-2026-0457",
            "summary": "Theft of a phone at a bus stop.",
            "occurred_at": "2026-11-27T08:15",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/court/cases/{case.nuid}/"
    assert (case.court, case.procedure, case.confidentiality) == (court, "adult", "public")
    assert case.police_report == "OIJ-2026-0457"
    assert case.summary == "Theft of a phone at a bus stop."
    opened = Event.objects.get(case=case)
    assert opened.type == "case.opened"
    assert opened.actor.username == "maria.clerk"
    assert opened.occurred_at == dt.datetime(2026, 11, 27, 14, 15, tzinfo=dt.UTC)
    assert messages_of(response) == [f"Case {case.number} opened."]


def test_a_juvenile_case_is_closed_to_the_public(staff_client, court):
    submit(staff_client, URL, {"court": court.code, "procedure": "juvenile"})
    assert Case.objects.get().confidentiality == "restricted"


def test_only_courts_where_the_clerk_may_open_cases_are_offered(staff_client, court, other_court):
    member_elsewhere = member("someone", other_court, "clerk")
    assert member_elsewhere  # another court exists, with its own clerk
    html = staff_client.get(URL).content.decode()
    assert f'<option value="{court.code}" selected>' in html
    assert other_court.code not in html


def test_a_court_that_is_not_the_clerks_is_refused(staff_client, court, other_court):
    response = submit(staff_client, URL, {"court": other_court.code, "procedure": "adult"})
    assert field_error(response, "court") == "Choose one of your courts from the list."
    assert not Case.objects.exists()


def test_a_missing_procedure_is_shown_next_to_the_field(staff_client, court):
    response = staff_client.post(URL, {"court": court.code, "occurred_at": "2026-11-27T08:15"})
    assert field_error(response, "procedure") == "Choose the procedure."
    assert 'href="#id_procedure_0"' in response.content.decode()
    assert not Case.objects.exists()


def test_an_opening_date_in_the_future_is_refused(staff_client, court):
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = submit(
        staff_client, URL, {"court": court.code, "procedure": "adult", "occurred_at": later}
    )
    assert field_error(response, "occurred_at").startswith("This cannot be in the future")
    assert not Case.objects.exists()


def test_a_police_report_number_too_long_is_refused(staff_client, court):
    response = submit(
        staff_client, URL, {"court": court.code, "procedure": "adult", "police_report": "9" * 61}
    )
    assert field_error(response, "police_report") == "Use at most 60 characters (you typed 61)."
    assert not Case.objects.exists()


def test_a_juvenile_case_is_refused_in_an_adult_court_on_the_procedure_field(
    staff_client, staff_user, court, other_court
):
    # a clerk of an adult court and of a juvenile court is offered both procedures
    from expediente.access.models import Membership

    Membership.objects.create(user=staff_user, court=other_court, role="clerk")
    court.procedures = ["adult"]
    court.save()
    other_court.procedures = ["juvenile"]
    other_court.save()
    response = submit(staff_client, URL, {"court": court.code, "procedure": "juvenile"})
    assert response.status_code == 200
    assert field_error(response, "procedure") == (
        "Juzgado Penal de San José does not hear juvenile cases. It hears: adult."
    )
    assert not Case.objects.exists()
    submit(staff_client, URL, {"court": other_court.code, "procedure": "juvenile"})
    assert Case.objects.get().court == other_court


def test_only_the_procedures_the_clerks_courts_hear_are_offered(staff_client, court):
    court.procedures = ["adult"]
    court.save()
    html = staff_client.get(URL).content.decode()
    assert 'value="adult"' in html
    assert 'value="juvenile"' not in html
