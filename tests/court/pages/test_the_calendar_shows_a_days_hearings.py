import datetime as dt
import re

from expediente.access.policy import Actor
from expediente.court.models import StaffPerson
from tests.court.pages.conftest import case_url

DAY = "2026-02-20"
NINE_THIRTY = "2026-02-20T15:30:00+00:00"  # 09:30 in San José (UTC-6)


def _schedule(
    record, case, hid="H1", starts_at=NINE_THIRTY, courtroom="Sala 2", kind="preliminary"
):
    payload = {"hearing": hid, "kind": kind, "starts_at": starts_at, "courtroom": courtroom}
    record(case, "hearing.scheduled", payload, occurred_at=dt.datetime(2026, 2, 10, tzinfo=dt.UTC))


def _row(html, case):
    match = re.search(rf"<tr>(?:(?!</tr>).)*{re.escape(case_url(case))}.*?</tr>", html, re.S)
    assert match, "the case is not on the calendar"
    return match.group(0)


def test_a_hearing_scheduled_for_the_day_is_listed_by_courtroom(
    clerk_client, page, accused_case, record, court
):
    _schedule(record, accused_case)
    html = page(clerk_client, "/court/calendar/", court=court.code, date=DAY)
    assert "Sala 2" in html
    row = _row(html, accused_case)
    assert "09:30" in row
    assert accused_case.number in row
    assert "preliminary" in row
    assert "Scheduled" in row


def test_after_the_hearing_is_held_the_calendar_says_so(
    clerk_client, page, accused_case, record, court
):
    _schedule(record, accused_case)
    record(
        accused_case,
        "hearing.held",
        {"hearing": "H1"},
        occurred_at=dt.datetime(2026, 2, 20, 16, tzinfo=dt.UTC),
    )
    row = _row(page(clerk_client, "/court/calendar/", court=court.code, date=DAY), accused_case)
    assert "Held" in row


def test_a_hearing_not_held_shows_why(clerk_client, page, accused_case, record, court):
    _schedule(record, accused_case)
    # "not brought" needs someone held (court/hearing_projection.py)
    record(accused_case, "custody.arrested", {"person": "P1"})
    record(
        accused_case,
        "hearing.not_held",
        {"hearing": "H1", "reason": "transport_failed"},
        occurred_at=dt.datetime(2026, 2, 20, 16, tzinfo=dt.UTC),
    )
    row = _row(page(clerk_client, "/court/calendar/", court=court.code, date=DAY), accused_case)
    assert "Not held" in row
    assert "the detainee was not brought" in row


def test_a_hearing_moved_to_another_day_leaves_the_first_day(
    clerk_client, page, accused_case, record, court
):
    _schedule(record, accused_case)
    record(
        accused_case,
        "hearing.rescheduled",
        {"hearing": "H1", "starts_at": "2026-02-27T15:30:00+00:00", "reason": "Juez incapacitado"},
        occurred_at=dt.datetime(2026, 2, 12, tzinfo=dt.UTC),
    )
    first = page(clerk_client, "/court/calendar/", court=court.code, date=DAY)
    assert case_url(accused_case) not in first
    assert "No hearing is scheduled for this day." in first
    assert case_url(accused_case) in page(
        clerk_client, "/court/calendar/", court=court.code, date="2026-02-27"
    )


def test_the_day_is_the_courts_local_day(clerk_client, page, accused_case, record, court):
    _schedule(record, accused_case, starts_at="2026-02-21T03:00:00+00:00")  # 20 Feb, 21:00 local
    assert case_url(accused_case) in page(
        clerk_client, "/court/calendar/", court=court.code, date=DAY
    )
    next_day = page(clerk_client, "/court/calendar/", court=court.code, date="2026-02-21")
    assert case_url(accused_case) not in next_day


def test_hearings_are_in_time_order_within_a_courtroom(
    clerk_client, page, accused_case, open_case, record, court
):
    early = open_case()
    _schedule(record, accused_case, starts_at="2026-02-20T20:00:00+00:00")
    _schedule(record, early, starts_at="2026-02-20T14:00:00+00:00")
    html = page(clerk_client, "/court/calendar/", court=court.code, date=DAY)
    assert html.index(case_url(early)) < html.index(case_url(accused_case))


def test_without_a_date_it_shows_today(clerk_client, page):
    html = page(clerk_client, "/court/calendar/")
    assert "(today)" in html


def test_a_date_that_is_not_a_date_says_how_to_fix_it(clerk_client, page):
    html = page(clerk_client, "/court/calendar/", date="20/02/2026")
    assert "Enter the day as year-month-day, for example 2026-03-14." in html


def test_a_clerk_of_another_court_does_not_see_its_hearings(
    outsider_client, page, accused_case, record, court
):
    _schedule(record, accused_case)
    html = page(outsider_client, "/court/calendar/", court=court.code, date=DAY)
    assert case_url(accused_case) not in html


def test_a_sealed_case_is_on_the_judges_calendar_only(
    clerk_client, judge_client, judge_user, page, open_case, record, court
):
    sealed = open_case(confidentiality="sealed")
    payload = {"hearing": "H1", "kind": "trial", "starts_at": NINE_THIRTY, "courtroom": "Sala 2"}
    record(sealed, "hearing.scheduled", payload, actor=Actor.staff(judge_user))  # judges only
    assert case_url(sealed) in page(judge_client, "/court/calendar/", court=court.code, date=DAY)
    assert case_url(sealed) not in page(
        clerk_client, "/court/calendar/", court=court.code, date=DAY
    )


def test_a_judge_can_keep_only_the_hearings_of_cases_that_name_them(
    judge_client, page, accused_case, open_case, record, court, judge_user
):
    theirs, others = accused_case, open_case()
    record(
        theirs,
        "participant.added",
        {"role": "judge", "person": {"given_names": "Esteban", "family_names": "Vargas Solano"}},
    )
    _schedule(record, theirs, courtroom="Sala 2")
    _schedule(record, others, courtroom="Sala 4")
    everyone = page(judge_client, "/court/calendar/", court=court.code, date=DAY)
    assert case_url(theirs) in everyone
    assert case_url(others) in everyone
    mine = page(judge_client, "/court/calendar/", court=court.code, date=DAY, mine="on")
    assert case_url(theirs) in mine
    assert case_url(others) not in mine
    assert "Sala 4" not in mine
    assert "mine=on" in mine  # the day before / after links keep the choice


def test_a_judge_tied_to_their_person_keeps_the_hearings_of_that_person_s_cases(
    judge_client, page, accused_case, open_case, record, court, judge_user
):
    StaffPerson.objects.create(user=judge_user, person_uid="person.esteban")
    theirs, namesake = accused_case, open_case()
    person = {"given_names": "Esteban", "family_names": "Vargas Solano"}
    record(
        theirs,
        "participant.added",
        {"role": "judge", "person": {"uid": "person.esteban", **person}},
    )
    record(namesake, "participant.added", {"role": "judge", "person": person})  # another judge
    _schedule(record, theirs, courtroom="Sala 2")
    _schedule(record, namesake, courtroom="Sala 4")
    mine = page(judge_client, "/court/calendar/", court=court.code, date=DAY, mine="on")
    assert case_url(theirs) in mine
    assert case_url(namesake) not in mine
    assert "is not tied to a person in the docket" not in mine


def test_a_day_at_the_ends_of_the_calendar_is_refused_on_the_form(clerk_client, court):
    for day in ("9999-12-31", "0001-01-01"):  # they were a 500
        response = clerk_client.get("/court/calendar/", {"court": court.code, "date": day})
        assert response.status_code == 200
        assert "Give a day between 1950-01-01 and 2199-12-31." in response.content.decode()


def test_a_court_that_is_not_one_of_mine_is_an_error_not_another_court_s_day(
    clerk_client, page, accused_case, record
):
    # ?court=zzz showed the clerk's own court's hearings as if they were the court asked for
    _schedule(record, accused_case)
    html = page(clerk_client, "/court/calendar/", court="zzz", date=DAY)
    assert "Select a valid choice" in html
    assert case_url(accused_case) not in html
