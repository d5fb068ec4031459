"""Signed-in staff clients for the reading pages, and helpers to build cases.

Personas: ``clerk_client`` (María, clerk of the San José court), ``judge_client``
(Esteban, judge there), ``outsider_client`` (a clerk of the Cartago court). Every page is
asked for in English so the tests read the source strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import Membership, User
from expediente.docket.models import Case, Court
from tests.conftest import NOW
from tests.court.conftest import PASSWORD, code_for, sign_in


def signed_in(username: str) -> Client:
    """A client that has signed in as ``username`` with password and TOTP code."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    user = User.objects.get(username=username)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    sign_in(client, username)
    response = client.post("/court/sign-in/code/", {"code": code_for(device)})
    assert response.status_code == 302, "the second step did not sign in"
    return client


def staff(username: str, court: Court, role: str, full_name: str = "") -> User:
    given, _, family = full_name.partition(" ")
    user = User.objects.create_user(username, password=PASSWORD, first_name=given, last_name=family)
    Membership.objects.create(user=user, court=court, role=role)
    return user


@pytest.fixture
def clerk_client(staff_user: User) -> Client:
    return signed_in(staff_user.username)


@pytest.fixture
def judge_user(court: Court) -> User:
    return staff("esteban.judge", court, "judge", "Esteban Vargas Solano")


@pytest.fixture
def judge_client(judge_user: User) -> Client:
    return signed_in(judge_user.username)


@pytest.fixture
def outsider_client(other_court: Court) -> Client:
    staff("carla.cartago", other_court, "clerk", "Carla Mora")
    return signed_in("carla.cartago")


@pytest.fixture
def page() -> Callable[..., str]:
    """page(client, url, **params): the HTML of a page that must answer 200."""

    def get(client: Client, url: str, **params: Any) -> str:
        response = client.get(url, params)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        return response.content.decode()

    return get


@pytest.fixture
def at() -> Callable[..., dt.datetime]:
    """at(days_before_now, hour=10): a past moment to record events at."""

    def moment(days: float, hour: int = 10) -> dt.datetime:
        return (NOW - dt.timedelta(days=days)).replace(hour=hour, minute=0)

    return moment


def case_url(case: Case) -> str:
    return f"/court/cases/{case.nuid}/"


@pytest.fixture(autouse=True)
def quick_passwords(settings: Any) -> None:
    """Sign-in is not what these tests are about: hash test passwords cheaply."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
