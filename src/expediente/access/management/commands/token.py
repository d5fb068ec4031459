"""``expediente token``: issue, list and revoke API tokens.

``create`` prints the secret once. It refuses, naming the option and the rule, and
creating nothing (not even the account ``--create-user`` asks for): an unknown
``--agency``, an unknown ``--scope``, a ``--court`` code no court has (matched exactly,
as the API matches a case's court: ``SJ-PENAL`` and ``"sj-penal "`` are not
``sj-penal``; the close one is suggested), a ``--name`` longer than the field holds or
with a tab, a line break or another control character in it, and, for an account it
is to create, a ``--user`` Django's username rules refuse (empty, too long, a space, a
slash: ``access.accounts.check_username``). Without ``--scope`` the token gets
``cases:read`` only, and the command says so. ``list`` shows every token with what
decides what it reads (scopes, courts, agency) and whether it is live, and warns about
the tokens that read every side's petitions because they name no agency (issued before
tokens named one, or without ``--agency``): re-issue those for the agency they serve.
``revoke ID`` stops a token (every server process refuses it within
``EXPEDIENTE_TOKEN_CACHE_SECONDS``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from expediente.access.accounts import AccountError, system_account
from expediente.access.capabilities import SCOPES
from expediente.access.models import Agency, ApiToken
from expediente.access.tokens import (
    DEFAULT_SCOPES,
    TokenError,
    check_courts,
    check_name,
    check_scopes,
    is_control,
    token_create,
    token_revoke,
)


class Command(BaseCommand):
    help = (
        "API tokens. `expediente token create --user U --name N --scope cases:read "
        "--court sj-penal --agency public_defence …` (without --scope: cases:read only)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="issue a token; its secret is shown once")
        create.add_argument("--user", required=True, help="the account the token acts for")
        create.add_argument("--name", required=True, help="what the token is for")
        create.add_argument(
            "--scope",
            action="append",
            default=[],
            dest="scopes",
            help=(
                f"repeatable; one of {sorted(SCOPES)}; without any, the token gets "
                f"{', '.join(DEFAULT_SCOPES)} only (and the command says so)"
            ),
        )
        create.add_argument(
            "--court",
            action="append",
            default=[],
            dest="courts",
            help=(
                "limit to a court code (repeatable), exactly as the court has it (an "
                "unknown code is refused with the codes there are); default every court"
            ),
        )
        create.add_argument(
            "--agency",
            default=Agency.OTHER.value,
            help=(
                f"the kind of institution whose system uses the token, one of "
                f"{list(Agency.values)}; it decides what of a case the system reads "
                f"(docs/privacy.md); default {Agency.OTHER.value!r}"
            ),
        )
        create.add_argument(
            "--create-user",
            action="store_true",
            help="create the account as a system account if it does not exist",
        )

        listing = sub.add_parser("list", help="every token, live ones first; no secrets")
        listing.add_argument("--all", action="store_true", help="also revoked and expired tokens")
        revoke = sub.add_parser("revoke", help="stop a token for good")
        revoke.add_argument("id", help="the token's number, as `token list` shows it")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list(show_all=options["all"])
            return
        if options["action"] == "revoke":
            self._revoke(options["id"])
            return
        agency = options["agency"]
        if agency not in Agency.values:
            raise CommandError(
                f"--agency: unknown agency {agency!r}; use one of {list(Agency.values)}"
            )
        defaulted = not options["scopes"]
        scopes = options["scopes"] or list(DEFAULT_SCOPES)
        checks: tuple[tuple[str, Callable[[Any], None], Any], ...] = (
            ("--scope", check_scopes, scopes),
            ("--court", check_courts, options["courts"]),
            ("--name", check_name, options["name"]),
        )
        for option, check, given in checks:
            try:
                check(given)
            except TokenError as exc:
                raise CommandError(f"{option}: {exc}") from exc
        username = options["user"]
        try:
            with transaction.atomic():  # a refusal leaves no account behind either
                try:  # the username is checked before the account is written
                    user = system_account(username, create=options["create_user"])
                except AccountError as exc:
                    raise CommandError(f"--user: {exc}") from exc
                if user is None:
                    raise CommandError(
                        f"--user: no account {username!r} (use --create-user for a system)"
                    )
                token, secret = token_create(
                    user=user,
                    name=options["name"],
                    scopes=scopes,
                    courts=options["courts"],
                    agency=agency,
                )
        except TokenError as exc:
            raise CommandError(str(exc)) from exc
        if defaulted:
            self.stderr.write(
                f"no --scope given: the token has {', '.join(DEFAULT_SCOPES)} only "
                "(give --scope for each scope its system needs)"
            )
        self.stdout.write(
            f"token {token.name!r} for {user.username}, scopes {token.scopes}, "
            f"courts {','.join(token.courts) or 'every court'}, agency {token.agency}"
        )
        self.stdout.write(secret)

    def _list(self, *, show_all: bool) -> None:
        now = timezone.now()
        tokens = ApiToken.objects.select_related("user").order_by("pk")
        if not show_all:
            tokens = tokens.filter(revoked_at__isnull=True).filter(
                Q(expires_at__isnull=True) | Q(expires_at__gt=now)
            )
        unnamed = 0
        for token in tokens:
            state = _state(token, now)
            courts = ",".join(token.courts) or "every court"
            last = token.last_used_at
            used = last.isoformat(timespec="minutes") if last else "never"
            self.stdout.write(
                f"{token.pk}\t{token.prefix}…\t{_cell(token.name)}\t"
                f"user {_cell(token.user.username)}\t"
                f"agency {token.agency}\tscopes {','.join(token.scopes)}\t{courts}\t"
                f"last used {used}\t{state}"
            )
            if state == "live" and token.agency == Agency.OTHER and "cases:read" in token.scopes:
                unnamed += 1
        if unnamed:
            self.stderr.write(
                f"{unnamed} live token(s) with cases:read name no agency: they read every "
                "side's petitions, as a prosecution's would. Issue each system a token for "
                "the agency it serves (token create --agency …), then revoke the old one."
            )

    def _revoke(self, given: str) -> None:
        if not given.isdigit():
            raise CommandError(f"id: {given!r} is not a token's number (see `token list`)")
        token = ApiToken.objects.filter(pk=int(given)).first()
        if token is None:
            raise CommandError(f"id: no token {given} (see `token list`)")
        if token.revoked_at is not None:
            self.stdout.write(f"token {token.pk} ({token.name!r}) was revoked already")
            return
        token_revoke(token=token)
        self.stdout.write(f"token {token.pk} ({token.name!r}) revoked")


def _state(token: ApiToken, now: Any) -> str:
    if token.revoked_at is not None:
        return "revoked " + token.revoked_at.isoformat(timespec="minutes")
    if token.expires_at is not None and token.expires_at <= now:
        return "expired " + token.expires_at.isoformat(timespec="minutes")
    return "live"


def _cell(text: str) -> str:
    """``text`` as one tab-separated cell: a tab, a line break or another control
    character in a name stored before names were checked is shown escaped (``\\t``)."""
    return "".join(repr(char)[1:-1] if is_control(char) else char for char in text)
