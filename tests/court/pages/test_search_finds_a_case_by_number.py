from tests.court.pages.conftest import case_url


def test_the_whole_number_finds_the_case(clerk_client, page, open_case):
    wanted = open_case(number="2026-000777")
    open_case(number="2026-000888")
    html = page(clerk_client, "/court/cases/", q="2026-000777")
    assert case_url(wanted) in html
    assert "1 case" in html


def test_the_start_of_a_number_finds_every_case_it_begins(clerk_client, page, open_case):
    first = open_case(number="2026-000771")
    second = open_case(number="2026-000772")
    other = open_case(number="2026-000881")
    html = page(clerk_client, "/court/cases/", q="2026-00077")
    assert case_url(first) in html
    assert case_url(second) in html
    assert case_url(other) not in html


def test_a_number_that_matches_nothing_says_so(clerk_client, page, open_case):
    open_case(number="2026-000777")
    html = page(clerk_client, "/court/cases/", q="1999-1")
    assert "0 cases" in html
    assert "No case matches" in html
