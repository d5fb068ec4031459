"""A lawyer signed in to /my/ changes her own password from the account's menu: the old
one is asked for, a weak or mistyped new one is refused on its field and changes
nothing, and afterwards the new one signs in at /my/sign-in/."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import User
from tests.court.conftest import code_for

URL = "/my/password/"
OLD, NEW = "una-clave-larga-2026", "Otra-clave-mas-larga-2027"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(password: str) -> tuple[Client, int]:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/my/sign-in/", {"username": "lic.mora", "password": password})
    if response.status_code != 302:
        return client, response.status_code
    device = TOTPDevice.objects.get(user__username="lic.mora")
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    to_code = client.get("/my/")
    response = client.post(to_code["Location"], {"code": code_for(device)})
    return client, response.status_code


@pytest.fixture
def lawyer(db) -> Client:
    user = User.objects.create_user("lic.mora", password=OLD, first_name="Rosa")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client, status = sign_in(OLD)
    assert status == 302
    return client


def test_the_menu_offers_it_and_the_new_password_signs_in(lawyer):
    assert URL in lawyer.get("/my/").content.decode()
    response = lawyer.post(URL, {"old_password": OLD, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    assert response["Location"] == "/my/"
    assert "Your password was changed." in lawyer.get("/my/").content.decode()
    assert sign_in(OLD)[1] == 200  # the form again: refused
    assert sign_in(NEW)[1] == 302


def test_a_mistyped_repeat_is_refused_on_its_field(lawyer):
    response = lawyer.post(
        URL,
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW + "x"},
        HTTP_ACCEPT_LANGUAGE="pt",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_new_password2-error"' in html
    assert User.objects.get(username="lic.mora").check_password(OLD)


def test_someone_signed_out_is_sent_to_sign_in(db):
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/my/sign-in/")
