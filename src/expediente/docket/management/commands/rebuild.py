from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from expediente.docket.rebuild import rebuild
from expediente.progress import reporter


class Command(BaseCommand):
    help = (
        "Rebuild every projection from the event log. With --check, change nothing and exit 1 "
        "if the live state differs from a rebuild. Runs in one transaction: interrupting it "
        "leaves the database as it was."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        result = rebuild(check=options["check"], progress=reporter("events replayed"))
        if options["check"]:
            if result.differences:
                for diff in result.differences[:50]:
                    self.stderr.write(str(diff))
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
