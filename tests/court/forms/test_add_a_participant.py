"""Adding a party: their role, who they are, protection; participant.added."""

from tests.court.forms.helpers import events, field_error, last, messages_of, submit


def url(case):
    return f"/court/cases/{case.nuid}/participants/add/"


def test_a_person_is_added_with_everything_said_about_them(staff_client, case):
    response = submit(
        staff_client,
        url(case),
        {
            "role": "victim",
            "kind": "natural",
            "given_names": "Ana",
            "family_names": "Rojas Vargas",
            "legal_name": "ignored for a person",
            "sex": "female",
            "date_of_birth": "1988-04-12",
            "id_number": "1-0987-0654",
            "nationality": "CR",
            "pseudonym": "Víctima A",
            "protected": "on",
        },
    )
    assert response.status_code == 302
    event = last(case)
    assert event.type == "participant.added"
    payload = dict(event.payload)
    assert payload.pop("participant") == "P1"
    assert payload["person"].pop("uid")
    assert payload == {
        "role": "victim",
        "person": {
            "kind": "natural",
            "given_names": "Ana",
            "family_names": "Rojas Vargas",
            "legal_name": "",  # what was typed there is not for a person
            "sex": "female",
            "date_of_birth": "1988-04-12",
            "id_number": "1-0987-0654",
            "nationality": "CR",
        },
        "pseudonym": "Víctima A",
        "protected": True,
    }
    assert messages_of(response) == ["Recorded: Participant added"]


def test_an_organisation_is_added_by_its_legal_name(staff_client, case):
    submit(
        staff_client,
        url(case),
        {"role": "complainant", "kind": "legal", "legal_name": "Banco del Sur S.A."},
    )
    person = last(case).payload["person"]
    assert (person["kind"], person["legal_name"]) == ("legal", "Banco del Sur S.A.")
    assert (person["given_names"], person["family_names"]) == ("", "")


def test_a_person_without_a_name_is_refused_next_to_the_name(staff_client, case):
    before = len(events(case))
    response = submit(staff_client, url(case), {"role": "witness", "kind": "natural"})
    assert field_error(response, "given_names") == "Enter the given names or the family names."
    assert len(events(case)) == before


def test_an_organisation_without_a_name_is_refused_next_to_the_name(staff_client, case):
    response = submit(staff_client, url(case), {"role": "witness", "kind": "legal"})
    assert field_error(response, "legal_name") == ("Fill in “Name of the company or organisation”.")


def test_a_missing_role_is_refused(staff_client, case):
    response = submit(staff_client, url(case), {"given_names": "Rosa"})
    assert field_error(response, "role") == "Choose an option for “Their part in the case”."


def test_a_birth_date_in_the_future_is_refused(staff_client, case):
    response = submit(
        staff_client,
        url(case),
        {"role": "witness", "given_names": "Rosa", "date_of_birth": "2099-01-01"},
    )
    assert field_error(response, "date_of_birth") == "The date of birth cannot be in the future."


def test_a_nationality_that_is_not_a_country_code_is_refused(staff_client, case):
    for typed in ("Costa Rica", "XX", "cr"):
        response = submit(
            staff_client,
            url(case),
            {"role": "witness", "given_names": "Rosa", "nationality": typed},
        )
        assert (
            field_error(response, "nationality")
            == "Choose a country from the list, or “Stateless”."
        )


def test_nationality_is_chosen_by_name_in_the_readers_language(staff_client, case):
    html = staff_client.get(url(case), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<option value="CR">Costa Rica</option>' in html
    assert '<option value="DE">Alemania</option>' in html
    assert '<option value="" selected>No se sabe</option>' in html or (
        '<option value="">No se sabe</option>' in html
    )
    # by name: Alemania before Costa Rica before Nicaragua
    assert html.index(">Alemania<") < html.index(">Costa Rica<") < html.index(">Nicaragua<")


def test_roles_are_offered_with_the_pack_labels(staff_client, case):
    html = staff_client.get(url(case)).content.decode()
    assert '<option value="public_defender">Public defender</option>' in html


def test_the_person_questions_are_grouped(staff_client, case):
    html = staff_client.get(url(case)).content.decode()
    assert '<fieldset class="group"><legend>Who they are</legend>' in html
    assert "<legend>Is this a person or an organisation?" in html
