"""``expediente checkpoint``: take every docket entry not yet in the Merkle log into it
and sign a checkpoint of the log (``integrity/log.py``). The worker does the same every
``EXPEDIENTE_CHECKPOINT_SECONDS``; this command is for cron, for tests and for a first
run over a large docket, which shows its progress.

Ctrl-C or SIGTERM stop it after the batch being written (a second one at once): the
entries already taken in stay, no checkpoint is signed, and running it again goes on.
Safe to run at any time and as often as wanted: one run writes at a time (another one
running is said so), and a log that did not grow gets no new checkpoint.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from expediente.integrity.log import checkpoint_run
from expediente.progress import reporter


class Command(BaseCommand):
    help = "Take new docket entries into the Merkle log and sign a checkpoint."

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = {"yes": False}

        def on_signal(signum: int, frame: FrameType | None) -> None:
            if stopping["yes"]:
                sys.exit(130 if signum == signal.SIGINT else 143)
            stopping["yes"] = True
            self.stderr.write("stopping after the batch being written")

        previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            run = checkpoint_run(
                now=timezone.now,
                stop=lambda: stopping["yes"],
                progress=reporter("entries taken into the log"),
            )
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
        if run.busy:
            raise CommandError(
                f"another checkpoint run is writing the log ({run.appended} entries taken in "
                "by this one): run again once it is done"
            )
        if stopping["yes"]:
            raise CommandError(
                f"stopped: {run.appended} entries taken into the log, no checkpoint signed; "
                "run again to go on"
            )
        self.stdout.write(f"{run.appended} entries taken into the log")
        if run.checkpoint is None:
            self.stdout.write("no new checkpoint: the log did not grow since the last one")
        else:
            cp = run.checkpoint
            when = f"{cp.signed_at:%Y-%m-%d %H:%M:%S} UTC"
            self.stdout.write(f"checkpoint {cp.size} signed at {when} by {cp.key_id}")
