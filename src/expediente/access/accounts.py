"""Accounts that act for a system or a command: a prosecution office's API token, an
import, the demo generator. They never sign in through a form: no password."""

from __future__ import annotations

from expediente.access.models import User


def system_account(username: str, *, create: bool = False) -> User | None:
    """The account named ``username``; if there is none and ``create``, a new system
    account with no usable password; None if there is none and not ``create``."""
    user = User.objects.filter(username=username).first()
    if user is None and create:
        user = User(username=username, is_system=True)
        user.set_unusable_password()
        user.save()
    return user
