"""A system administrator sees agencies' webhooks in the admin, how their sending goes
and each page sent, and can change none of it; the hook's secret is never shown."""

from __future__ import annotations

import re

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


def test_the_admin_shows_a_hooks_last_20_attempts_newest_first(system_admin, hook):
    """Attempts are kept (no retention yet): a hook failing for a week has ~170; its page
    shows the newest 20, and none of another hook's."""
    other = hook_create(token=hook.token, url=f"{URL}/other")[0]
    for n in range(1, 26):
        for which in (hook, other):
            AgencyHookAttempt.objects.create(
                hook=which,
                start=0,
                end=4,
                items=4,
                worker="w",
                started_at=timezone.now(),
                duration_ms=n,
                outcome="retry",
                error=f"HTTP 503 attempt {n:02d} of hook {which.pk}",
            )
    html = system_admin.get(f"/admin/notify/agencyhook/{hook.pk}/change/").content.decode()
    shown = re.findall(rf"HTTP 503 attempt (\d\d) of hook {hook.pk}", html)
    assert shown == [f"{n:02d}" for n in range(25, 5, -1)]
    assert f"of hook {other.pk}" not in html
    assert "Last 20 attempts, newest first" in html
