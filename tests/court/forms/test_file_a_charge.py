"""Filing a charge: an accused of the case, an offence of the catalogue; charge.filed."""

from tests.court.forms.helpers import events, field_error, last, submit


def url(case):
    return f"/court/cases/{case.nuid}/charges/add/"


def test_a_charge_is_filed_with_the_catalogue_data(staff_client, accused_case):
    response = submit(
        staff_client,
        url(accused_case),
        {
            "accused": "P1",
            "offence": "CP-212",
            "attempted": "on",
            "description": "Took a phone by force at a bus stop.",
        },
    )
    assert response.status_code == 302
    event = last(accused_case)
    assert event.type == "charge.filed"
    assert event.payload == {
        "charge": "C2",
        "accused": "P1",
        "offence": "CP-212",
        "offence_label": "Robo simple",
        "iccs": "0401",
        "attempted": True,
        "firearm": False,
        "violence_against_women": False,
        "cyber": False,
        "description": "Took a phone by force at a bus stop.",
    }


def test_the_catalogue_flags_are_added_for_the_clerk(staff_client, accused_case):
    submit(staff_client, url(accused_case), {"accused": "P1", "offence": "L7530-88"})
    assert last(accused_case).payload["firearm"] is True


def test_only_accused_people_are_offered(staff_client, accused_case):
    html = staff_client.get(url(accused_case)).content.decode()
    assert '<option value="P1">José Pérez Mora — Accused (P1)</option>' in html
    assert 'value="P2"' not in html


def test_offences_are_offered_by_label_and_code(staff_client, accused_case):
    html = staff_client.get(url(accused_case)).content.decode()
    assert '<option value="CP-208">Theft (CP-208)</option>' in html


def test_charging_the_victim_is_refused(staff_client, accused_case):
    before = len(events(accused_case))
    response = submit(staff_client, url(accused_case), {"accused": "P2", "offence": "CP-208"})
    assert field_error(response, "accused") == (
        "Choose someone listed: only an accused person can be charged."
    )
    assert len(events(accused_case)) == before


def test_an_offence_not_in_the_catalogue_is_refused(staff_client, accused_case):
    response = submit(staff_client, url(accused_case), {"accused": "P1", "offence": "XX-1"})
    assert field_error(response, "offence") == "Choose an offence from the list."


def test_a_case_without_an_accused_says_to_add_one_first(staff_client, case):
    html = staff_client.get(url(case)).content.decode()
    assert "No one in this case is an accused person yet" in html
