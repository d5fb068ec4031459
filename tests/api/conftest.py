"""API fixtures beyond the personas of tests/conftest.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from expediente.access.models import ApiToken, User
from expediente.access.tokens import token_create
from expediente.docket.models import Case, Court


@pytest.fixture
def make_client(court: Court) -> Callable[..., tuple[Client, ApiToken]]:
    """make_client(scopes, courts=None, expires_at=None, user="api-extra", agency="other")
    -> (client, token)"""

    def make(
        scopes: list[str],
        courts: list[str] | None = None,
        expires_at: dt.datetime | None = None,
        user: str = "api-extra",
        agency: str = "other",
    ) -> tuple[Client, ApiToken]:
        owner = User.objects.get_or_create(username=user, defaults={"is_system": True})[0]
        token, secret = token_create(
            user=owner,
            name=f"{user} token",
            scopes=scopes,
            courts=courts,
            expires_at=expires_at,
            agency=agency,
        )
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}"), token

    return make


@pytest.fixture
def api_writer(make_client: Callable[..., tuple[Client, ApiToken]]) -> Client:
    """A token with cases:write but not cases:read."""
    return make_client(["cases:write"], user="api-writer")[0]


@pytest.fixture
def case_url(accused_case: Case) -> str:
    return f"/api/v1/cases/{accused_case.nuid}"
