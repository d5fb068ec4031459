"""A stateless person is a choice of its own in the participant form, apart from the
countries and apart from "not known"; the case page shows it."""

from tests.court.forms.helpers import field_error, last, submit


def url(case):
    return f"/court/cases/{case.nuid}/participants/add/"


def test_stateless_is_offered_apart_from_the_countries_in_each_language(staff_client, case):
    for lang, words in (
        ("en", "Stateless (no country considers them its national)"),
        ("es", "Apátrida (sin ninguna nacionalidad)"),
        ("pt", "Apátrida (sem nenhuma nacionalidade)"),
        ("fr", "Apatride (sans aucune nationalité)"),
    ):
        html = staff_client.get(url(case), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert f'<option value="stateless">{words}</option>' in html, lang
        # before the group of countries, not inside it
        assert html.index('value="stateless"') < html.index("<optgroup")
        assert html.index("<optgroup") < html.index('value="CR"')


def test_a_stateless_person_is_recorded_and_shown_on_the_case_page(staff_client, case):
    response = submit(
        staff_client,
        url(case),
        {"role": "accused", "given_names": "Karim", "nationality": "stateless"},
    )
    assert response.status_code == 302
    assert last(case).payload["person"]["nationality"] == "stateless"
    page = staff_client.get(f"/court/cases/{case.nuid}/").content.decode()
    assert '<td data-label="Nationality">Stateless</td>' in page


def test_not_known_stays_blank_and_reads_not_recorded(staff_client, case):
    submit(staff_client, url(case), {"role": "accused", "given_names": "Rosa", "nationality": ""})
    assert "nationality" not in last(case).payload["person"]
    page = staff_client.get(f"/court/cases/{case.nuid}/").content.decode()
    assert '<td data-label="Nationality">Not recorded</td>' in page


def test_a_country_shows_by_name_on_the_case_page(staff_client, case):
    submit(staff_client, url(case), {"role": "accused", "given_names": "Luis", "nationality": "NI"})
    page = staff_client.get(f"/court/cases/{case.nuid}/").content.decode()
    assert '<td data-label="Nationality">Nicaragua</td>' in page


def test_stateless_written_otherwise_is_refused_and_records_nothing(staff_client, case):
    before = case.events.count()
    for typed in ("Stateless", "STATELESS", "apatrida", "XX"):
        response = submit(
            staff_client,
            url(case),
            {"role": "witness", "given_names": "Rosa", "nationality": typed},
        )
        assert response.status_code == 200
        assert field_error(response, "nationality") == (
            "Choose a country from the list, or “Stateless”."
        )
    assert case.events.count() == before
