from tests.court.pages.conftest import case_url


def test_a_name_typed_without_accents_finds_the_accented_name(
    clerk_client, page, accused_case, open_case
):
    other = open_case()
    html = page(clerk_client, "/court/cases/", q="Jose Perez")
    assert case_url(accused_case) in html
    assert case_url(other) not in html
    assert "José Pérez Mora" in html  # the accused is listed beside the case


def test_case_does_not_matter(clerk_client, page, accused_case):
    html = page(clerk_client, "/court/cases/", q="JOSÉ pérez")
    assert case_url(accused_case) in html


def test_family_names_alone_find_the_case(clerk_client, page, accused_case):
    html = page(clerk_client, "/court/cases/", q="Perez Mora")
    assert case_url(accused_case) in html


def test_a_victim_is_found_too(clerk_client, page, accused_case):
    html = page(clerk_client, "/court/cases/", q="ana rojas")
    assert case_url(accused_case) in html


def test_a_name_matches_from_the_start_of_a_word_only(clerk_client, page, accused_case):
    html = page(clerk_client, "/court/cases/", q="erez")
    assert case_url(accused_case) not in html
