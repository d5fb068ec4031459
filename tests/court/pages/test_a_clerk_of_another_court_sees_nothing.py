from tests.court.pages.conftest import case_url


def test_the_list_of_a_clerk_of_another_court_is_empty(outsider_client, page, accused_case):
    html = page(outsider_client, "/court/cases/")
    assert "0 cases" in html
    assert case_url(accused_case) not in html


def test_searching_by_number_or_name_finds_nothing(outsider_client, page, accused_case):
    for q in (accused_case.nuid, "Jose Perez"):
        html = page(outsider_client, "/court/cases/", q=q)
        assert case_url(accused_case) not in html


def test_the_case_page_is_not_found(outsider_client, accused_case):
    assert outsider_client.get(case_url(accused_case)).status_code == 404


def test_an_unknown_case_is_not_found(clerk_client):
    assert clerk_client.get("/court/cases/26-999999-0042-PE/").status_code == 404
