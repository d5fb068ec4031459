from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from expediente.custody.sweep import deadline_sweep
from expediente.progress import reporter


class Command(BaseCommand):
    help = (
        "Deadlines. `expediente deadlines sweep` raises an alert, once, for every deadline "
        "that is near or past (safe to run again and to interrupt)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sweep = sub.add_parser("sweep", help="turn near and passed deadlines into alerts")
        sweep.add_argument(
            "--now",
            type=_moment,
            help="sweep as at this moment (ISO 8601 with an offset); default: now",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = options["now"] or timezone.now()
        try:
            result = deadline_sweep(now=now, progress=reporter("deadlines swept"))
        except KeyboardInterrupt as exc:
            raise CommandError(
                "interrupted; the alerts raised so far are kept. Run the same command again "
                "to finish: no alert is raised twice."
            ) from exc
        if result.skipped:
            raise CommandError(
                "another sweep (a worker's) is running; it raises the same alerts. "
                "Try again in a few minutes."
            )
        since = f"since {result.since:%Y-%m-%d %H:%M} UTC" if result.since else "for the first time"
        self.stdout.write(
            f"swept {result.deadlines} deadline(s) {since}, up to "
            f"{result.until.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC: {result.raised} alert(s) raised"
        )


def _moment(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 date and time") from exc
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset; give one, e.g. 2026-03-02T09:00-06:00"
        )
    return moment
