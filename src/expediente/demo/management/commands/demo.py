from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.demo.accounts import accounts_not_the_demos, current_code, demo_accounts
from expediente.demo.generator import generate
from expediente.demo.models import DemoRun
from expediente.demo.parallel import (
    TERMINATED,
    LoadFailed,
    Terminated,
    check_jobs,
    generate_in_parallel,
    stopping_on_sigterm,
)
from expediente.docket.models import Case, Court, Jurisdiction
from expediente.docket.rebuild import code_stamp, rebuild
from expediente.progress import reporter


def not_the_demos() -> str:
    """What the database holds that the demo did not make, in words, or "" when the demo
    may use it: a database it made (a demo run is recorded), or one with no case, court
    or jurisdiction and no account but the demo's own."""
    if DemoRun.objects.exists():
        return ""
    if Case.objects.exists():
        return "cases the demo did not make"
    # the generator records into courts by their code: a court's own, set up before its
    # first case, would take invented cases
    courts = list(Court.objects.order_by("code").values_list("code", flat=True)[:5])
    if courts:
        return "courts the demo did not make (" + ", ".join(courts) + ")"
    if Jurisdiction.objects.exists():
        return "jurisdictions the demo did not make"
    names = accounts_not_the_demos()
    if names:
        return "accounts the demo did not make (" + ", ".join(names) + ")"
    return ""


class Command(BaseCommand):
    help = (
        "Build a realistic, deterministic demo caseload through event_record. Safe to run "
        "again and to interrupt: the same seed continues the same caseload."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=300)
        parser.add_argument("--seed", type=int, default=2014)
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="processes recording cases at once (PostgreSQL only; the cases are the "
            "same, their numbers may come out in another order)",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if any demo run exists already"
        )
        parser.add_argument(
            "--accounts", action="store_true", help="only (re)create and print the demo accounts"
        )
        parser.add_argument(
            "--code",
            metavar="USER",
            help="print the current sign-in code of a demo account (admin or staff)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["code"]:
            try:
                self.stdout.write(current_code(options["code"]))
            except (ValueError, TOTPDevice.DoesNotExist) as exc:
                raise CommandError(
                    f"--code: {options['code']!r} is not a demo account; "
                    "run `expediente demo --accounts` first"
                ) from exc
            return
        if options["cases"] < 0 or options["cases"] > 2_000_000:
            raise CommandError("--cases: give a number from 0 to 2,000,000")
        try:
            check_jobs(options["jobs"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        foreign = not_the_demos()
        if foreign:
            if options["if_empty"]:  # `make run` on a database of its own: leave it be
                self.stdout.write(
                    f"The database already holds {foreign}: no demo data or accounts added."
                )
                return
            raise CommandError(
                f"this database holds {foreign}. The demo adds invented cases to the "
                "append-only record, where they stay for good, and accounts whose passwords "
                "it prints: it runs only on a database of its own (an empty one, or one it "
                "made; set DATABASE_URL). Nothing was written."
            )
        if not options["accounts"] and self._should_generate(options["if_empty"]):
            self._generate(options["cases"], options["seed"], options["jobs"])
        self.stdout.write(demo_accounts())

    def _should_generate(self, if_empty: bool) -> bool:
        if not if_empty:
            return True
        if DemoRun.objects.filter(completed_at__isnull=False).exists():
            self.stdout.write("The demo caseload is already loaded.")
            self._rebuild_if_code_changed()
            return False
        return True  # empty, or a demo run that was interrupted: finish it

    def _rebuild_if_code_changed(self) -> None:
        """A demo database kept from an earlier version (``make run`` again after an
        upgrade) has projections written by that version's code: deadline explanations
        in its languages and wording, for instance. They are rebuilt from the events
        once, so the demo shows what this version shows."""
        stamp = code_stamp()
        if not DemoRun.objects.exclude(built_with=stamp).exists():
            return
        self.stdout.write(
            "The code changed since the demo's projections were built: rebuilding them "
            "from the events (docket, detention clocks, deadlines, measures…)."
        )
        result = rebuild(progress=reporter("events replayed"))
        DemoRun.objects.update(built_with=stamp)
        self.stdout.write(f"rebuilt {result.cases} cases from {result.events} events")

    def _generate(self, cases: int, seed: int, jobs: int) -> None:
        run, created = DemoRun.objects.get_or_create(
            seed=seed, defaults={"anchor": timezone.now().replace(second=0, microsecond=0)}
        )
        anchor: dt.datetime = run.anchor
        self.stdout.write(
            f"{'Building' if created else 'Continuing'} the demo caseload: "
            f"{cases} cases, seed {run.seed}, up to {anchor:%Y-%m-%d %H:%M} UTC"
            + (f", {jobs} processes" if jobs > 1 else "")
        )
        try:
            with stopping_on_sigterm():
                if jobs > 1:
                    result = generate_in_parallel(
                        cases=cases,
                        seed=run.seed,
                        anchor=anchor,
                        jobs=jobs,
                        progress=reporter("cases"),
                    )
                else:
                    result = generate(
                        cases=cases, seed=run.seed, anchor=anchor, progress=reporter("cases")
                    )
        except LoadFailed as exc:
            raise CommandError(f"{exc}. Run the same command again to continue.") from exc
        except Terminated as exc:
            raise CommandError(
                "stopped (SIGTERM); the cases recorded so far are kept. Run the same command "
                "again to continue.",
                returncode=TERMINATED,
            ) from exc
        except KeyboardInterrupt as exc:
            raise CommandError(
                "interrupted; the cases recorded so far are kept. Run the same command "
                "again to continue."
            ) from exc
        DemoRun.objects.filter(pk=run.pk).update(
            completed_at=timezone.now(), built_with=code_stamp()
        )
        self.stdout.write(
            f"{result.cases} cases in {result.courts} courts ({result.events} new events)"
        )
