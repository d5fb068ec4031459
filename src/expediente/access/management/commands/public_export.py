from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Court
from expediente.portal.public.export import public_export
from expediente.progress import reporter


class Command(BaseCommand):
    help = (
        "Write a court's public cases, as the public portal shows them, to a JSON-lines "
        "file: `expediente public_export --court C --out FOLDER [--name FILE]` (safe to "
        "re-run and to interrupt)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--court", required=True, help="the court's code")
        parser.add_argument("--out", required=True, help="an existing folder")
        parser.add_argument("--name", help="the file name (default <court>-public.jsonl)")

    def handle(self, *args: Any, **options: Any) -> None:
        court = Court.objects.filter(code=options["court"]).first()
        if court is None:
            raise CommandError(f"--court: no court {options['court']!r}")
        folder = Path(options["out"])
        if not folder.is_dir():
            raise CommandError(f"--out: {folder} is not a folder")
        name = options["name"] or f"{court.code}-public.jsonl"
        try:
            path, count = public_export(
                court=court,
                folder=folder,
                name=name,
                now=timezone.now(),
                progress=reporter("cases"),
            )
        except InvalidInput as exc:
            raise CommandError(f"--{exc.message}") from exc
        self.stdout.write(f"{count} public cases written to {path}")
