import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from expediente.access.models import ApiToken, User
from expediente.access.tokens import TokenError, token_authenticate, token_create, token_revoke


@pytest.fixture
def system(db):
    return User.objects.create(username="fiscalia", is_system=True)


def test_a_token_authenticates_by_its_secret_and_stores_only_a_digest(system):
    token, secret = token_create(user=system, name="Fiscalía", scopes=["cases:read"])
    assert secret.startswith("exp_")
    assert secret not in (token.digest, token.prefix)
    assert token_authenticate(secret) == token
    assert token_authenticate(secret + "x") is None


def test_a_revoked_token_no_longer_authenticates(system):
    token, secret = token_create(user=system, name="x", scopes=["cases:read"])
    token_revoke(token=token)
    assert token_authenticate(secret) is None


def test_an_expired_token_no_longer_authenticates(system):
    _, secret = token_create(
        user=system,
        name="x",
        scopes=["cases:read"],
        expires_at=timezone.now() - dt.timedelta(seconds=1),
    )
    assert token_authenticate(secret) is None


def test_a_token_of_a_deactivated_account_no_longer_authenticates(system):
    _, secret = token_create(user=system, name="x", scopes=["cases:read"])
    system.is_active = False
    system.save()
    assert token_authenticate(secret) is None


def test_unknown_scopes_are_refused(system):
    with pytest.raises(TokenError, match="unknown scope"):
        token_create(user=system, name="x", scopes=["cases:delete"])
    assert not ApiToken.objects.exists()


def test_the_command_prints_the_secret_once(db, capsys):
    call_command(
        "token",
        "create",
        "--user",
        "prison-system",
        "--create-user",
        "--name",
        "Prisons",
        "--scope",
        "cases:read",
        "--court",
        "sj-penal",
    )
    out = capsys.readouterr().out.splitlines()
    secret = out[-1]
    token = token_authenticate(secret)
    assert token is not None
    assert token.courts == ["sj-penal"]
    assert token.user.is_system


def test_the_command_refuses_an_unknown_account_without_create_user(db):
    with pytest.raises(CommandError, match="no account 'ghost'"):
        call_command("token", "create", "--user", "ghost", "--name", "x")


def test_the_command_refuses_an_unknown_scope(db):
    with pytest.raises(CommandError, match="unknown scope"):
        call_command(
            "token",
            "create",
            "--user",
            "x",
            "--create-user",
            "--name",
            "x",
            "--scope",
            "everything",
        )
