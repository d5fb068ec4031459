"""``expediente rebuild``: replay the event log into every projection; with ``--check``,
change nothing and name each row a rebuild would change: the projection, the row's
natural key and each differing column with its live and its rebuilt value, one per line
(``case 26-000036-0042-PE: stage live 'trial', rebuilt 'investigation'``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from expediente.docket.rebuild import rebuild
from expediente.progress import reporter

SHOWN = 50  # rows of differences printed; the count says how many there are in all


class Command(BaseCommand):
    help = (
        "Rebuild every projection from the event log. With --check, change nothing, name "
        "each differing row (projection, natural key, column, live and rebuilt values) and "
        "exit 1 if the live state differs from a rebuild. Runs in one transaction, while "
        "new entries wait for it: interrupting it leaves the database as it was."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help=(
                "change nothing; print each column a rebuild would change, as "
                "'PROJECTION KEY: COLUMN live VALUE, rebuilt VALUE', and exit 1 if any"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = rebuild(check=options["check"], progress=reporter("events replayed"))
        except KeyboardInterrupt as exc:
            raise CommandError(
                "interrupted: nothing was changed (the rebuild runs in one transaction)",
                returncode=130,
            ) from exc
        if options["check"]:
            if result.differences:
                for diff in result.differences[:SHOWN]:
                    for line in diff.lines():
                        self.stderr.write(line)
                hidden = len(result.differences) - SHOWN
                if hidden > 0:
                    self.stderr.write(f"… and {hidden} more row(s) not shown")
                raise CommandError(
                    f"{len(result.differences)} projection row(s) differ from a rebuild "
                    f"of {result.events} events"
                )
            self.stdout.write(
                f"ok: {result.cases} cases, {result.events} events; the live projections "
                "equal a rebuild"
            )
        else:
            self.stdout.write(f"rebuilt {result.cases} cases from {result.events} events")
