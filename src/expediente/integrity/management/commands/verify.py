from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from expediente.integrity.verify import verify_cases
from expediente.progress import reporter


class Command(BaseCommand):
    help = "Check every case's hash chain; exit 1 naming the case and seq of any broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        breaks = verify_cases(progress=reporter("cases verified"))
        if breaks:
            for b in breaks:
                self.stderr.write(f"BROKEN {b}")
            raise CommandError(f"{len(breaks)} case chain(s) broken")
        self.stdout.write("ok: every case's hash chain holds")
