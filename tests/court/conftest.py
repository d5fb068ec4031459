from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import Membership, User

PASSWORD = "una-clave-larga-2026"


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.fixture
def staff_user(court):
    user = User.objects.create_user("maria.clerk", password=PASSWORD, first_name="María")
    Membership.objects.create(user=user, court=court, role="clerk")
    return user


@pytest.fixture
def enrolled(staff_user):
    return TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)


def sign_in(client, username: str = "maria.clerk", password: str = PASSWORD):
    return client.post(
        "/court/sign-in/",
        {"username": username, "password": password},
        HTTP_ACCEPT_LANGUAGE="en",
    )


# -- system administrators (the admin's tests)


@pytest.fixture
def root(db) -> TOTPDevice:
    user = User.objects.create_superuser("root", password=PASSWORD)
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def password_only(root: TOTPDevice) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def system_admin(root) -> Client:
    """A system administrator signed in with password and authenticator code."""
    client = password_only(root)
    to_code = client.get("/admin/")
    response = client.post(to_code["Location"], {"code": code_for(root)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    return client
