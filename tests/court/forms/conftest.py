"""Signed-in workspace clients: a clerk of the court (María), its judge, its court
administrator, and a clerk of another court (for whom this court's cases do not exist)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import Membership, User
from expediente.docket.models import Court
from tests.court.conftest import PASSWORD, code_for, sign_in


def signed_in(user: User) -> Client:
    """A browser in English that signed in as this user, password then code."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user.username)
    response = client.post("/court/sign-in/code/", {"code": code_for(device)})
    assert response.status_code == 302, "the second step failed"
    return client


def member(username: str, court: Court, role: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    Membership.objects.create(user=user, court=court, role=role)
    return user


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Signing in is not what these tests are about: hash passwords cheaply."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_client(staff_user: User) -> Client:
    """María, a clerk of the court, signed in."""
    return signed_in(staff_user)


@pytest.fixture
def judge_client(court: Court) -> Client:
    return signed_in(member("jorge.judge", court, "judge"))


@pytest.fixture
def court_admin_client(court: Court) -> Client:
    return signed_in(member("ana.admin", court, "court_admin"))


@pytest.fixture
def other_clerk_client(other_court: Court) -> Client:
    return signed_in(member("luis.cartago", other_court, "clerk"))
