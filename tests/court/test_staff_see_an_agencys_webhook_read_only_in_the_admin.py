"""A system administrator sees agencies' webhooks in the admin, how their sending goes
and each page sent, and can change none of it; the hook's secret is never shown."""

from __future__ import annotations

import pytest
from django.utils import timezone

from expediente.access.models import User
from expediente.access.tokens import token_create
from expediente.notify.agency_hooks import hook_create
from expediente.notify.models import AgencyHook, AgencyHookAttempt

URL = "https://93.184.215.14/expediente/hook"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def hook(db) -> AgencyHook:
    owner = User.objects.create(username="fiscalia", is_system=True)
    token = token_create(user=owner, name="Fiscalía", scopes=["cases:read"])[0]
    made = hook_create(token=token, url=URL)[0]
    AgencyHook.objects.filter(pk=made.pk).update(failures=3, last_error="HTTP 503 Unavailable")
    AgencyHookAttempt.objects.create(
        hook=made,
        start=0,
        end=4,
        items=4,
        worker="w",
        started_at=timezone.now(),
        duration_ms=12,
        outcome="retry",
        error="HTTP 503 Unavailable",
    )
    return made


def test_the_administrator_reads_a_hook_and_its_attempts_without_its_secret(system_admin, hook):
    listing = system_admin.get("/admin/notify/agencyhook/")
    assert listing.status_code == 200
    assert URL in listing.content.decode()
    page = system_admin.get(f"/admin/notify/agencyhook/{hook.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "HTTP 503 Unavailable" in html
    assert hook.secret not in html
    assert 'name="_save"' not in html


def test_a_hook_cannot_be_changed_or_deleted_there(system_admin, hook):
    before = list(AgencyHook.objects.values_list("pk", "url", "active", "next_start"))
    changed = system_admin.post(f"/admin/notify/agencyhook/{hook.pk}/change/", {"url": "x"})
    assert changed.status_code == 403
    deleted = system_admin.post(f"/admin/notify/agencyhook/{hook.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    assert system_admin.get("/admin/notify/agencyhook/add/").status_code == 403
    assert list(AgencyHook.objects.values_list("pk", "url", "active", "next_start")) == before
