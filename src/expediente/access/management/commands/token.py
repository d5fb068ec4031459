from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from expediente.access.accounts import system_account
from expediente.access.capabilities import SCOPES
from expediente.access.models import Agency
from expediente.access.tokens import TokenError, token_create


class Command(BaseCommand):
    help = (
        "API tokens. `expediente token create --user U --name N --scope cases:read "
        "--agency public_defence …`"
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
            help=f"repeatable; one of {sorted(SCOPES)}",
        )
        create.add_argument(
            "--court",
            action="append",
            default=[],
            dest="courts",
            help="limit to a court code (repeatable); default every court",
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

    def handle(self, *args: Any, **options: Any) -> None:
        agency = options["agency"]
        if agency not in Agency.values:
            raise CommandError(
                f"--agency: unknown agency {agency!r}; use one of {list(Agency.values)}"
            )
        username = options["user"]
        user = system_account(username, create=options["create_user"])
        if user is None:
            raise CommandError(f"no account {username!r} (use --create-user for a system)")
        try:
            token, secret = token_create(
                user=user,
                name=options["name"],
                scopes=options["scopes"] or ["cases:read"],
                courts=options["courts"],
                agency=agency,
            )
        except TokenError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"token {token.name!r} for {user.username}, scopes {token.scopes}, "
            f"agency {token.agency}"
        )
        self.stdout.write(secret)
