import pytest


@pytest.mark.parametrize("url", ["/court/cases/", "/court/calendar/", "/court/my-cases/"])
def test_a_stranger_is_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/court/sign-in/")


def test_a_stranger_asking_for_a_case_is_sent_to_sign_in(client, accused_case):
    response = client.get(f"/court/cases/{accused_case.nuid}/")
    assert response["Location"].startswith("/court/sign-in/")


def test_the_address_for_a_new_case_is_not_taken_for_a_case_number(clerk_client):
    from django.urls import resolve

    assert resolve("/court/cases/new/").url_name != "case"
