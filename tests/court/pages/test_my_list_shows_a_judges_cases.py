import datetime as dt

from tests.court.pages.conftest import case_url, staff

FUTURE = dt.datetime(2030, 5, 6, 15, 30, tzinfo=dt.UTC)


def test_a_judge_sees_every_case_of_the_court_with_its_next_hearing(
    judge_client, page, accused_case, open_case, record
):
    quiet = open_case()
    record(
        accused_case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": FUTURE.isoformat(), "courtroom": "Sala 1"},
    )
    html = page(judge_client, "/court/my-cases/")
    assert "2 cases" in html
    assert case_url(accused_case) in html
    assert case_url(quiet) in html
    assert "May 6, 2030" in html
    assert "None scheduled" in html


def test_a_judge_can_keep_only_cases_that_name_them_as_judge(
    judge_client, page, accused_case, open_case, record, judge_user
):
    other = open_case()
    record(
        accused_case,
        "participant.added",
        {"role": "judge", "person": {"given_names": "Esteban", "family_names": "Vargas Solano"}},
    )
    html = page(judge_client, "/court/my-cases/", named="on")
    assert case_url(accused_case) in html
    assert case_url(other) not in html


def test_a_judge_does_not_see_cases_of_a_court_where_they_are_not_judge(
    page, accused_case, court, other_court
):
    from tests.court.pages.conftest import signed_in

    staff("juez.cartago", other_court, "judge")
    html = page(signed_in("juez.cartago"), "/court/my-cases/")
    assert case_url(accused_case) not in html


def test_a_clerk_is_told_the_list_is_for_judges(clerk_client, page, accused_case):
    html = page(clerk_client, "/court/my-cases/")
    assert "This list is for judges." in html
    assert case_url(accused_case) not in html
