"""``expediente token create`` checks ``--name`` and, for an account it is to create,
``--user`` before it writes anything: an empty username, one with a space or a slash
(Django's username rules), a 200-character username or a 300-character name (accepted
whole by SQLite, a ``DataError`` traceback on PostgreSQL), and a name with a tab or a
line break (it split ``token list``'s line) are refused naming the option, the rule and
the limit, with no account and no token left behind."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from expediente.access.accounts import system_account
from expediente.access.models import ApiToken, User
from expediente.access.tokens import TokenError, token_create

USERNAME_LIMIT = User._meta.get_field("username").max_length  # 150
NAME_LIMIT = ApiToken._meta.get_field("name").max_length  # 100


def create(user: str, name: str) -> None:
    call_command(
        "token", "create", "--user", user, "--create-user", "--name", name, "--scope", "cases:read"
    )


def refused(user: str, name: str) -> str:
    with pytest.raises(CommandError) as caught:
        create(user, name)
    assert not ApiToken.objects.exists()
    assert User.objects.count() == 0
    return str(caught.value)


@pytest.mark.parametrize(
    ("user", "said"),
    [
        ("", "--user: is empty: give the account's username"),
        ("fiscalía central", "--user: 'fiscalía central' is not a username: use letters, digits"),
        ("oij/sistema", "--user: 'oij/sistema' is not a username: use letters, digits"),
        ("u" * 200, f"--user: is 200 characters long; a username has at most {USERNAME_LIMIT}"),
    ],
    ids=["empty", "a space", "a slash", "too long"],
)
def test_a_username_django_would_refuse_is_refused_and_no_account_made(db, user, said):
    message = refused(user, "Fiscalía")
    assert message.startswith(said), message
    if "is not a username" in said:
        assert f"at most {USERNAME_LIMIT} characters" in message


def test_a_name_longer_than_the_field_holds_is_refused(db):
    message = refused("fiscalia", "n" * 300)
    assert message == f"--name: is 300 characters long; a token's name has at most {NAME_LIMIT}"


@pytest.mark.parametrize(
    ("name", "shown", "at"),
    [
        ("Fiscalía\tcentral", r"'\t'", 9),
        ("Fiscalía\ncentral", r"'\n'", 9),
        (" a\u2028b", r"'\u2028'", 3),
    ],
)
def test_a_name_with_a_tab_or_a_line_break_is_refused(db, name, shown, at):
    message = refused("fiscalia", name)
    assert message.startswith(
        f"--name: has a control character or line break ({shown}) at character {at}; "
    ), message


def test_the_longest_name_and_username_there_is_room_for_are_taken(db, capsys):
    create("u" * USERNAME_LIMIT, "n" * NAME_LIMIT)
    token = ApiToken.objects.get()
    assert token.name == "n" * NAME_LIMIT
    assert token.user.username == "u" * USERNAME_LIMIT
    assert token.user.is_system


def test_a_name_is_checked_before_the_account_is_looked_up(db):
    # no account and no --create-user: the name's fault is told first, as every option's
    with pytest.raises(CommandError, match=r"^--name: "):
        call_command("token", "create", "--user", "ghost", "--name", "a\tb")


def test_an_unknown_account_is_named_as_the_user_option(db):
    with pytest.raises(CommandError, match=r"^--user: no account 'ghost' \(use --create-user"):
        call_command("token", "create", "--user", "ghost", "--name", "x")


def test_an_existing_account_is_used_whatever_its_name(db, capsys):
    # an account made before usernames were checked still gets its tokens
    User.objects.create(username="sistema viejo", is_system=True)
    call_command("token", "create", "--user", "sistema viejo", "--create-user", "--name", "x")
    assert ApiToken.objects.get().user.username == "sistema viejo"


def test_the_services_refuse_the_same(db):
    from expediente.access.accounts import AccountError

    with pytest.raises(AccountError, match="is not a username"):
        system_account("a b", create=True)
    assert not User.objects.exists()
    user = system_account("fiscalia", create=True)
    assert user is not None
    with pytest.raises(TokenError, match="at most 100"):
        token_create(user=user, name="n" * 101, scopes=["cases:read"])
    with pytest.raises(TokenError, match="control character"):
        token_create(user=user, name="a\rb", scopes=["cases:read"])
    assert not ApiToken.objects.exists()


def test_a_name_stored_before_names_were_checked_keeps_token_list_one_line_a_token(db, capsys):
    user = User.objects.create(username="fiscalia", is_system=True)
    token, _ = token_create(user=user, name="ok", scopes=["cases:read"])
    ApiToken.objects.filter(pk=token.pk).update(name="tab\there\nnew")
    call_command("token", "list")
    (line,) = capsys.readouterr().out.splitlines()
    cells = line.split("\t")
    assert cells[2] == r"tab\there\nnew"
    assert cells[3] == "user fiscalia"
    assert cells[-1] == "live"
