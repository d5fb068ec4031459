from __future__ import annotations

import pytest
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
