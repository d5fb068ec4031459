from tests.court.pages.conftest import case_url


def test_the_whole_national_identifier_finds_the_case(clerk_client, page, open_case):
    wanted, other = open_case(), open_case()
    html = page(clerk_client, "/court/cases/", q=wanted.nuid)
    assert case_url(wanted) in html
    assert case_url(other) not in html


def test_the_start_of_a_national_identifier_finds_the_case(clerk_client, page, open_case):
    wanted = open_case()
    prefix = wanted.nuid[:9]  # "26-000001"
    html = page(clerk_client, "/court/cases/", q=prefix)
    assert case_url(wanted) in html


def test_spaces_around_the_identifier_are_ignored(clerk_client, page, open_case):
    wanted = open_case()
    html = page(clerk_client, "/court/cases/", q=f"  {wanted.nuid} ")
    assert case_url(wanted) in html
