"""The language switcher works without JavaScript and the choice outlives the visit."""

from django.test import Client

from tests.portal.conftest import lawyer_client


def test_the_choice_wins_over_the_browser_language(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/follow/"})
    assert response.status_code == 302
    assert response["Location"] == "/follow/"
    body = client.get("/follow/").content.decode()
    assert '<html lang="en">' in body
    assert "Follow your case" in body


def test_the_switcher_is_a_plain_form_on_every_portal_page(db):
    body = Client().get("/follow/").content.decode()
    assert '<form action="/i18n/setlang/" method="post"' in body
    assert '<option value="fr"' in body
    assert "<script" not in body


def test_a_lawyer_signs_out_back_to_the_portal(db):
    client, _user = lawyer_client()
    response = client.post("/my/sign-out/")
    assert response["Location"] == "/my/sign-in/"
    assert client.get("/my/")["Location"] == "/my/sign-in/"
