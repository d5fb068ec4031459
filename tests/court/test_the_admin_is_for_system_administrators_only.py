"""Django admin: system administrators only; court staff never reach it, and nobody can
add, change or delete an event there."""

from __future__ import annotations

import pytest
from django.test import Client

from expediente.docket.models import Event
from tests.court.conftest import PASSWORD, code_for, password_only, sign_in
from tests.court.pages.conftest import signed_in, staff

ADMIN_PAGES = ["/admin/", "/admin/docket/event/", "/admin/access/user/", "/admin/login/"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clerk_client(staff_user) -> Client:
    """María, clerk of the court, signed in with password and code."""
    return signed_in(staff_user.username)


def test_a_system_administrator_with_only_a_password_is_asked_for_the_code(root):
    client = password_only(root)
    for url in ("/admin/", "/admin/docket/event/", "/admin/login/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/court/sign-in/code/?next=")


def test_a_wrong_code_keeps_the_administrator_out(root):
    client = password_only(root)
    to_code = client.get("/admin/docket/event/")
    wrong = f"{(int(code_for(root)) + 1) % 1_000_000:06d}"
    assert client.post(to_code["Location"], {"code": wrong}).status_code == 200
    assert client.get("/admin/docket/event/").status_code == 302


@pytest.fixture
def event(accused_case) -> Event:
    return Event.objects.filter(case=accused_case).order_by("seq").last()


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_a_signed_in_clerk_gets_a_404_for_every_admin_page(clerk_client, url):
    assert clerk_client.get(url).status_code == 404


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_a_judge_flagged_as_staff_still_gets_a_404(court, url):
    judge = staff("esteban.judge", court, "judge")
    judge.is_staff = True
    judge.save()
    assert signed_in("esteban.judge").get(url).status_code == 404


def test_staff_who_are_not_administrators_cannot_sign_in_to_the_admin(court):
    clerk = staff("luisa.clerk", court, "clerk")
    clerk.is_staff = True
    clerk.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/admin/login/", {"username": "luisa.clerk", "password": PASSWORD})
    assert response.status_code == 200
    assert "Enter the user name and password of a system administrator" in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still signed out: to the sign-in form


def test_someone_signed_out_is_sent_to_the_sign_in_form(db):
    response = Client().get("/admin/docket/event/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_a_password_signed_in_clerk_without_the_second_factor_gets_a_404(staff_user):
    client = Client()
    sign_in(client)  # password only: the workspace still asks for the code
    assert client.get("/court/").status_code == 302
    assert client.get("/admin/").status_code == 404


def test_a_system_administrator_reads_the_event_log(system_admin, event):
    assert system_admin.get("/admin/").status_code == 200
    listing = system_admin.get("/admin/docket/event/")
    assert listing.status_code == 200
    assert event.case.nuid in listing.content.decode()
    shown = system_admin.get(f"/admin/docket/event/{event.pk}/change/")
    assert shown.status_code == 200
    assert 'name="_save"' not in shown.content.decode()


def test_events_cannot_be_added_changed_or_deleted_in_the_admin(system_admin, event):
    before = list(Event.objects.order_by("pk").values_list("pk", "payload", "hash"))
    assert system_admin.get("/admin/docket/event/add/").status_code == 403
    changed = system_admin.post(
        f"/admin/docket/event/{event.pk}/change/", {"type": "note.added", "payload": "{}"}
    )
    assert changed.status_code == 403
    assert (
        system_admin.post(f"/admin/docket/event/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    bulk = system_admin.post(
        "/admin/docket/event/", {"action": "delete_selected", "_selected_action": [event.pk]}
    )
    assert bulk.status_code in (200, 302)
    assert list(Event.objects.order_by("pk").values_list("pk", "payload", "hash")) == before


def test_the_event_list_offers_no_bulk_delete(system_admin, event):
    html = system_admin.get("/admin/docket/event/").content.decode()
    assert "delete_selected" not in html
