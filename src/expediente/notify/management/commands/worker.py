"""``expediente worker``: send queued notifications (email, SMS, webhooks), with retries.

Runs until stopped (SIGTERM or Ctrl-C finish the message being sent, give back the rest
of the batch and exit); ``--once`` sends what is due and exits (for tests and cron).
Several workers may run at once on PostgreSQL; on SQLite run one.

Running (not ``--once``), it also runs the deadline sweep every ``--sweep-every``
seconds (``NOTIFY_SWEEP_SECONDS``, 60 by default; 0 turns it off, for a site that runs
``expediente deadlines sweep`` from cron instead), and takes the docket's new entries
into the Merkle log and signs a checkpoint every ``--checkpoint-every`` seconds
(``EXPEDIENTE_CHECKPOINT_SECONDS``, 300 by default, and once at start; 0 turns it off,
for a site that runs ``expediente checkpoint`` from cron), and every ``--feed-every``
seconds (``EXPEDIENTE_FEED_SECONDS``, 5 by default; 0 turns it off) takes the newest
entries into the log and sends the agencies' webhooks their pages of the feed.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from expediente.notify.worker import run, worker_name


class Command(BaseCommand):
    help = "Send queued notifications, retrying with backoff; --once sends what is due and exits."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="send what is due, then exit")
        parser.add_argument("--batch", type=int, default=20, help="deliveries claimed at a time")
        parser.add_argument("--poll", type=float, default=2.0, help="seconds between looks")
        parser.add_argument("--name", default="", help="this worker's name in the logs")
        parser.add_argument(
            "--sweep-every",
            type=float,
            default=None,
            help="seconds between deadline sweeps (default NOTIFY_SWEEP_SECONDS, 60; 0: none)",
        )
        parser.add_argument(
            "--checkpoint-every",
            type=float,
            default=None,
            help=(
                "seconds between checkpoints of the Merkle log (default "
                "EXPEDIENTE_CHECKPOINT_SECONDS, 300; 0: none)"
            ),
        )

        parser.add_argument(
            "--feed-every",
            type=float,
            default=None,
            help=(
                "seconds between feed turns: new entries into the log, agencies' webhooks "
                "sent (default EXPEDIENTE_FEED_SECONDS, 5; 0: none)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = {"yes": False}
        name = options["name"] or worker_name()

        def on_signal(signum: int, frame: FrameType | None) -> None:
            if stopping["yes"]:
                sys.exit(1)  # a second Ctrl-C: stop now, leases will expire
            stopping["yes"] = True
            self.stderr.write(f"{name}: stopping after the current message")

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        self.stderr.write(
            f"{name}: delivering notifications" + (" (once)" if options["once"] else "")
        )
        every = options["sweep_every"]
        if every is None:
            every = float(getattr(settings, "NOTIFY_SWEEP_SECONDS", 60))
        signing = options["checkpoint_every"]
        if signing is None:
            signing = float(settings.EXPEDIENTE_CHECKPOINT_SECONDS)
        feed = options["feed_every"]
        if feed is None:
            feed = float(settings.EXPEDIENTE_FEED_SECONDS)
        tally = run(
            sweep_every=0.0 if options["once"] else max(0.0, every),
            checkpoint_every=0.0 if options["once"] else max(0.0, signing),
            feed_every=0.0 if options["once"] else max(0.0, feed),
            worker=name,
            once=options["once"],
            batch=max(1, options["batch"]),
            poll=max(0.1, options["poll"]),
            stop=lambda: stopping["yes"],
            log=lambda line: self.stderr.write(line),
        )
        self.stdout.write(f"{name}: done: {tally}")
