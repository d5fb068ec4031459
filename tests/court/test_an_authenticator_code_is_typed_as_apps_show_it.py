"""Authenticator apps show a code as "591 022": typed that way, with a hyphen, or pasted
with a no-break space, it opens the workspace (/court/) and the lawyers' /my/, which
share the second step; anything but six digits is still refused with one clear message."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import User
from tests.court.conftest import code_for, sign_in

SIX_DIGITS = "Enter the 6 digits your authenticator app shows."


def shown(code: str, between: str) -> str:
    return code[:3] + between + code[3:]


@pytest.mark.parametrize("between", [" ", "-", "\u00a0", "  ", " - "])
def test_a_staff_code_with_a_space_or_a_hyphen_opens_the_workspace(client, enrolled, between):
    sign_in(client)
    response = client.post("/court/sign-in/code/", {"code": shown(code_for(enrolled), between)})
    assert response.status_code == 302
    assert client.get("/court/").status_code == 200


def test_a_code_spaced_digit_by_digit_is_accepted(client, enrolled):
    sign_in(client)
    response = client.post("/court/sign-in/code/", {"code": " ".join(code_for(enrolled))})
    assert response.status_code == 302
    assert client.get("/court/").status_code == 200


def test_a_code_typed_in_full_width_digits_still_opens_the_workspace(client, enrolled):
    sign_in(client)
    wide = "".join(chr(ord("０") + int(d)) for d in code_for(enrolled))
    assert client.post("/court/sign-in/code/", {"code": shown(wide, " ")}).status_code == 302


def test_a_lawyer_s_code_with_a_space_opens_my_cases(db):
    user = User.objects.create_user("rosa.defensora", password="otra-clave-larga-2026")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    first = client.post(
        "/my/sign-in/", {"username": "rosa.defensora", "password": "otra-clave-larga-2026"}
    )
    assert first.status_code == 302
    second = client.post(first["Location"], {"code": shown(code_for(device), " ")})
    assert second.status_code == 302
    assert second["Location"] == "/my/"
    assert client.get("/my/").status_code == 200


@pytest.mark.parametrize(
    "typed", ["", "12ab56", "12345", "1234567", "123 45", "123.456", "123_456", "12/34/56"]
)
def test_anything_but_six_digits_is_refused_with_the_same_message(client, enrolled, typed):
    sign_in(client)
    response = client.post("/court/sign-in/code/", {"code": typed}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert SIX_DIGITS in response.content.decode()
    assert client.get("/court/").status_code == 302
    # then the code as the app shows it is taken (a refusal is not counted as a wrong code)
    again = client.post("/court/sign-in/code/", {"code": shown(code_for(enrolled), " ")})
    assert again.status_code == 302
