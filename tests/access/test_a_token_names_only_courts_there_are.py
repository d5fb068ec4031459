"""``expediente token create`` refuses a --court no court has, names it, suggests the
near miss and lists the court codes there are, creates nothing (not even the account
--create-user asks for) and exits non-zero; without --scope it says the token only
reads."""

from __future__ import annotations

import argparse

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from expediente.access.management.commands.token import Command as TokenCommand
from expediente.access.models import ApiToken, User
from expediente.access.tokens import TokenError, token_authenticate, token_create


def create(*args: str) -> None:
    call_command("token", "create", "--user", "new-system", "--create-user", "--name", "x", *args)


@pytest.mark.parametrize(
    ("given", "suggested"),
    [
        ("nowhere", None),
        ("SJ-PENAL", "sj-penal"),  # the wrong case
        ("sj-penal ", "sj-penal"),  # a space pasted with it: not trimmed silently
        ("sj-penall", "sj-penal"),  # a typo
    ],
)
def test_an_unknown_court_is_refused_by_name_with_the_codes_there_are(
    court, other_court, given, suggested
):
    with pytest.raises(CommandError) as refused:
        create("--scope", "cases:read", "--court", given)
    message = str(refused.value)
    assert message.startswith("--court: ")
    assert f"unknown court {given!r}" in message
    assert "court codes: cartago-penal, sj-penal" in message
    if suggested:
        assert f"did you mean {suggested!r}?" in message
    else:
        assert "did you mean" not in message
    assert not ApiToken.objects.exists()
    assert not User.objects.filter(username="new-system").exists()


def test_one_unknown_court_among_real_ones_refuses_the_whole_token(court, other_court):
    with pytest.raises(CommandError, match="unknown court 'nowhere'"):
        create("--court", "sj-penal", "--court", "nowhere", "--court", "cartago-penal")
    assert not ApiToken.objects.exists()
    assert not User.objects.filter(username="new-system").exists()


def test_a_court_code_is_refused_when_there_are_no_courts_yet(db):
    with pytest.raises(CommandError, match="unknown court 'sj-penal': there are no courts yet"):
        create("--court", "sj-penal")
    assert not ApiToken.objects.exists()


def test_the_courts_given_exactly_are_recorded(court, other_court, capsys):
    create("--court", "sj-penal", "--court", "cartago-penal")
    out = capsys.readouterr().out.splitlines()
    token = token_authenticate(out[-1])
    assert token is not None
    assert token.courts == ["cartago-penal", "sj-penal"]
    assert "courts cartago-penal,sj-penal" in out[0]


def test_token_create_itself_refuses_an_unknown_court(court):
    user = User.objects.create(username="sistema", is_system=True)
    with pytest.raises(TokenError, match=r"unknown court 'SJ-PENAL' \(did you mean 'sj-penal'"):
        token_create(user=user, name="x", scopes=["cases:read"], courts=["SJ-PENAL"])
    assert not ApiToken.objects.exists()


def test_an_unknown_scope_is_refused_by_name_and_leaves_no_account(db):
    with pytest.raises(CommandError) as refused:
        create("--scope", "cases:everything")
    message = str(refused.value)
    assert message.startswith("--scope: unknown scope(s) ['cases:everything']")
    assert "cases:read" in message
    assert "cases:write" in message
    assert not User.objects.filter(username="new-system").exists()


def test_without_a_scope_the_command_says_the_token_only_reads(db, capsys):
    create()
    said = capsys.readouterr()
    assert "no --scope given: the token has cases:read only" in said.err
    assert ApiToken.objects.get().scopes == ["cases:read"]
    token = token_authenticate(said.out.splitlines()[-1])  # the secret is still last
    assert token is not None


def test_with_a_scope_the_command_says_nothing_of_a_default(db, capsys):
    create("--scope", "cases:write")
    said = capsys.readouterr()
    assert "no --scope given" not in said.err + said.out
    assert ApiToken.objects.get().scopes == ["cases:write"]


def test_the_help_says_what_a_token_without_a_scope_gets():
    parser = TokenCommand().create_parser("expediente", "token")
    (actions,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    flat = " ".join(actions.choices["create"].format_help().split())
    assert "without any, the token gets cases:read only" in flat
    assert "an unknown code is refused" in flat
