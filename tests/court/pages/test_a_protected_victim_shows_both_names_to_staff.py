from tests.court.pages.conftest import case_url


def test_staff_see_the_pseudonym_and_the_real_name_marked(clerk_client, page, case, record):
    record(
        case,
        "participant.added",
        {
            "role": "victim",
            "person": {"given_names": "Lucía", "family_names": "Solís Brenes", "sex": "female"},
            "pseudonym": "Víctima A",
            "protected": True,
        },
    )
    html = page(clerk_client, case_url(case))
    assert "Víctima A" in html
    assert "Real name:" in html
    assert "Lucía Solís Brenes" in html
    assert "Protected person" in html
