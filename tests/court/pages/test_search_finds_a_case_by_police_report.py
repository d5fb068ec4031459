from tests.court.pages.conftest import case_url


def test_the_police_report_number_finds_the_case(clerk_client, page, open_case):
    wanted = open_case(police_report="OIJ-26-004512")
    other = open_case(police_report="OIJ-26-009999")
    html = page(clerk_client, "/court/cases/", q="OIJ-26-004512")
    assert case_url(wanted) in html
    assert case_url(other) not in html


def test_the_start_of_a_police_report_number_finds_the_case(clerk_client, page, open_case):
    wanted = open_case(police_report="OIJ-26-004512")
    html = page(clerk_client, "/court/cases/", q="OIJ-26-0045")
    assert case_url(wanted) in html
