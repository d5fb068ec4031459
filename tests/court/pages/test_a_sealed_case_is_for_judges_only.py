from tests.court.pages.conftest import case_url


def test_a_judge_of_the_court_finds_and_reads_a_sealed_case(judge_client, page, open_case):
    sealed = open_case(confidentiality="sealed")
    assert case_url(sealed) in page(judge_client, "/court/cases/")
    html = page(judge_client, case_url(sealed))
    assert "Sealed" in html


def test_a_clerk_of_the_court_does_not_see_it(clerk_client, page, open_case):
    sealed, public = open_case(confidentiality="sealed"), open_case()
    html = page(clerk_client, "/court/cases/")
    assert case_url(public) in html
    assert case_url(sealed) not in html
    assert case_url(sealed) not in page(clerk_client, "/court/cases/", q=sealed.nuid)
    assert clerk_client.get(case_url(sealed)).status_code == 404


def test_a_judge_of_another_court_does_not_see_it(open_case, other_court, page):
    from tests.court.pages.conftest import signed_in, staff

    staff("otro.juez", other_court, "judge")
    client = signed_in("otro.juez")
    sealed = open_case(confidentiality="sealed")
    assert case_url(sealed) not in page(client, "/court/cases/")
    assert client.get(case_url(sealed)).status_code == 404
