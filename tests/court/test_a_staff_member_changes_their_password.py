"""A clerk changes their own password from the workspace: the old one is asked for, the
new one must pass the password rules (each refusal on its field, in the reader's
language, nothing changed), and afterwards the new password signs in and the old one
does not."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import User
from tests.court.conftest import PASSWORD, code_for, sign_in
from tests.court.pages.conftest import signed_in

URL = "/court/account/password/"
NEW = "Caf3-con-leche-por-la-tarde"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clerk(staff_user) -> Client:
    return signed_in(staff_user.username)


def change(client: Client, old: str, new: str, again: str | None = None, lang: str = "en"):
    data = {"old_password": old, "new_password1": new, "new_password2": again or new}
    return client.post(URL, data, HTTP_ACCEPT_LANGUAGE=lang)


def test_my_courts_page_offers_it(clerk):
    assert URL in clerk.get("/court/").content.decode()
    page = clerk.get(URL).content.decode()
    assert 'autocomplete="current-password"' in page
    assert page.count('autocomplete="new-password"') == 2


def test_the_new_password_signs_in_and_the_old_one_no_longer_does(clerk, staff_user):
    response = change(clerk, PASSWORD, NEW)
    assert response.status_code == 302
    assert "Your password was changed." in clerk.get("/court/").content.decode()
    assert clerk.get("/court/").status_code == 200  # this session stays signed in
    old = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert sign_in(old, staff_user.username, PASSWORD).status_code == 200  # refused: form again
    new = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert sign_in(new, staff_user.username, NEW).status_code == 302


def test_a_wrong_old_password_is_refused_on_its_field(clerk, staff_user):
    response = change(clerk, "not-my-password", NEW, lang="es")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_old_password-error"' in html
    assert "Su contraseña antigua es incorrecta" in html
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("new", "again", "field"),
    [
        ("12345678901", None, "new_password2"),  # only digits
        ("short", None, "new_password2"),  # too short
        (NEW, NEW + "x", "new_password2"),  # the two differ
    ],
)
def test_a_weak_or_mistyped_new_password_is_refused(clerk, staff_user, new, again, field):
    response = change(clerk, PASSWORD, new, again)
    assert response.status_code == 200
    assert f'id="id_{field}-error"' in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


def test_someone_signed_out_is_sent_to_sign_in(db):
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/court/sign-in/")


def test_a_participants_account_has_no_workspace_page(db, court):
    lawyer = User.objects.create_user("lic.mora", password=PASSWORD)
    client = Client()
    client.force_login(lawyer)
    assert client.get(URL).status_code in (302, 403)


def test_the_accounts_other_sessions_end(clerk, staff_user):
    # the same clerk on another computer (the code is taken as new there)
    device = TOTPDevice.objects.get(user=staff_user)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    elsewhere = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(elsewhere, staff_user.username)
    assert elsewhere.post("/court/sign-in/code/", {"code": code_for(device)}).status_code == 302
    assert elsewhere.get("/court/").status_code == 200
    assert change(clerk, PASSWORD, NEW).status_code == 302
    assert elsewhere.get("/court/").status_code == 302  # signed out
    assert clerk.get("/court/").status_code == 200
