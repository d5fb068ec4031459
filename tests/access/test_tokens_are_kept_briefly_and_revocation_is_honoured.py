"""A server process keeps a token it has checked for EXPEDIENTE_TOKEN_CACHE_SECONDS:
revoking it there takes effect at once, revoking it elsewhere within that bound, and an
expiry always at once."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import override_settings
from django.utils import timezone

from expediente.access.models import ApiToken, User
from expediente.access.tokens import token_authenticate, token_create, token_revoke


@pytest.fixture
def system(db: None) -> User:
    return User.objects.create(username="prison-system", is_system=True)


def revoke_elsewhere(token: ApiToken) -> None:
    """What another process's token_revoke leaves in this one: the row changed, the
    process's own memory not."""
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())


def test_a_token_revoked_in_this_process_is_refused_at_once(system):
    token, secret = token_create(user=system, name="x", scopes=["cases:read"])
    assert token_authenticate(secret) is not None
    token_revoke(token=token)
    assert token_authenticate(secret) is None


@override_settings(EXPEDIENTE_TOKEN_CACHE_SECONDS=0.5)
def test_a_token_revoked_elsewhere_is_refused_once_the_bound_has_passed(system):
    token, secret = token_create(user=system, name="x", scopes=["cases:read"])
    assert token_authenticate(secret) is not None
    revoke_elsewhere(token)
    assert token_authenticate(secret) is not None  # still kept: the documented bound
    time.sleep(0.6)
    assert token_authenticate(secret) is None


@override_settings(EXPEDIENTE_TOKEN_CACHE_SECONDS=0)
def test_with_no_bound_a_token_revoked_elsewhere_is_refused_at_once(system):
    token, secret = token_create(user=system, name="x", scopes=["cases:read"])
    assert token_authenticate(secret) is not None
    revoke_elsewhere(token)
    assert token_authenticate(secret) is None


@override_settings(EXPEDIENTE_TOKEN_CACHE_SECONDS=60)
def test_a_kept_token_is_refused_as_soon_as_it_expires(system):
    _, secret = token_create(
        user=system,
        name="x",
        scopes=["cases:read"],
        expires_at=timezone.now() + dt.timedelta(seconds=0.5),
    )
    assert token_authenticate(secret) is not None
    time.sleep(0.6)
    assert token_authenticate(secret) is None


@override_settings(EXPEDIENTE_TOKEN_CACHE_SECONDS=60)
def test_a_refused_secret_is_not_kept(system):
    _, secret = token_create(user=system, name="x", scopes=["cases:read"])
    assert token_authenticate(secret + "x") is None
    assert token_authenticate(secret) is not None
