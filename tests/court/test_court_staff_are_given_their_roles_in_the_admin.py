"""A system administrator gives an account its roles in courts (clerk, judge, court
administrator) on the account's admin page, and the account then works in the court's
workspace; an account that follows a participation (a participant's or a lawyer's) is
never made court staff or an administrator there: the page says why, on the field, and
nothing changes (the link itself refuses staff accounts: participant_codes.link_create)."""

from __future__ import annotations

import pytest

from expediente.access.models import Membership, ParticipantLink, User
from expediente.access.participant_codes import link_create
from tests.court.conftest import PASSWORD
from tests.court.pages.conftest import signed_in


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def account(db) -> User:
    return User.objects.create_user("ana.rojas", password="s3cret-Passw0rd!", first_name="Ana")


def change_form(client, user: User) -> dict[str, str]:
    """The account's change form as the administrator would submit it unchanged."""
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }


def given_role(court, role: str = "clerk") -> dict[str, str]:
    return {
        "memberships-0-court": str(court.pk),
        "memberships-0-role": role,
        "memberships-0-active": "on",
    }


def test_the_account_page_offers_roles_in_courts(system_admin, account, court):
    html = system_admin.get(f"/admin/access/user/{account.pk}/change/").content.decode()
    assert "Roles in courts" in html
    assert 'name="memberships-0-court"' in html
    assert court.name in html


def test_a_clerk_given_a_role_works_in_the_court(system_admin, account, court):
    response = system_admin.post(
        f"/admin/access/user/{account.pk}/change/",
        change_form(system_admin, account) | given_role(court),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=account)
    assert (membership.court, membership.role, membership.active) == (court, "clerk", True)
    account.set_password(PASSWORD)  # the workspace's sign-in helper's password
    account.save()
    assert signed_in(account.username).get("/court/").status_code == 200


@pytest.fixture
def lawyer(account, accused_case, court):
    clerk = User.objects.create_user("clerk.for.link", password="x")
    Membership.objects.create(user=clerk, court=court, role="clerk")
    link_create(user=account, case=accused_case, participant="P1", created_by=clerk, how="clerk")
    return account


def test_an_account_following_a_participant_is_not_made_court_staff(system_admin, lawyer, court):
    response = system_admin.post(
        f"/admin/access/user/{lawyer.pk}/change/",
        change_form(system_admin, lawyer) | given_role(court, "judge"),
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Esta cuenta sigue 1 participación en un expediente" in html
    assert not Membership.objects.filter(user=lawyer).exists()
    assert ParticipantLink.objects.filter(user=lawyer).count() == 1


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_nor_an_administrator(system_admin, lawyer, flag):
    response = system_admin.post(
        f"/admin/access/user/{lawyer.pk}/change/",
        change_form(system_admin, lawyer) | {flag: "on"},
    )
    assert response.status_code == 200
    assert "This account follows 1 participation in a case" in response.content.decode()
    lawyer.refresh_from_db()
    assert not getattr(lawyer, flag)


def test_an_inactive_role_may_be_kept_on_a_linked_account(system_admin, lawyer, court):
    # a former clerk who now follows a case as a lawyer keeps the record of the old role
    data = change_form(system_admin, lawyer) | given_role(court)
    del data["memberships-0-active"]
    response = system_admin.post(f"/admin/access/user/{lawyer.pk}/change/", data)
    assert response.status_code == 302
    assert Membership.objects.get(user=lawyer).active is False
