"""Accounts that act for a system or a command: a prosecution office's API token, an
import, the demo generator. They never sign in through a form: no password.

A new account's username is held to the rules Django's own forms apply
(``User.username_validator``: letters, digits and ``@ . + - _``; at most the field's
``max_length``), so a command cannot make one the admin and the sign-in form refuse,
nor one PostgreSQL refuses with a traceback (SQLite stores any length)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from expediente.access.models import User


class AccountError(ValueError):
    """A username a new account cannot have: the message says the rule."""


def check_username(username: str) -> None:
    """Refuse an empty username, one longer than the field holds, or one with a
    character Django's username validator refuses (a space, a slash, …)."""
    if not username:
        raise AccountError("is empty: give the account's username")
    limit = User._meta.get_field("username").max_length or 0
    if len(username) > limit:
        raise AccountError(f"is {len(username)} characters long; a username has at most {limit}")
    try:
        User.username_validator(username)
    except ValidationError:
        raise AccountError(
            f"{username!r} is not a username: use letters, digits and @ . + - _ only "
            f"(no spaces, slashes or other signs), at most {limit} characters"
        ) from None


def system_account(username: str, *, create: bool = False) -> User | None:
    """The account named ``username``; if there is none and ``create``, a new system
    account with no usable password (``AccountError``, before anything is written, if
    ``check_username`` refuses the name); None if there is none and not ``create``."""
    user = User.objects.filter(username=username).first()
    if user is None and create:
        check_username(username)
        user = User(username=username, is_system=True)
        user.set_unusable_password()
        user.save()
    return user
