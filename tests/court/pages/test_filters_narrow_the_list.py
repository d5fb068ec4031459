from tests.court.pages.conftest import case_url


def test_the_procedure_filter_keeps_juvenile_cases_only(clerk_client, page, open_case):
    adult, juvenile = open_case("adult"), open_case("juvenile")
    html = page(clerk_client, "/court/cases/", procedure="juvenile")
    assert case_url(juvenile) in html
    assert case_url(adult) not in html


def test_the_stage_filter_keeps_cases_in_that_stage(
    clerk_client, page, accused_case, open_case, record
):
    waiting = open_case()
    record(accused_case, "indictment.filed", {"accused": "P1"})
    html = page(clerk_client, "/court/cases/", stage="intermediate")
    assert case_url(accused_case) in html
    assert case_url(waiting) not in html
    assert "Intermediate stage" in html  # the stage in words, from the rule pack


def test_the_court_filter_offers_only_my_courts(clerk_client, page, court, other_court):
    html = page(clerk_client, "/court/cases/")
    assert court.name in html
    assert other_court.name not in html


def test_a_court_that_is_not_mine_gives_an_error_not_its_cases(clerk_client, other_court):
    response = clerk_client.get("/court/cases/", {"court": other_court.code})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert response.context["page"] is None
