from tests.court.pages.conftest import case_url


def test_it_shows_the_identity_of_the_case(clerk_client, page, open_case, court):
    case = open_case(police_report="OIJ-26-004512")
    html = page(clerk_client, case_url(case))
    assert case.nuid in html
    assert court.name in html
    assert "Adult" in html
    assert "Public" in html
    assert "OIJ-26-004512" in html


def test_it_explains_the_current_stage_in_plain_words(clerk_client, page, accused_case):
    html = page(clerk_client, case_url(accused_case))
    assert "Preliminary investigation" in html
    assert "The Public Prosecutor&#x27;s Office investigates what happened." in html


def test_the_stage_explanation_follows_the_language(clerk_client, accused_case):
    response = clerk_client.get(case_url(accused_case), HTTP_ACCEPT_LANGUAGE="es")
    html = response.content.decode()
    assert "Etapa preparatoria" in html
    assert "El Ministerio Público investiga los hechos." in html


def test_it_lists_the_parties_with_their_roles(clerk_client, page, accused_case):
    html = page(clerk_client, case_url(accused_case))
    assert "José Pérez Mora" in html
    assert "Accused" in html
    assert "Ana Rojas Vargas" in html
    assert "Victim" in html
    assert "1-0234-0567" in html


def test_it_shows_the_charge_with_its_iccs_class(clerk_client, page, accused_case):
    html = page(clerk_client, case_url(accused_case))
    assert "Theft" in html  # CP-208, from the Costa Rican catalogue
    assert "ICCS</abbr> 0502" in html
    assert "Theft" in html.split("ICCS</abbr> 0502", 1)[1]  # the ICCS category's own name
