import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

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


def test_the_command_prints_the_secret_once(court, capsys):
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


# --- the agency a token serves (access.models.Agency) ------------------------------------


def test_a_token_serves_another_institution_unless_told_which(system, capsys):
    token, _ = token_create(user=system, name="x", scopes=["cases:read"])
    assert token.agency == "other"  # as every token issued before agencies were recorded
    call_command("token", "create", "--user", "fiscalia", "--name", "y")
    assert ApiToken.objects.get(name="y").agency == "other"
    assert "agency other" in capsys.readouterr().out


def test_the_command_records_the_agency_it_is_given(system, capsys):
    call_command(
        "token", "create", "--user", "fiscalia", "--name", "Defensa", "--agency", "public_defence"
    )
    token = ApiToken.objects.get(name="Defensa")
    assert token.agency == "public_defence"
    with translation.override("en"):
        assert token.get_agency_display() == "Public defence office"
    secret = capsys.readouterr().out.splitlines()[-1]
    assert token_authenticate(secret) == token


def test_the_command_refuses_an_unknown_agency_by_name_and_writes_nothing(db):
    with pytest.raises(CommandError) as refused:
        call_command(
            "token",
            "create",
            "--user",
            "new-system",
            "--create-user",
            "--name",
            "x",
            "--agency",
            "nonsense",
        )
    message = str(refused.value)
    assert "--agency" in message
    assert "'nonsense'" in message
    for allowed in ("prosecution", "public_defence", "private_defence", "police", "prison"):
        assert allowed in message
    assert not ApiToken.objects.exists()
    assert not User.objects.filter(username="new-system").exists()


def test_token_create_refuses_an_unknown_agency(system):
    with pytest.raises(TokenError, match="unknown agency 'defence'"):
        token_create(user=system, name="x", scopes=["cases:read"], agency="defence")
    assert not ApiToken.objects.exists()


def test_the_agencies_a_token_may_serve_are_those_the_rule_packs_name():
    from expediente.access.models import Agency
    from expediente.rules.schema import API_AGENCIES

    assert tuple(Agency.values) == API_AGENCIES


def test_the_command_lists_live_tokens_and_warns_of_those_naming_no_agency(system, capsys):
    fiscalia, _ = token_create(
        user=system, name="Fiscalía", scopes=["cases:read"], agency="prosecution"
    )
    old, _ = token_create(user=system, name="Sistema viejo", scopes=["cases:read"])
    gone, _ = token_create(user=system, name="Retirado", scopes=["cases:read"])
    token_revoke(token=gone)
    call_command("token", "list")
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert [line.split("\t")[2] for line in lines] == ["Fiscalía", "Sistema viejo"]
    assert "agency prosecution" in lines[0]
    assert lines[1].endswith("live")
    assert "1 live token(s) with cases:read name no agency" in out.err
    call_command("token", "list", "--all")
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in listed] == [str(fiscalia.pk), str(old.pk), str(gone.pk)]
    assert "\trevoked " in listed[2]


def test_the_command_revokes_a_token_by_its_number(system, capsys):
    token, secret = token_create(user=system, name="x", scopes=["cases:read"])
    assert token_authenticate(secret) is not None
    call_command("token", "revoke", str(token.pk))
    assert "revoked" in capsys.readouterr().out
    assert token_authenticate(secret) is None
    call_command("token", "revoke", str(token.pk))
    assert "revoked already" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("given", "said"), [("abc", "is not a token's number"), ("999", "no token 999")]
)
def test_the_command_refuses_to_revoke_what_is_not_a_token(system, given, said):
    token, _ = token_create(user=system, name="x", scopes=["cases:read"])
    with pytest.raises(CommandError, match=f"id: .*{said}"):
        call_command("token", "revoke", given)
    token.refresh_from_db()
    assert token.revoked_at is None
